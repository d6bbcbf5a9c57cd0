package io.camelmedia.process.snapshot;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.camelmedia.frame.MediaFrame;

/**
 * The latest video key frame of each live stream (one per stream, at most {@code maxStreams}, the least recently
 * used dropped first) and the images made of it: an image is made on the first request for its format and size and
 * kept until the next key frame replaces the entry, so many requests cost one decode (requests that come while it
 * is being made share it). At most {@link #MAX_IMAGES_PER_KEY_FRAME} formats/sizes are kept per key frame; more are
 * made each time.
 */
public final class LatestKeyFrames {
    public static final int MAX_IMAGES_PER_KEY_FRAME = 8;

    private final SnapshotPool pool;
    private final Map<String, Entry> streams;

    private record Entry(MediaFrame keyFrame, Map<SnapshotSpec, CompletableFuture<byte[]>> images) {
    }

    public LatestKeyFrames(SnapshotPool pool, int maxStreams) {
        this.pool = pool;
        this.streams = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxStreams;
            }
        };
    }

    /** {@code keyFrame} is now the stream's latest: images of the previous one are dropped. */
    public synchronized void keyFrame(String stream, MediaFrame keyFrame) {
        streams.put(stream, new Entry(keyFrame, new HashMap<>()));
    }

    /** The stream ended: nothing is served for it any more. */
    public synchronized void ended(String stream) {
        streams.remove(stream);
    }

    /**
     * The image of the stream's latest key frame: null when the stream has none (unknown, ended, no key frame yet);
     * a future failed with {@link SnapshotBusyException} when the pool is full.
     */
    public synchronized CompletableFuture<byte[]> image(String stream, SnapshotSpec spec) {
        Entry e = streams.get(stream);
        if (e == null) {
            return null;
        }
        CompletableFuture<byte[]> cached = e.images.get(spec);
        if (cached != null && !cached.isCompletedExceptionally()) {
            return cached;
        }
        CompletableFuture<byte[]> made = pool.submit(e.keyFrame, spec);
        if (made == null) {
            return CompletableFuture.failedFuture(new SnapshotBusyException());
        }
        if (e.images.size() < MAX_IMAGES_PER_KEY_FRAME || cached != null) {
            e.images.put(spec, made);
        }
        return made;
    }

    /** Streams with a key frame kept. */
    public synchronized int size() {
        return streams.size();
    }
}
