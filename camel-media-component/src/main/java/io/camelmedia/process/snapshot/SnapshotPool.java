package io.camelmedia.process.snapshot;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.camelmedia.frame.MediaFrame;

/**
 * The threads snapshots are made on, off the ingest's event loop: a fixed number of threads and a short queue.
 * When both are full a snapshot is refused at once ({@link #submit} answers null and counts it), so a slow decoder
 * skips key frames and never queues without bound.
 */
public final class SnapshotPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;
    private final AtomicLong decodes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public SnapshotPool(String name, int threads, int queue) {
        if (threads <= 0 || queue < 0) {
            throw new IllegalArgumentException("snapshot: threads must be positive and queue >= 0, were " + threads + ", " + queue);
        }
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** The image of {@code keyFrame}, made on a pool thread; null when the pool is full (refused, counted). */
    public CompletableFuture<byte[]> submit(MediaFrame keyFrame, SnapshotSpec spec) {
        CompletableFuture<byte[]> image = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                decodes.incrementAndGet();
                try {
                    image.complete(KeyFrameSnapshot.make(keyFrame, spec));
                } catch (RuntimeException e) {
                    image.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            return null;
        }
        return image;
    }

    /** Key frames decoded so far (each a decode, scale and encode). */
    public long decodes() {
        return decodes.get();
    }

    /** Snapshots refused because every thread and queue slot was busy. */
    public long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
