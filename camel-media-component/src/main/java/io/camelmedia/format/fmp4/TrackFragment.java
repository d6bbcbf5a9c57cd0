package io.camelmedia.format.fmp4;

import java.util.List;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;

/**
 * One {@code traf} (ISO/IEC 14496-12 8.8.6) and the {@code mdat} bytes of its samples:
 *
 * <pre>
 * tfhd  FullBox v0 flags default-base-is-moof (0x020000) [| default-sample-flags-present (0x20)]
 *       track_ID(32) [default_sample_flags(32)]                                          8.8.7
 * tfdt  FullBox v1  baseMediaDecodeTime(64)                                             8.8.12
 * trun  FullBox v1 flags data-offset | duration | size [| flags] [| composition-offset]
 *       sample_count(32) data_offset(32, from the start of the moof) { per sample }     8.8.8
 * </pre>
 *
 * Video samples carry their own flags (a key frame: sample_depends_on 2; otherwise sample_depends_on 1
 * and sample_is_non_sync_sample 1). Audio samples are all sync samples, said once by tfhd's
 * default_sample_flags. Composition offsets ({@code pts - dts}, trun version 1: signed) are written when
 * the track is video or any sample has one. An empty run gives a traf without trun (8.8.8: zero or more).
 *
 * <p>Sizes are computed in the constructor (Annex B samples are split into NAL units once, here), so
 * the fragment is written into one array without copies beyond the payloads themselves.
 */
final class TrackFragment {
    /** 8.8.7.1 tfhd flags. */
    static final int DEFAULT_BASE_IS_MOOF = 0x020000;
    static final int DEFAULT_SAMPLE_FLAGS_PRESENT = 0x000020;
    /** 8.8.8.1 trun flags. */
    static final int DATA_OFFSET_PRESENT = 0x000001;
    static final int SAMPLE_DURATION_PRESENT = 0x000100;
    static final int SAMPLE_SIZE_PRESENT = 0x000200;
    static final int SAMPLE_FLAGS_PRESENT = 0x000400;
    static final int SAMPLE_COMPOSITION_TIME_OFFSETS_PRESENT = 0x000800;
    /** 8.8.3.1 sample flags: sample_depends_on 2 (an I picture, depends on no other). */
    static final int SYNC_SAMPLE_FLAGS = 0x0200_0000;
    /** 8.8.3.1 sample flags: sample_depends_on 1 and sample_is_non_sync_sample 1. */
    static final int NON_SYNC_SAMPLE_FLAGS = 0x0101_0000;
    /**
     * Samples per run: a 10 s segment of 240 fps video has 2 400, of 48 kHz AAC about 470; 100 000 is far
     * above any real segment or part and keeps one trun under 1.6 MB.
     */
    static final int MAX_SAMPLES_PER_RUN = 100_000;
    /** sample_duration is an unsigned 32-bit field. */
    static final long MAX_SAMPLE_DURATION = 0xFFFF_FFFFL;

    private final TrackRun run;
    private final int trackId;
    private final boolean video;
    private final int trunFlags;
    private final int[] sampleSizes;
    /** Per sample: the NAL units of an Annex B payload (re-framed with 4-byte lengths when written), else null. */
    private final NalUnits[] annexB;
    private final long dataSize;
    private final int size;

