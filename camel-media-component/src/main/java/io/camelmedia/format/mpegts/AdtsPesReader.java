package io.camelmedia.format.mpegts;

import java.util.Arrays;

import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.aac.AdtsHeader;
import io.camelmedia.frame.Codec;

/**
 * AAC PES (stream_type 0x0F: ISO/IEC 13818-7 ADTS frames back to back) to raw AAC frames, the ADTS header
 * (and CRC) stripped, 1024 samples per raw data block. The track's AudioSpecificConfig comes from the first
 * header, a new Track when a later header says otherwise. Framing and timing: {@link FramedAudioPesReader}.
 */
final class AdtsPesReader extends FramedAudioPesReader {
    /** Samples per raw_data_block in ADTS (960-sample frames cannot be signalled there). */
    private static final int SAMPLES_PER_BLOCK = 1024;
    /** ADTS syncword 0xFFF: 12 ones. */
    private static final int SYNC_MASK = 0xF0;
    private byte[] config;

    AdtsPesReader(int trackId, TsDemuxerStats stats) {
        super(trackId, stats, "ADTS", SYNC_MASK);
    }

    @Override
    Frame header(byte[] data, int pos, int end) {
        AdtsHeader h = AdtsHeader.decode(data, pos, end - pos);
        byte[] c = h.audioSpecificConfig().encode();
        if (track == null || !Arrays.equals(c, config)) {
            track = TrackConfigs.track(trackId, Codec.AAC, c);
            config = c;
        }
        return new Frame(h.headerLength(), h.frameLength(), SAMPLES_PER_BLOCK * h.rawDataBlocks());
    }
}
