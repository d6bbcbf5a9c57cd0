package io.camelmedia.protocol.hls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mirrors an origin's streams into a directory ({@code <dir>/<stream path>/index.m3u8}, {@code media.m3u8},
 * {@code init-<v>.mp4}, {@code seg-<n>.ts|m4s}) for any web server or CDN to serve, deleting segments that
 * leave the window. Disk I/O runs on one thread behind a bounded queue, never on the publisher's thread: when
 * the disk cannot keep up, writes are dropped and counted (the in-memory origin is unaffected).
 *
 * <p>Playlists are written to a temporary file and moved into place, so a reader never sees half of one.
 * LL-HLS parts are not mirrored (blocking reload needs the origin itself).
 */
final class HlsDiskWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HlsDiskWriter.class.getName());
    /** Writes waiting at most: a few seconds of segments of a hundred streams. */
    static final int MAX_QUEUED_WRITES = 1024;

    private final Path root;
    private final ExecutorService io;
    private final AtomicLong dropped = new AtomicLong();

    HlsDiskWriter(Path root) {
        this.root = root.toAbsolutePath().normalize();
        BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(MAX_QUEUED_WRITES);
        this.io = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "hls-disk-writer");
            t.setDaemon(true);
            return t;
        });
    }

    long dropped() {
        return dropped.get();
    }

    void write(String streamPath, String file, byte[] data) {
        submit(() -> atomicWrite(dir(streamPath).resolve(file), data));
    }

    void writeText(String streamPath, String file, String text) {
        write(streamPath, file, text.getBytes(StandardCharsets.UTF_8));
    }

    void delete(String streamPath, String file) {
        submit(() -> {
            try {
                Files.deleteIfExists(dir(streamPath).resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Path dir(String streamPath) {
        Path d = root.resolve(streamPath).normalize();
        if (!d.startsWith(root)) {
            throw new IllegalArgumentException("stream path " + streamPath + " leaves the HLS directory " + root);
        }
        return d;
    }

    private void submit(Runnable task) {
        try {
            io.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    if (dropped.incrementAndGet() == 1) {
                        LOG.log(System.Logger.Level.WARNING, "HLS directory " + root + ": write failed (further failures"
                                + " only counted): " + e.getMessage());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (dropped.incrementAndGet() % 100 == 1) {
                LOG.log(System.Logger.Level.WARNING, "HLS directory " + root + " cannot keep up: " + dropped.get()
                        + " writes dropped");
            }
        }
    }

    private static void atomicWrite(Path target, byte[] data) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.write(tmp, data);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finishes queued writes (bounded wait), then stops. */
    @Override
    public void close() {
        io.shutdown();
        try {
            io.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
