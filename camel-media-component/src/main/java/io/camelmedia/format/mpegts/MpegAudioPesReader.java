package io.camelmedia.format.mpegts;

import io.camelmedia.codec.mpa.MpegAudioFrameHeader;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;

/**
 * MPEG audio PES (stream_type 0x03 / 0x04: ISO/IEC 11172-3 / 13818-3 frames back to back) to one frame per
 * MPEG audio frame, header kept (the form FLV and MP4 carry). Codec MP3 for every layer (the frame model has
 * no MP2). The track (sample rate = clock, channels) comes from the first header, a new Track when they
 * change. A free-format frame (no length in its header) takes the rest of the PES. Framing and timing:
 * {@link FramedAudioPesReader}.
 */
final class MpegAudioPesReader extends FramedAudioPesReader {
    /** MPEG audio frame sync: 11 ones. */
    private static final int SYNC_MASK = 0xE0;

    MpegAudioPesReader(int trackId, TsDemuxerStats stats) {
        super(trackId, stats, "MPEG audio", SYNC_MASK);
    }

    @Override
    Frame header(byte[] data, int pos, int end) {
        MpegAudioFrameHeader h = MpegAudioFrameHeader.decode(data, pos, end - pos);
        if (track == null || track.sampleRate() != h.sampleRate() || track.channels() != h.channels()) {
            track = Track.builder(trackId, Codec.MP3).sampleRate(h.sampleRate()).channels(h.channels())
                    .clockRate(h.sampleRate()).build();
        }
        return new Frame(0, h.frameLength(), h.samplesPerFrame());
    }
}
