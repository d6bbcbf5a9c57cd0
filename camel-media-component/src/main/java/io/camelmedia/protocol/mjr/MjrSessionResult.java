package io.camelmedia.protocol.mjr;

import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.payload.DepacketizerStats;

import java.util.List;
import java.util.Optional;

/**
 * What replaying one session did: per track, the recording read, the Track announced, what the
 * depacketizer counted, frames delivered, and where the track starts on the common timeline.
 *
 * @param path   the stream path the frames carried
 * @param tracks one entry per file of the session, in track id order
 */
public record MjrSessionResult(String path, List<TrackResult> tracks) {
    public MjrSessionResult {
        tracks = List.copyOf(tracks);
    }

    /**
     * @param recording    the file, ordered ({@link MjrTrack#stats()} has the losses, {@link MjrTrack#damage()} the damage)
     * @param track        the Track announced in STARTED
     * @param depacketizer its counters (null for data recordings)
     * @param frames       frames delivered
     * @param startMicros  where the track's first packet sits on the session timeline
     */
    public record TrackResult(MjrTrack recording, Track track, DepacketizerStats depacketizer, long frames,
                              long startMicros) {
    }

    /** The first damage met in any file, if any. */
    public Optional<MjrException> damage() {
        return tracks.stream().map(t -> t.recording().damage()).filter(d -> d != null).findFirst();
    }

    public Optional<TrackResult> track(int id) {
        return tracks.stream().filter(t -> t.track().id() == id).findFirst();
    }
}
