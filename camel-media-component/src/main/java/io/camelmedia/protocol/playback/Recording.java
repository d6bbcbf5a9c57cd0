package io.camelmedia.protocol.playback;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recording file: {@code <directory>/<streamPath>/<start>.mp4}, {@code <start>} the UTC wall-clock time of its
 * first frame as {@code yyyy-MM-dd_HH-mm-ss-SSS} (MediaMTX's naming), {@code .mp4.part} while it is written.
 */
public record Recording(String streamPath, String fileName, Path file, Instant start, long size, long lastModified,
                        boolean inProgress) {
    static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss-SSS");
    static final Pattern NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}-\\d{3})\\.mp4(\\.part)?");

    /** The start time a file name says, or null when it is not a recording's name. */
    static Instant startOf(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDateTime.parse(m.group(1), NAME_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean isPart(String fileName) {
        return fileName.endsWith(".part");
    }
}
