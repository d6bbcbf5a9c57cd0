package io.camelmedia.format.segment;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The file names of live recordings, the contract between the recorder and playback: {@code <start>.<ext>}, start the
 * UTC wall clock of the file's first frame as MediaMTX's {@code %Y-%m-%d_%H-%M-%S-%f} (milliseconds), ext one of
 * {@link #EXTENSIONS}, {@code .part} appended while the file is written. The one parser of these names.
 */
public final class RecordingName {
    /** The start-time part of a file name. */
    public static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss-SSS");
    /** The containers a live recording writes: fragmented MP4, MPEG-TS, live WebM. */
    public static final List<String> EXTENSIONS = List.of("mp4", "ts", "webm");
    public static final String PART = ".part";

    private RecordingName() {
    }

    /** {@code <start>.<extension>} for a file starting at {@code startMillis}. */
    public static String of(long startMillis, String extension) {
        return START.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(startMillis), ZoneOffset.UTC)) + "." + extension;
    }

    /** The start time (epoch ms) a recording's file name says, finished or {@code .part}; -1 when it is not one. */
    public static long startOf(String fileName) {
        String n = isPart(fileName) ? fileName.substring(0, fileName.length() - PART.length()) : fileName;
        String ext = extension(n);
        if (ext == null) {
            return -1;
        }
        try {
            return LocalDateTime.parse(n.substring(0, n.length() - ext.length() - 1), START).toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** The container extension of a recording's name (without {@code .part}), or null when it has none of ours. */
    public static String extension(String fileName) {
        String n = isPart(fileName) ? fileName.substring(0, fileName.length() - PART.length()) : fileName;
        for (String ext : EXTENSIONS) {
            if (n.endsWith("." + ext)) {
                return ext;
            }
        }
        return null;
    }

    public static boolean isPart(String fileName) {
        return fileName.endsWith(PART);
    }
}
