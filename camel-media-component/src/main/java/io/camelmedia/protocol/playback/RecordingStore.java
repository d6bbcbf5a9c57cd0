package io.camelmedia.protocol.playback;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.camelmedia.format.fmp4.FragmentIndex;

/**
 * The recordings under one folder: found by walking it (without following links, {@link #MAX_DEPTH} deep, at most
 * {@link #MAX_FILES} entries), each file's {@link FragmentIndex} cached while its size and modification time stay
 * ({@link #MAX_CACHED} entries, least recently used dropped). Thread-safe.
 */
public final class RecordingStore {
    /** Folder depth walked: 16, stream paths such as live/site/cam are 1-4 deep. */
    static final int MAX_DEPTH = 16;
    /** Files looked at in one walk: 200 000 (a day of 20 s files for 46 streams). */
    static final int MAX_FILES = 200_000;
    /** Indexes kept: 4096 (a few KiB each: one record per fragment). */
    static final int MAX_CACHED = 4096;

    private final Path root;
    private final Map<Path, Cached> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Cached> eldest) {
            return size() > MAX_CACHED;
        }
    });

    private record Cached(long size, long lastModified, FragmentIndex index) {
    }

    public RecordingStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Every recording, by stream path (sorted), each stream's oldest first. Files that vanish while the folder is
     * read (a recorder renaming {@code .mp4.part} to {@code .mp4}, retention deleting) are skipped, not an error.
     */
    public Map<String, List<Recording>> list() throws IOException {
        Map<String, List<Recording>> out = new TreeMap<>();
        if (Files.isDirectory(root)) {
            walk(root, 0, out, new int[1]);
        }
        out.values().forEach(l -> l.sort((a, b) -> a.start().compareTo(b.start())));
        return out;
    }

    private void walk(Path dir, int depth, Map<String, List<Recording>> out, int[] seen) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (++seen[0] > MAX_FILES) {
                    return;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (depth + 1 < MAX_DEPTH) {
                        walk(p, depth + 1, out, seen);
                    }
                    continue;
                }
                Recording r = recording(p);
                if (r != null) {
                    out.computeIfAbsent(r.streamPath(), k -> new ArrayList<>()).add(r);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // a folder that went away or cannot be read: what was found stays listed
        }
    }

    /** The recordings of one stream path, oldest first (empty when there are none). */
    public List<Recording> list(String streamPath) throws IOException {
        return list().getOrDefault(streamPath, List.of());
    }

    /** The recording at {@code file} (a regular file with a recording's name, not a link), or null. */
    Recording recording(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        Instant start = Recording.startOf(name);
        if (start == null || file.getParent() == null || file.getParent().equals(root)) {
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                return null;
            }
            String stream = root.relativize(file.getParent()).toString().replace('\\', '/');
            return new Recording(stream, name, file, start, a.size(), a.lastModifiedTime().toMillis(),
                    Recording.isPart(name));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The file that {@code segments} name under the folder, or null when there is none or it lies outside: the
     * real path (links resolved) must be under the folder's real path.
     */
    Path resolve(List<String> segments) throws IOException {
        Path p = root;
        for (String s : segments) {
            p = p.resolve(s);
        }
        p = p.normalize();
        if (!p.startsWith(root) || !Files.exists(p)) {
            return null;
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            return null;
        }
        return real.startsWith(root.toRealPath()) && Files.isRegularFile(real) ? real : null;
    }

    /** The init segment's bytes ({@code ftyp} + {@code moov}, at most {@link FragmentIndex#MAX_BOX_READ} of them). */
    byte[] init(Recording r, FragmentIndex index) throws IOException {
        int n = (int) Math.min(index.initLength(), 2L * FragmentIndex.MAX_BOX_READ);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n);
        try (FileChannel ch = FileChannel.open(r.file())) {
            while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
                // read on
            }
        }
        return b.array();
    }

    /** The fragment index of {@code r} as it is now (re-read when the file changed). */
    public FragmentIndex index(Recording r) throws IOException {
        Cached c = cache.get(r.file());
        if (c != null && c.size == r.size() && c.lastModified == r.lastModified()) {
            return c.index;
        }
        FragmentIndex index;
        try (FileChannel ch = FileChannel.open(r.file())) {
            index = FragmentIndex.read(ch, r.size());
        }
        cache.put(r.file(), new Cached(r.size(), r.lastModified(), index));
        return index;
    }
}
