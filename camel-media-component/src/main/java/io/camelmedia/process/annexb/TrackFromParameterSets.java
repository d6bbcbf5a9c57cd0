package io.camelmedia.process.annexb;

import java.util.List;

import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h265.HevcDecoderConfigurationRecord;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;

/** A track like {@code base} (same id, clock...) described by parameter sets found in-band. */
final class TrackFromParameterSets {
    private TrackFromParameterSets() {
    }

    static Track build(Track base, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
        byte[] config;
        int width;
        int height;
        if (base.codec() == Codec.H264) {
            config = AvcDecoderConfigurationRecord.of(sps, pps).encode();
            io.camelmedia.codec.h264.Sps s = io.camelmedia.codec.h264.Sps.decode(sps.get(0));
            width = s.width();
            height = s.height();
        } else {
            config = HevcDecoderConfigurationRecord.of(vps, sps, pps).encode();
            io.camelmedia.codec.h265.Sps s = io.camelmedia.codec.h265.Sps.decode(sps.get(0));
            width = s.width();
            height = s.height();
        }
        return base.toBuilder().config(config).width(width).height(height).build();
    }
}
