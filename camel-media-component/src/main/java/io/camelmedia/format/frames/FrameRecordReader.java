package io.camelmedia.format.frames;

import java.util.HashMap;
import java.util.Map;

import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;

/**
 * One stream rebuilt from its records, in order, as the events of {@code path}. A reader that joins a stream in
 * progress (a consumer starting at the latest offset of a topic) starts at the first key frame that carries the
 * stream's description; frames before it are counted and dropped. A repeated STARTED with the same tracks (a
 * redelivered record) is ignored; one with other tracks ends the stream and starts it again.
 */
public final class FrameRecordReader {
    private final String path;
    private final MediaListener listener;
    private final Map<Integer, Track> tracks = new HashMap<>();
    private StreamInfo info;
    private long framesBeforeStart;
    private long framesOfUnknownTracks;

    /** Events go to {@code listener} under {@code path}, whatever path the records were written under. */
    public FrameRecordReader(String path, MediaListener listener) {
        this.path = path;
        this.listener = listener;
    }

    public String path() {
        return path;
    }

    public boolean started() {
        return info != null;
    }

    /** Frames dropped because no description had arrived yet (joined mid-stream, before a key frame). */
    public long framesBeforeStart() {
        return framesBeforeStart;
    }

    /** Frames of a track the description does not have. */
    public long framesOfUnknownTracks() {
        return framesOfUnknownTracks;
    }

    /**
     * Feeds one parsed record; {@code record} is the array it was parsed from, which frames now share.
     * Returns true when the record ended the stream (ENDED): the next record starts it again.
     */
    public boolean accept(FrameRecords.Parsed parsed, byte[] record) {
        switch (parsed.event()) {
            case STARTED -> start(parsed.info(), true);
            case FRAME -> {
                if (info == null && parsed.info() != null && parsed.keyframe()) {
                    start(parsed.info(), false);
                }
                if (info == null) {
                    framesBeforeStart++;
                    return false;
                }
                Track track = tracks.get(parsed.trackId());
                if (track == null) {
                    framesOfUnknownTracks++;
                    return false;
                }
                listener.frame(path, parsed.frame(track, record));
            }
            case ENDED -> {
                end(parsed.reason());
                return true;
            }
        }
        return false;
    }

    /** Ends the stream here (the source went quiet, or the route stops); nothing when it has not started. */
    public void end(String reason) {
        if (info != null) {
            info = null;
            tracks.clear();
            listener.ended(path, reason);
        }
    }

    private void start(StreamInfo announced, boolean restartOnChange) {
        if (info != null) {
            if (info.tracks().equals(announced.tracks()) || !restartOnChange) {
                return;
            }
            end("restarted upstream with other tracks");
        }
        info = announced.path().equals(path) ? announced : new StreamInfo(path, announced.tracks(), announced.metadata());
        for (Track t : info.tracks()) {
            tracks.put(t.id(), t);
        }
        listener.started(info);
    }

    /** For logs: what was dropped. */
    public String losses() {
        return framesBeforeStart + " frames before a description, " + framesOfUnknownTracks + " of unknown tracks";
    }
}
