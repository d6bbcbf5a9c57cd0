package io.camelmedia.bench;

import java.util.HexFormat;
import java.util.List;

import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;

/** The tracks the benchmarks feed: real parameter sets, the record and size derived by the codec layer. */
final class BenchTracks {
    /** The SPS of a real 1280x720 High profile stream (bundled ffmpeg 8, libopenh264 -b:v 3M). */
    static final byte[] SPS_720P = HexFormat.of().parseHex("67640c1fac18d00a00b760203c2211a8");
    /** Its PPS. */
    static final byte[] PPS_720P = HexFormat.of().parseHex("68ee3c80");

    private BenchTracks() {
    }

    /** H.264 1280x720 (avcC built from {@link #SPS_720P} / {@link #PPS_720P}). */
    static Track h264720p(int id) {
        byte[] avcC = AvcDecoderConfigurationRecord.of(List.of(SPS_720P), List.of(PPS_720P)).encode();
        return TrackConfigs.track(id, Codec.H264, avcC);
    }

    /** AAC-LC 48 kHz stereo. */
    static Track aac48kStereo(int id) {
        return TrackConfigs.track(id, Codec.AAC, AudioSpecificConfig.of(2, 48_000, 2).encode());
    }
}
