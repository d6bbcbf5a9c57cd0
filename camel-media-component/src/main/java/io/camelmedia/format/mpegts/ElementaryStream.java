package io.camelmedia.format.mpegts;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;

/**
 * One elementary stream of the program: its PID, stream_type, PES stream_id, continuity counter, and how
 * its frames become PES payloads (Annex B access unit, ADTS frame, Opus control header + packet, MP3 frame as is).
 */
final class ElementaryStream {
    final int trackId;
    final Codec codec;
    final int pid;
    final int streamType;
    final int streamId;
    final ContinuityCounter cc = new ContinuityCounter();
    private final VideoAccessUnit video;
    private final AdtsFramer adts;

    ElementaryStream(Track track, int pid) {
        this.trackId = track.id();
        this.codec = track.codec();
        this.pid = pid;
        this.streamType = StreamType.of(track);
        this.streamId = track.mediaType() == MediaType.VIDEO ? PesHeader.VIDEO_STREAM_ID
                : codec == Codec.OPUS ? PesHeader.PRIVATE_STREAM_1 : PesHeader.AUDIO_STREAM_ID;
        this.video = codec.isNalBased() ? new VideoAccessUnit(codec) : null;
        this.adts = codec == Codec.AAC ? new AdtsFramer() : null;
    }

    /** The PES payload of {@code frame}. */
    byte[] payload(MediaFrame frame) {
        if (video != null) {
            return video.toAnnexB(frame);
        }
        if (adts != null) {
            return adts.frame(frame);
        }
        if (codec == Codec.OPUS) {
            return opusAccessUnit(frame);
        }
        return frame.payloadBytes();
    }

    /**
     * An Opus packet behind its opus_control_header (ETSI TS 102 366 Annex A style): prefix 0x3FF, no trim, no
     * extension, then au_size as 0xFF bytes and a last byte below 255.
     */
    private static byte[] opusAccessUnit(MediaFrame frame) {
        int size = frame.payloadLength();
        int sizeBytes = size / 255 + 1;
        byte[] out = new byte[2 + sizeBytes + size];
        out[0] = 0x7F;
        out[1] = (byte) 0xE0;
        for (int i = 0; i < sizeBytes - 1; i++) {
            out[2 + i] = (byte) 0xFF;
        }
        out[1 + sizeBytes] = (byte) (size % 255);
        frame.copyPayload(0, out, 2 + sizeBytes, size);
        return out;
    }
}
