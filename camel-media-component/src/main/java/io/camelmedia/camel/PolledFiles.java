package io.camelmedia.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory watch of the file consumers ({@code file-mjr:}, {@code file-media:}), as Camel's {@code file:}
 * polls: the files of a directory whose names match {@code include} (or the one file given), each taken once its
 * size and time stayed the same over a poll and it is {@code readLockMinAge} ms old, never one twice (path + size +
 * time remembered, bounded), moved or deleted when done. Used from the consumer's poll thread and the threads it
 * hands files to: synchronized.
 */
public final class PolledFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PolledFiles.class);

    private final String scheme;
    private final Pattern include;
    private final long readLockMinAge;
    /** Size and time of each candidate at the previous poll (a file is stable when they did not change). */
    private final Map<Path, Seen> seen = new HashMap<>();
    /** Files processed, by path + size + time; bounded (least recently used leaves). */
    private final Map<String, Boolean> processed;

    private record Seen(long size, long modifiedMillis) {
    }

    /** What to do with a file when it is done. */
    public record Disposal(String move, String moveFailed, boolean delete) {
    }

    /**
     * @param scheme            for log lines ({@code file-mjr})
     * @param include           regular expression the file names must match
     * @param readLockMinAge    ms a file must be unmodified before it is taken
     * @param idempotentCacheSize files remembered as processed
     */
    public PolledFiles(String scheme, String include, long readLockMinAge, int idempotentCacheSize) {
        this.scheme = scheme;
        this.include = Pattern.compile(include);
        this.readLockMinAge = readLockMinAge;
        int max = Math.max(1, idempotentCacheSize);
        this.processed = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * The candidates under {@code root} (the file itself, or the directory's matching files, sorted), forgetting
     * what is seen of files that are gone.
     */
    public synchronized List<Path> candidates(Path root) throws IOException {
        List<Path> files;
        if (Files.isRegularFile(root)) {
            files = List.of(root.toAbsolutePath());
        } else if (!Files.isDirectory(root)) {
            files = List.of();
        } else {
            try (Stream<Path> s = Files.list(root)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> include.matcher(p.getFileName().toString()).matches())
                        .map(Path::toAbsolutePath)
                        .sorted()
                        .toList();
            }
        }
        seen.keySet().retainAll(Set.copyOf(files));
        return files;
    }

    /** True when the file's size and time are those of the previous poll and it is old enough. */
    public synchronized boolean checkStable(Path f) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class);
        } catch (IOException e) {
            seen.remove(f);
            return false;
        }
        Seen now = new Seen(a.size(), a.lastModifiedTime().toMillis());
        Seen before = seen.put(f, now);
        return now.equals(before) && System.currentTimeMillis() - now.modifiedMillis() >= readLockMinAge;
    }

    public synchronized boolean isProcessed(Path f) {
        Seen s = seen.get(f);
        return s != null && processed.containsKey(key(f, s));
    }

    private static String key(Path f, Seen s) {
        return f + "|" + s.size() + "|" + s.modifiedMillis();
    }

    /**
     * Marks {@code files} processed, then moves them ({@code moveFailed} when failed and set, else {@code move};
     * relative to their directory or absolute) or deletes them (only when not failed).
     */
    public synchronized void finish(Collection<Path> files, boolean failed, Disposal d) {
        String target = failed && d.moveFailed() != null ? d.moveFailed() : d.move();
        for (Path f : files) {
            Seen s = seen.get(f);
            if (s != null) {
                processed.put(key(f, s), Boolean.TRUE);
            }
            try {
                if (d.delete() && !failed) {
                    Files.deleteIfExists(f);
                } else if (target != null) {
                    Path dir = f.getParent().resolve(target);
                    Files.createDirectories(dir);
                    Files.move(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    continue;
                }
                seen.remove(f);
            } catch (NoSuchFileException e) {
                seen.remove(f);
            } catch (IOException e) {
                LOG.warn("{}: cannot move/delete {}: {}", scheme, f, e.toString());
            }
        }
    }

    /** For tests: the files remembered. */
    public synchronized List<String> processedKeys() {
        return new ArrayList<>(processed.keySet());
    }
}
