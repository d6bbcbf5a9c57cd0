package io.camelmedia.frame;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a live stream carries, announced before its first frame: its path (e.g. {@code live/cam1}),
 * its tracks, and whatever metadata the publisher sent (RTMP {@code onMetaData}, SDP attributes...).
 */
public final class StreamInfo {
    private final String path;
    private final List<Track> tracks;
    private final Map<String, Object> metadata;

    public StreamInfo(String path, List<Track> tracks, Map<String, Object> metadata) {
        this.path = Objects.requireNonNull(path, "path");
        this.tracks = List.copyOf(tracks);
        this.metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public String path() {
        return path;
    }

    public List<Track> tracks() {
        return tracks;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    public Optional<Track> track(MediaType type) {
        return tracks.stream().filter(t -> t.mediaType() == type).findFirst();
    }

    public Optional<Track> video() {
        return track(MediaType.VIDEO);
    }

    public Optional<Track> audio() {
        return track(MediaType.AUDIO);
    }

    /** One line for logs: {@code live/cam1 H264 1280x720, AAC 44100Hz 2ch}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(path);
        String sep = " ";
        for (Track t : tracks) {
            sb.append(sep).append(t.codec());
            if (t.mediaType() == MediaType.VIDEO) {
                sb.append(' ').append(t.width()).append('x').append(t.height());
            } else if (t.mediaType() == MediaType.AUDIO) {
                sb.append(' ').append(t.sampleRate()).append("Hz ").append(t.channels()).append("ch");
            }
            sep = ", ";
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "StreamInfo[" + describe() + "]";
    }
}
