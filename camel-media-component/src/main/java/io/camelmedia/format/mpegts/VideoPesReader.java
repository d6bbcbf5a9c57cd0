package io.camelmedia.format.mpegts;

import java.util.Arrays;
import java.util.List;

import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * H.264 / H.265 video PES (ITU-T H.222.0 2.14 / 2.17: an Annex B byte stream, one access unit per PES) to
 * frames in AVCC with 4-byte lengths (the project's frame form). Every NAL unit is kept, parameter sets
 * included, except access unit delimiters: they only delimit the byte stream and ISO/IEC 14496-15 samples
 * do without them. The track's avcC/hvcC comes from the first access unit with an SPS and a PPS (frames
 * before it are dropped: nothing can decode them); a later access unit whose parameter sets make another
 * record gives a new Track with the same id. Key frame = an IDR slice (H.264) or an IRAP picture (H.265).
 */
final class VideoPesReader implements PesPayloadReader {
    private final int trackId;
    private final Codec codec;
    private final TsDemuxerStats stats;
    private Track track;
    private byte[] record;
    private long lastPts;
    private long lastDts;

    VideoPesReader(int trackId, Codec codec, TsDemuxerStats stats) {
        this.trackId = trackId;
        this.codec = codec;
        this.stats = stats;
    }

    @Override
    public Track track() {
        return track;
    }

    @Override
    public void read(byte[] data, int offset, int length, long pts90k, long dts90k, List<MediaFrame> out) {
        NalUnits units = AnnexB.split(data, offset, length);
        byte[] sets = TrackConfigs.parameterSetRecord(codec, units);
        if (sets != null && !Arrays.equals(sets, record)) {
            track = TrackConfigs.track(trackId, codec, sets);
            record = sets;
        }
        if (pts90k != PesHeader.NO_TIMESTAMP) {
            lastPts = pts90k;
            lastDts = dts90k;
        }
        if (track == null) {
            stats.droppedFrames++;
            return;
        }
        byte[] avcc = toAvcc(units);
        if (avcc.length == 0) {
            return; // only delimiters
        }
        out.add(MediaFrame.of(track, lastPts, lastDts, keyframe(units), BitstreamFormat.AVCC, avcc));
    }

    private byte[] toAvcc(NalUnits units) {
        return Avcc.join(units, i -> !isAud(units.header(i)));
    }

    private boolean isAud(byte header) {
        return type(header) == (codec == Codec.H264 ? io.camelmedia.codec.h264.NalUnitType.AUD
                : io.camelmedia.codec.h265.NalUnitType.AUD);
    }

    private boolean keyframe(NalUnits units) {
        for (int i = 0; i < units.count(); i++) {
            int t = type(units.header(i));
            if (codec == Codec.H264 ? t == io.camelmedia.codec.h264.NalUnitType.IDR_SLICE
                    : io.camelmedia.codec.h265.NalUnitType.isIrap(t)) {
                return true;
            }
        }
        return false;
    }

    private int type(byte header) {
        return codec == Codec.H264 ? io.camelmedia.codec.h264.NalUnitType.of(header)
                : io.camelmedia.codec.h265.NalUnitType.of(header);
    }
}
