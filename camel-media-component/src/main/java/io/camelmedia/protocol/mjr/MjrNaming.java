package io.camelmedia.protocol.mjr;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the files of one recorded session are named: {@code <name><audioSuffix>}, {@code <name><videoSuffix>}
 * and {@code <name><dataSuffix>} in one directory. Janus's VideoRoom writes
 * {@code videoroom-<room>-user-<id>-<time>-audio.mjr} / {@code -video.mjr} / {@code -data.mjr}, hence the
 * default.
 */
public record MjrNaming(String audioSuffix, String videoSuffix, String dataSuffix) {
    public static final MjrNaming DEFAULT = new MjrNaming("-audio.mjr", "-video.mjr", "-data.mjr");

    public MjrNaming {
        Objects.requireNonNull(audioSuffix, "audioSuffix");
        Objects.requireNonNull(videoSuffix, "videoSuffix");
        Objects.requireNonNull(dataSuffix, "dataSuffix");
    }

    /** The session name of {@code file} (its name without the suffix), or null when no suffix matches. */
    public String sessionName(Path file) {
        String n = file.getFileName().toString();
        for (String s : new String[] {audioSuffix, videoSuffix, dataSuffix}) {
            if (!s.isEmpty() && n.endsWith(s) && n.length() > s.length()) {
                return n.substring(0, n.length() - s.length());
            }
        }
        return null;
    }

    public Path audio(Path dir, String name) {
        return dir.resolve(name + audioSuffix);
    }

    public Path video(Path dir, String name) {
        return dir.resolve(name + videoSuffix);
    }

    public Path data(Path dir, String name) {
        return dir.resolve(name + dataSuffix);
    }
}
