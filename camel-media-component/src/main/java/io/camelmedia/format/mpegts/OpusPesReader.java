package io.camelmedia.format.mpegts;

import java.util.Arrays;
import java.util.List;

import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.codec.opus.OpusToc;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * Opus in MPEG-TS (ETSI TS 102 366-style private PES, stream_type 0x06 with registration 'Opus'): each Opus
 * packet in the PES is preceded by an opus_control_header:
 *
 * <pre>
 * control_header_prefix(11)=0x3FF start_trim_flag(1) end_trim_flag(1) control_extension_flag(1) reserved(2)
 * au_size: 0xFF bytes adding 255 each, then a final byte &lt; 255 adding itself
 * [start_trim(16): reserved(3) + 13 bits] [end_trim(16)] [control_extension_length(8) + that many bytes]
 * </pre>
 *
 * Frames are the bare Opus packets; trims are not applied (the frame model has no trim). Clock 48 kHz: the
 * first packet of a PES takes its PTS, the next ones follow by their TOC duration (RFC 6716 3.1). The track
 * is known from the PMT: an OpusHead (pre-skip 0, as MPEG-TS does not carry it) with the channels of the DVB
 * extension descriptor's channel_config_code (tag 0x7F, extension 0x80), 2 when absent.
 */
final class OpusPesReader implements PesPayloadReader {
    private static final int CONTROL_PREFIX = 0x3FF;
    private static final int PREFIX_SHIFT = 5;
    private static final int START_TRIM_FLAG = 0x10;
    private static final int END_TRIM_FLAG = 0x08;
    private static final int CONTROL_EXTENSION_FLAG = 0x04;
    private static final int TRIM_SIZE = 2;
    private static final int AU_SIZE_CONTINUES = 0xFF;
    /** DVB extension_descriptor (EN 300 468 6.2.16) and its Opus audio descriptor_tag_extension. */
    private static final int EXTENSION_DESCRIPTOR = 0x7F;
    private static final int OPUS_EXTENSION_TAG = 0x80;
    /** channel_config_code 0x80: dual mono (two mono streams). */
    private static final int DUAL_MONO = 0x80;
    private static final int DEFAULT_CHANNELS = 2;
    private static final int MAX_VORBIS_CHANNELS = 8;
    /** RFC 7845 5.1.1.2 (family 1, Vorbis order): streams and coupled streams for 3..8 channels, and the mapping. */
    private static final int[] STREAMS = {0, 1, 1, 2, 2, 3, 4, 4, 5};
    private static final int[] COUPLED = {0, 0, 1, 1, 2, 2, 2, 3, 3};
    private static final byte[][] MAPPING = {{}, {0}, {0, 1}, {0, 2, 1}, {0, 1, 2, 3}, {0, 4, 1, 2, 3},
        {0, 4, 1, 2, 3, 5}, {0, 4, 1, 2, 3, 5, 6}, {0, 6, 1, 2, 3, 4, 5, 7}};

    private final Track track;
    private final TsDemuxerStats stats;
    private long nextPts;

    OpusPesReader(int trackId, byte[] descriptors, TsDemuxerStats stats) {
        this.track = TrackConfigs.track(trackId, Codec.OPUS, head(descriptors).encode());
        this.stats = stats;
    }

    @Override
    public Track track() {
        return track;
    }

    /** The OpusHead for the PMT entry's descriptors (see the class comment). */
    static OpusHead head(byte[] descriptors) {
        int code = channelConfigCode(descriptors);
        if (code == DUAL_MONO) {
            return new OpusHead(1, 2, 0, OpusHead.DECODE_RATE, 0, 255, 2, 0, new byte[] {0, 1});
        }
        int channels = code >= 1 && code <= MAX_VORBIS_CHANNELS ? code : DEFAULT_CHANNELS;
        if (channels <= 2) {
            return OpusHead.of(channels, 0, OpusHead.DECODE_RATE);
        }
        return new OpusHead(1, channels, 0, OpusHead.DECODE_RATE, 0, 1, STREAMS[channels], COUPLED[channels],
                MAPPING[channels]);
    }

    private static int channelConfigCode(byte[] d) {
        int p = StreamType.descriptor(d, EXTENSION_DESCRIPTOR, 0);
        while (p >= 0) {
            int length = d[p - 1] & 0xFF;
            if (length >= 2 && (d[p] & 0xFF) == OPUS_EXTENSION_TAG) {
                return d[p + 1] & 0xFF;
            }
            p = StreamType.descriptor(d, EXTENSION_DESCRIPTOR, p + length);
        }
        return -1;
    }

    @Override
    public void read(byte[] data, int offset, int length, long pts90k, long dts90k, List<MediaFrame> out) {
        if (pts90k != PesHeader.NO_TIMESTAMP) {
            nextPts = SystemClock.from90k(pts90k, OpusHead.DECODE_RATE);
        }
        int end = offset + length;
        int pos = offset;
        while (pos < end) {
            if (end - pos < 2 || ((((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF)) >> PREFIX_SHIFT) != CONTROL_PREFIX) {
                fail("no control_header_prefix 0x3FF at byte " + (pos - offset) + " of " + length);
                return;
            }
            int flags = data[pos + 1];
            pos += 2;
            int size = 0;
            int b;
            do {
                if (pos >= end) {
                    fail("au_size runs past the PES");
                    return;
                }
                b = data[pos++] & 0xFF;
                size += b;
            } while (b == AU_SIZE_CONTINUES);
            pos += ((flags & START_TRIM_FLAG) != 0 ? TRIM_SIZE : 0) + ((flags & END_TRIM_FLAG) != 0 ? TRIM_SIZE : 0);
            if ((flags & CONTROL_EXTENSION_FLAG) != 0 && pos < end) {
                pos += 1 + (data[pos] & 0xFF);
            }
            if (size == 0 || size > end - pos) {
                fail("au_size " + size + " with " + (end - pos) + " bytes left");
                return;
            }
            byte[] packet = Arrays.copyOfRange(data, pos, pos + size);
            out.add(MediaFrame.of(track, nextPts, nextPts, true, BitstreamFormat.RAW, packet));
            nextPts += OpusToc.packetSamples(packet);
            pos += size;
        }
    }

    private void fail(String what) {
        stats.elementaryStreamErrors++;
        stats.error("Opus in MPEG-TS: " + what + " on track " + track.id());
    }
}
