package io.camelmedia.format.mpegts;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;

/**
 * One elementary stream of the program: its PID, stream_type, PES stream_id, continuity counter, and how
 * its frames become PES payloads (Annex B access unit, ADTS frame, MP3 frame as is).
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
        this.streamId = track.mediaType() == MediaType.VIDEO ? PesHeader.VIDEO_STREAM_ID : PesHeader.AUDIO_STREAM_ID;
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
        return frame.payloadBytes();
    }
}
