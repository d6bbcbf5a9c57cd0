package io.camelmedia.process.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.camelmedia.format.fmp4.FragmentedFile;
import io.camelmedia.format.mpegts.TsFile;
import io.camelmedia.format.segment.RecordingName;
import io.camelmedia.format.webm.LiveWebmFile;

/**
 * The files of live recordings in a directory: their names ({@code <stream>/<start>.<mp4|ts|webm>},
 * {@link RecordingName}), the {@code .part} suffix of a file being written, recovery of unfinished files after a
 * crash, and retention. Only files whose names parse as a start time are ever touched.
 */
public final class RecordingFiles {
    private static final System.Logger LOG = System.getLogger(RecordingFiles.class.getName());
    /** Files being written by any recorder of this JVM: recovery and retention leave them alone. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private RecordingFiles() {
    }

    /** {@code <stream>/<start>.<extension>} for a file starting at {@code startMillis}. */
    public static String relativeName(String stream, long startMillis, String extension) {
        String s = stream.isEmpty() ? "stream" : stream;
        return s + "/" + RecordingName.of(startMillis, extension);
    }

    /** The start time a recording's file name says (epoch ms), or -1 when it is not a recording's name. */
    public static long startOf(Path file) {
        return RecordingName.startOf(file.getFileName().toString());
    }

    static void opened(Path part) {
        OPEN.add(part.toAbsolutePath().normalize());
    }

    static void closed(Path part) {
        OPEN.remove(part.toAbsolutePath().normalize());
    }

    /**
     * Makes every unfinished {@code <start>.<ext>.part} below {@code root} (not being written here) playable: cut
     * after its last complete part when the tail is torn (fMP4: {@code moof + mdat}; MPEG-TS: 188-byte packet; WebM:
     * Cluster), then renamed to {@code <start>.<ext>}. Never deletes.
     */
    public static List<RecordedFile> recover(Path root) throws IOException {
        List<RecordedFile> done = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return done;
        }
        Path base = root.toAbsolutePath().normalize();
        for (Path part : list(base, true)) {
            if (OPEN.contains(part)) {
                continue;
            }
            RecordedFile r = recoverOne(base, part);
            if (r != null) {
                done.add(r);
            }
        }
        return done;
    }

    private static RecordedFile recoverOne(Path base, Path part) throws IOException {
        long size;
        long playable;
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            size = ch.size();
            playable = playableLength(part, ch);
            if (playable < size) {
                ch.truncate(playable);
                ch.force(true);
            }
        }
        String name = part.getFileName().toString();
        Path target = part.resolveSibling(name.substring(0, name.length() - ".part".length()));
        if (Files.exists(target)) {
            LOG.log(System.Logger.Level.WARNING, "recording recovery: " + target + " exists; " + part + " left as it is");
            return null;
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.log(System.Logger.Level.WARNING, "recording recovery: unfinished " + part + " (" + size + " bytes) kept as "
                + target + " (" + playable + " bytes" + (playable < size ? ", torn tail of " + (size - playable) + " cut" : "")
                + ")");
        String rel = base.relativize(target).toString().replace('\\', '/');
        String stream = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
        return new RecordedFile(target, rel, stream, startOf(target), 0, playable, 0, 0, true);
    }

    private static long playableLength(Path part, FileChannel ch) throws IOException {
        return switch (RecordingName.extension(part.getFileName().toString())) {
            case "ts" -> TsFile.playableLength(ch);
            case "webm" -> LiveWebmFile.playableLength(ch);
            default -> FragmentedFile.playableLength(ch);
        };
    }

    /**
     * Deletes finished recordings below {@code root}, oldest start first: those that started more than {@code maxAge}
     * ago (zero: no age limit), then while all recordings together (finished and being written) exceed
     * {@code maxTotalSize} bytes (zero: no size limit). Files being written are never deleted. Returns what it deleted.
     */
    public static List<Path> applyRetention(Path root, Duration maxAge, long maxTotalSize, long nowMillis) throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (maxAge.isZero() && maxTotalSize <= 0 || !Files.isDirectory(root)) {
            return deleted;
        }
        Path base = root.toAbsolutePath().normalize();
        List<Path> finished = new ArrayList<>(list(base, false));
        finished.sort(Comparator.comparingLong(RecordingFiles::startOf).thenComparing(Path::toString));
        long total = size(finished) + size(list(base, true));
        for (Path f : finished) {
            boolean old = !maxAge.isZero() && startOf(f) < nowMillis - maxAge.toMillis();
            boolean over = maxTotalSize > 0 && total > maxTotalSize;
            if (!old && !over) {
                continue;
            }
            long n = sizeOf(f);
            if (Files.deleteIfExists(f)) {
                deleted.add(f);
                total -= n;
            }
        }
        return deleted;
    }

    /** The recordings below {@code base}: the unfinished ({@code .part}) ones or the finished ones. */
    private static List<Path> list(Path base, boolean unfinished) throws IOException {
        try (Stream<Path> s = Files.walk(base)) {
            return s.filter(p -> startOf(p) >= 0 && RecordingName.isPart(p.getFileName().toString()) == unfinished
                    && Files.isRegularFile(p)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long size(List<Path> files) {
        return files.stream().mapToLong(RecordingFiles::sizeOf).sum();
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
