package io.camelmedia.protocol.playback;

import java.nio.file.Path;
import java.time.Instant;

import io.camelmedia.format.segment.RecordingName;

/**
 * One recording file: {@code <directory>/<streamPath>/<start>.<mp4|ts|webm>} ({@link RecordingName}), {@code <start>}
 * the UTC wall-clock time of its first frame, {@code .part} while it is written.
 */
public record Recording(String streamPath, String fileName, Path file, Instant start, long size, long lastModified,
                        boolean inProgress) {

    /** The start time a file name says, or null when it is not a recording's name. */
    static Instant startOf(String fileName) {
        long ms = RecordingName.startOf(fileName);
        return ms < 0 ? null : Instant.ofEpochMilli(ms);
    }

    static boolean isPart(String fileName) {
        return RecordingName.isPart(fileName);
    }

    /** The container: mp4 (fragmented, indexed for playlists), ts or webm (listed and served as files). */
    String extension() {
        return RecordingName.extension(fileName);
    }

    boolean isFragmentedMp4() {
        return "mp4".equals(extension());
    }

    /** The Content-Type of a recording file by its name. */
    static String contentType(String fileName) {
        String ext = RecordingName.extension(fileName);
        return switch (ext == null ? "" : ext) {
            case "ts" -> "video/mp2t";
            case "webm" -> "video/webm";
            default -> "video/mp4";
        };
    }
}
