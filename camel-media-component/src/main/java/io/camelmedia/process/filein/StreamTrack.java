package io.camelmedia.process.filein;

import java.util.Arrays;

import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.aac.AdtsHeader;
import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;

/**
 * One kept stream of a file: its {@link Track} and how its packets become frames in the project's form. Plain
 * Java (the FFmpeg side is {@link MediaFileReader}); not thread-safe.
 *
 * <ul>
 * <li><b>H.264 / H.265</b> in MP4, MKV, FLV: samples with the avcC/hvcC's NAL unit lengths, rewritten to 4-byte
 * lengths when they are 1 or 2. In MPEG-TS (and wherever the container gave no record): an Annex B byte stream,
 * split and joined as AVCC without its access unit delimiters (as the TS ingest does); the record is built from
 * the parameter sets in band, a new one giving a new Track with the same id, and frames before the first are
 * dropped (nothing can decode them).</li>
 * <li><b>AAC</b> without an AudioSpecificConfig from the container (MPEG-TS, raw .aac): ADTS frames, whose header
 * is stripped.</li>
 * <li>Every other codec: the packet as it is.</li>
 * <li><b>Time</b>: the packet's pts/dts (container time base) to the track clock, rounded to nearest, plus the
 * loop offset. Matroska stores no dts: a video packet without one gets the dts the ffmpeg tool gives it when it
 * stream-copies (first pts minus the decoder's reordering delay in frames, then + each packet's duration or one
 * frame), so dts stays monotonic and below pts across B-frames; other missing values: a missing dts is the pts, a
 * missing pts the dts, both missing the previous dts.</li>
 * </ul>
 */
final class StreamTrack {
    /** FFmpeg's AV_NOPTS_VALUE (INT64_MIN). */
    static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private static final long MICROS = 1_000_000L;

    /** How the packets of the stream arrive. */
    enum Framing {
        /** ISO/IEC 14496-15 samples with {@code lengthSize}-byte NAL unit lengths. */
        LENGTH_PREFIXED,
        /** An ITU-T H.264 Annex B byte stream (MPEG-TS). */
        ANNEX_B,
        /** ADTS frames (ISO/IEC 13818-7 / 14496-3 1.A.2). */
        ADTS,
        /** The codec's own frame, unchanged. */
        RAW
    }

    final int streamIndex;
    /** Packets of this stream read (kept or dropped). */
    long packets;
    private final Framing framing;
    private final int lengthSize;
    private final long tbNum;
    private final long tbDen;
    private final int maxFrameSize;
    private Track track;
    private byte[] record;
    private long offsetTicks;
    private long lastDts = NO_TIMESTAMP;
    private long dropped;
    /** Reordering delay in frames (FFmpeg's video_delay), for dts of packets that have none. */
    private int videoDelay;
    /** One frame in the container time base (from the average frame rate), 0 when not known. */
    private long frameDurationTb;
    private long nextDts = NO_TIMESTAMP;

    StreamTrack(int streamIndex, Track track, Framing framing, int lengthSize, long tbNum, long tbDen, int maxFrameSize) {
        if (tbNum <= 0 || tbDen <= 0) {
            throw new MediaFileException("stream " + streamIndex + ": time base " + tbNum + "/" + tbDen + " is not positive");
        }
        this.streamIndex = streamIndex;
        this.track = track;
        this.framing = framing;
        this.lengthSize = lengthSize;
        this.tbNum = tbNum;
        this.tbDen = tbDen;
        this.maxFrameSize = maxFrameSize;
        this.record = track.hasConfig() ? track.config() : null;
    }

    Track track() {
        return track;
    }

    /** How to derive a missing video dts: {@code delay} frames of reordering, one frame lasting {@code frameTb}. */
    void missingDts(int delay, long frameTb) {
        this.videoDelay = Math.max(0, delay);
        this.frameDurationTb = Math.max(0, frameTb);
    }

    /** False while a NAL-unit track still waits for its parameter sets. */
    boolean configured() {
        return !track.codec().isNalBased() || track.hasConfig();
    }

    /** Frames dropped because their parameter sets had not been seen. */
    long dropped() {
        return dropped;
    }

    /** Adds {@code micros} of loop offset from now on (the whole offset, not an increment). */
    void offsetMicros(long micros) {
        offsetTicks = Math.floorDiv(Math.multiplyExact(micros, (long) track.clockRate()) + MICROS / 2, MICROS);
    }

    /** Container time-base units to microseconds (no offset). */
    long toMicros(long ts) {
        return rescale(ts, tbNum * MICROS, tbDen);
    }

