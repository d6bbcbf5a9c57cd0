package io.camelmedia.testing;

import java.util.ArrayList;
import java.util.List;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;

/**
 * A {@link MediaListener} that records every call in order, for assertions: the event sequence
 * ({@link #events()}: "started", "frame", "ended"), the StreamInfos, the frames (all, or per track id) and
 * the end reasons. Not thread-safe; one stream.
 */
public final class RecordingMediaListener implements MediaListener {
    private final List<String> events = new ArrayList<>();
    private final List<StreamInfo> starts = new ArrayList<>();
    private final List<MediaFrame> frames = new ArrayList<>();
    private final List<String> endReasons = new ArrayList<>();

    @Override
    public void started(StreamInfo info) {
        events.add("started");
        starts.add(info);
    }

    @Override
    public void frame(String path, MediaFrame frame) {
        events.add("frame");
        frames.add(frame);
    }

    @Override
    public void ended(String path, String reason) {
        events.add("ended");
        endReasons.add(reason);
    }

    public List<String> events() {
        return events;
    }

    public List<StreamInfo> starts() {
        return starts;
    }

    /** The one STARTED's info; fails unless there was exactly one. */
    public StreamInfo info() {
        if (starts.size() != 1) {
            throw new AssertionError("expected exactly one started(), got " + starts.size());
        }
        return starts.get(0);
    }

    public List<MediaFrame> frames() {
        return frames;
    }

    public List<MediaFrame> frames(int trackId) {
        return frames.stream().filter(f -> f.track().id() == trackId).toList();
    }

    /** The distinct Tracks (by value) the frames of {@code trackId} carried, in order of first use. */
    public List<Track> tracks(int trackId) {
        List<Track> out = new ArrayList<>();
        for (MediaFrame f : frames(trackId)) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(f.track())) {
                out.add(f.track());
            }
        }
        return out;
    }

    public List<String> endReasons() {
        return endReasons;
    }
}