    TrackFragment(TrackRun run) {
        this.run = run;
        this.trackId = run.track().id();
        MovieBox.checkTrackId(trackId);
        this.video = run.track().mediaType() == MediaType.VIDEO;
        if (run.baseMediaDecodeTime() < 0) {
            throw Fmp4Exception.limit("tfdt", "baseMediaDecodeTime", run.baseMediaDecodeTime(), Long.MAX_VALUE, trackId);
        }
        List<Sample> samples = run.samples();
        if (samples.size() > MAX_SAMPLES_PER_RUN) {
            throw Fmp4Exception.limit("trun", "sample_count", samples.size(), MAX_SAMPLES_PER_RUN, trackId);
        }
        this.sampleSizes = new int[samples.size()];
        this.annexB = new NalUnits[samples.size()];
        boolean offsets = video;
        long data = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            offsets |= checkSample(s, i) != 0;
            sampleSizes[i] = sampleSize(s.frame(), i);
            data += sampleSizes[i];
        }
        this.dataSize = data;
        this.trunFlags = DATA_OFFSET_PRESENT | SAMPLE_DURATION_PRESENT | SAMPLE_SIZE_PRESENT
                | (video ? SAMPLE_FLAGS_PRESENT : 0) | (offsets ? SAMPLE_COMPOSITION_TIME_OFFSETS_PRESENT : 0);
        this.size = BoxWriter.HEADER + tfhdSize() + tfdtSize() + trunSize();
    }

    /** Checks the sample's track and numbers; returns its composition offset. */
    private long checkSample(Sample s, int index) {
        MediaFrame f = s.frame();
        if (f.track().id() != trackId) {
            throw new Fmp4Exception("trun: sample " + index + " is on track " + f.track().id() + ", the run on track "
                    + trackId);
        }
        if (s.duration() < 0 || s.duration() > MAX_SAMPLE_DURATION) {
            throw Fmp4Exception.limit("trun", "sample_duration of sample " + index, s.duration(), MAX_SAMPLE_DURATION,
                    trackId);
        }
        long offset = f.pts() - f.dts();
        if (offset != (int) offset) {
            throw new Fmp4Exception("trun: sample_composition_time_offset " + offset + " of sample " + index
                    + " does not fit 32 signed bits (track " + trackId + ")");
        }
        return offset;
    }

    /** The bytes the sample takes in the mdat: the payload, or its Annex B NAL units with 4-byte lengths. */
    private int sampleSize(MediaFrame f, int index) {
        if (f.format() != BitstreamFormat.ANNEX_B) {
            return f.payloadLength();
        }
        try {
            byte[] payload = f.payloadBytes();
            annexB[index] = AnnexB.split(payload, 0, payload.length);
            return Avcc.joinedLength(annexB[index]);
        } catch (CodecException e) {
            throw new Fmp4Exception("mdat: sample " + index + " of track " + trackId + " is not valid Annex B: "
                    + e.getMessage(), e);
        }
    }

    private int tfhdSize() {
        return BoxWriter.FULL_HEADER + 4 + (video ? 0 : 4);
    }

    private static int tfdtSize() {
        return BoxWriter.FULL_HEADER + 8;
    }

    private int trunSize() {
        if (sampleSizes.length == 0) {
            return 0;
        }
        return BoxWriter.FULL_HEADER + 8 + sampleSizes.length * bytesPerSample();
    }

    private int bytesPerSample() {
        return 8 + ((trunFlags & SAMPLE_FLAGS_PRESENT) != 0 ? 4 : 0)
                + ((trunFlags & SAMPLE_COMPOSITION_TIME_OFFSETS_PRESENT) != 0 ? 4 : 0);
    }

    /** Bytes of the traf box. */
    int size() {
        return size;
    }

    /** Bytes of this run's samples in the mdat. */
    long dataSize() {
        return dataSize;
    }

    /** Writes the traf; {@code dataOffset} is where this run's first sample is, counted from the moof's first byte. */
    void write(BoxWriter w, int dataOffset) {
        w.header(size, "traf");
        w.fullHeader(tfhdSize(), "tfhd", 0, DEFAULT_BASE_IS_MOOF | (video ? 0 : DEFAULT_SAMPLE_FLAGS_PRESENT))
                .u32(trackId);
        if (!video) {
            w.u32(SYNC_SAMPLE_FLAGS);
        }
        w.fullHeader(tfdtSize(), "tfdt", 1, 0).u64(run.baseMediaDecodeTime());
        if (sampleSizes.length == 0) {
            return;
        }
        w.fullHeader(trunSize(), "trun", 1, trunFlags).u32(sampleSizes.length).u32(dataOffset);
        boolean flags = (trunFlags & SAMPLE_FLAGS_PRESENT) != 0;
        boolean offsets = (trunFlags & SAMPLE_COMPOSITION_TIME_OFFSETS_PRESENT) != 0;
        List<Sample> samples = run.samples();
        for (int i = 0; i < sampleSizes.length; i++) {
            Sample s = samples.get(i);
            w.u32(s.duration()).u32(sampleSizes[i]);
            if (flags) {
                w.u32(s.frame().keyframe() ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
            }
            if (offsets) {
                w.u32(s.frame().pts() - s.frame().dts());
            }
        }
    }

    /** Writes this run's sample bytes into the mdat. */
    void writeData(BoxWriter w) {
        List<Sample> samples = run.samples();
        byte[] out = w.array();
        for (int i = 0; i < sampleSizes.length; i++) {
            int pos = w.position();
            NalUnits units = annexB[i];
            if (units == null) {
                samples.get(i).frame().copyPayload(0, out, pos, sampleSizes[i]);
            } else {
                for (int n = 0; n < units.count(); n++) {
                    pos = Avcc.writeLength(out, pos, units.length(n));
                    System.arraycopy(units.buffer(), units.offset(n), out, pos, units.length(n));
                    pos += units.length(n);
                }
            }
            w.skip(sampleSizes[i]);
        }
    }
}