    /**
     * The frame of one packet, or null when it is dropped (before the parameter sets; empty).
     *
     * @throws MediaFileException when the packet is over {@code maxFrameSize} or malformed for its framing
     */
    MediaFrame frame(byte[] data, long pts, long dts, long duration, boolean keyframe) {
        if (data.length > maxFrameSize) {
            throw new MediaFileException("stream " + streamIndex + " " + track.codec() + ": packet of " + data.length
                    + " bytes exceeds maxFrameSize " + maxFrameSize);
        }
        long d = dts != NO_TIMESTAMP ? dts : derivedDts(pts, duration);
        long p = pts != NO_TIMESTAMP ? pts : d;
        if (d == NO_TIMESTAMP) {
            d = 0;
            p = 0;
        }
        lastDts = d;
        long ticksPts = ticks(p);
        long ticksDts = ticks(d);
        boolean key = keyframe || track.mediaType() == MediaType.AUDIO;
        try {
            return switch (framing) {
                case LENGTH_PREFIXED -> MediaFrame.of(track, ticksPts, ticksDts, key, BitstreamFormat.AVCC,
                        lengthSize == Avcc.LENGTH_SIZE ? data : Avcc.toFourByteLengths(data, 0, data.length, lengthSize));
                case ANNEX_B -> annexB(data, ticksPts, ticksDts, key);
                case ADTS -> MediaFrame.of(track, ticksPts, ticksDts, key, BitstreamFormat.RAW, withoutAdts(data));
                case RAW -> MediaFrame.of(track, ticksPts, ticksDts, key, BitstreamFormat.RAW, data);
            };
        } catch (io.camelmedia.codec.CodecException e) {
            throw new MediaFileException("stream " + streamIndex + " " + track.codec() + ": " + e.getMessage(), e);
        }
    }

    private long derivedDts(long pts, long duration) {
        if (track.mediaType() != MediaType.VIDEO || frameDurationTb == 0) {
            return pts != NO_TIMESTAMP ? pts : lastDts;
        }
        if (nextDts == NO_TIMESTAMP) {
            nextDts = (pts != NO_TIMESTAMP ? pts : 0) - videoDelay * frameDurationTb;
        }
        long d = nextDts;
        nextDts += duration > 0 ? duration : frameDurationTb;
        return d;
    }

    private MediaFrame annexB(byte[] data, long pts, long dts, boolean key) {
        NalUnits units = AnnexB.split(data, 0, data.length);
        byte[] sets = TrackConfigs.parameterSetRecord(track.codec(), units);
        if (sets != null && !Arrays.equals(sets, record)) {
            Track t = TrackConfigs.track(track.id(), track.codec(), sets);
            track = t.toBuilder().width(t.width() != 0 ? t.width() : track.width())
                    .height(t.height() != 0 ? t.height() : track.height()).build();
            record = sets;
        }
        if (record == null) {
            dropped++;
            return null;
        }
        byte[] avcc = Avcc.join(units, i -> !isAccessUnitDelimiter(units.header(i)));
        return avcc.length == 0 ? null : MediaFrame.of(track, pts, dts, key, BitstreamFormat.AVCC, avcc);
    }

    private boolean isAccessUnitDelimiter(byte header) {
        return track.codec() == Codec.H264
                ? io.camelmedia.codec.h264.NalUnitType.of(header) == io.camelmedia.codec.h264.NalUnitType.AUD
                : io.camelmedia.codec.h265.NalUnitType.of(header) == io.camelmedia.codec.h265.NalUnitType.AUD;
    }

    /** The raw_data_block of an ADTS frame; a packet without the ADTS syncword is taken as raw already. */
    private static byte[] withoutAdts(byte[] data) {
        if (data.length < AdtsHeader.HEADER_LENGTH || (data[0] & 0xFF) != 0xFF || (data[1] & 0xF0) != 0xF0) {
            return data;
        }
        AdtsHeader h = AdtsHeader.decode(data, 0, data.length);
        return Arrays.copyOfRange(data, h.headerLength(), data.length);
    }

    private long ticks(long ts) {
        return rescale(ts, tbNum * track.clockRate(), tbDen) + offsetTicks;
    }

    /** {@code value * num / den} rounded to nearest (half up), exact in long arithmetic when it fits. */
    static long rescale(long value, long num, long den) {
        try {
            return Math.floorDiv(Math.addExact(Math.multiplyExact(value, num), den / 2), den);
        } catch (ArithmeticException overflow) {
            return Math.round((double) value * num / den);
        }
    }
}
