package io.camelmedia.process.record;

import java.nio.file.Path;

/**
 * A finished live-recording file.
 *
 * @param file            the {@code .mp4}, {@code .ts} or {@code .webm} file
 * @param relativePath    its path below the recording directory ({@code <stream>/<start>.<ext>}, '/'-separated)
 * @param stream          the stream path
 * @param startMillis     wall-clock time of its first frame, epoch ms (the name says the same)
 * @param durationSeconds media time it covers (0 when recovered after a crash: unknown without parsing)
 * @param size            bytes
 * @param frames          frames written (0 when recovered)
 * @param droppedParts    parts left out because the write queue was full
 * @param recovered       an unfinished {@code .part} file found at start and made playable
 */
public record RecordedFile(Path file, String relativePath, String stream, long startMillis, double durationSeconds,
                           long size, long frames, long droppedParts, boolean recovered) {
}
