package io.camelmedia.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;

/**
 * Live streams by path, for every protocol (DESIGN.md "One hub for every protocol"): at most one publisher per
 * path ({@link #claimAuthorized}, atomic; the caller has asked the context's {@link Authenticator} first), and per stream the fan-out to readers ({@link #subscribe}): the last
 * GOP cached so a reader starts at once on a key frame, one bounded queue per reader drained on the reader's own
 * executor, so the publisher never waits for anyone. A reader whose queue overflows skips to the next video key
 * frame; after {@link ReaderConfig#maxSkips()} overflows without catching up it is dropped.
 */
public final class StreamHub implements AutoCloseable {
    public static final int DEFAULT_MAX_STREAMS = 1000;
    /** GOP cache bound: 512 frames covers a 10 s GOP at 30 fps with its audio. */
    static final int MAX_GOP_FRAMES = 512;
    /** GOP cache bound in bytes: 10 s at 20 Mb/s. */
    static final long MAX_GOP_BYTES = 32L * 1024 * 1024;
    /** Audio-only streams: the last 50 frames (1 s of 20 ms Opus) start a reader. */
    static final int AUDIO_ONLY_CACHE = 50;
    /** Readers per stream: 1000 WebRTC viewers is past what one 2-core server sends. */
    static final int MAX_READERS = 1000;
    /** Events one drain task delivers before yielding its executor to others. */
    private static final int DRAIN_BATCH = 64;

    public enum Status { OK, ALREADY_PUBLISHING, TOO_MANY_STREAMS, NOT_FOUND, TOO_MANY_READERS }

    public record ClaimResult(Status status, Publisher publisher) {
    }

    public record SubscribeResult(Status status, Reader reader) {
    }

    private final int maxStreams;
    private final Map<String, Publisher> streams = new ConcurrentHashMap<>();
    private final List<Consumer<String>> startListeners = new CopyOnWriteArrayList<>();

    public StreamHub() {
        this(DEFAULT_MAX_STREAMS);
    }

    public StreamHub(int maxStreams) {
        if (maxStreams <= 0) {
            throw new IllegalArgumentException("maxStreams must be positive, was " + maxStreams);
        }
        this.maxStreams = maxStreams;
    }

    /**
     * Makes {@code owner} the publisher of {@code path} (one check-and-insert, so the bound always holds); the
     * caller has authorized the publisher (at the path its {@link AuthDecision} granted).
     */
    public ClaimResult claimAuthorized(String path, Object owner) {
        synchronized (streams) {
            Publisher p = streams.get(path);
            if (p != null) {
                return p.owner == owner ? new ClaimResult(Status.OK, p) : new ClaimResult(Status.ALREADY_PUBLISHING, null);
            }
            if (streams.size() >= maxStreams) {
                return new ClaimResult(Status.TOO_MANY_STREAMS, null);
            }
            Publisher np = new Publisher(path, owner);
            streams.put(path, np);
            return new ClaimResult(Status.OK, np);
        }
    }

    /** Reads {@code path} on {@code executor}: STARTED, the cached GOP, then live frames (the caller has authorized it). */
    public SubscribeResult subscribe(String path, ReaderConfig config, ReaderListener listener, Executor executor) {
        Publisher p = streams.get(path);
        if (p == null || p.info == null) {
            return new SubscribeResult(Status.NOT_FOUND, null);
        }
        return p.subscribe(config, listener, executor);
    }

    public boolean isLive(String path) {
        Publisher p = streams.get(path);
        return p != null && p.info != null;
    }

    public Optional<StreamInfo> info(String path) {
        Publisher p = streams.get(path);
        return Optional.ofNullable(p == null ? null : p.info);
    }

    /** The claimed paths. */
    public Set<String> livePaths() {
        return Set.copyOf(streams.keySet());
    }

    public int size() {
        return streams.size();
    }

    /** The figures of every claimed stream (started or not), for listings and metrics. */
    public List<StreamStats.Snapshot> stats() {
        List<StreamStats.Snapshot> all = new ArrayList<>();
        for (Publisher p : streams.values()) {
            all.add(p.stats());
        }
        return all;
    }

    public Optional<StreamStats.Snapshot> stats(String path) {
        Publisher p = streams.get(path);
        return Optional.ofNullable(p == null ? null : p.stats());
    }

    /**
     * Hears the path of every stream that starts (its first STARTED, or the first after an ENDED), so a reader
     * waiting for a path can subscribe. Called on the publisher's thread, under its lock: keep it short.
     */
    public void onStreamStarted(Consumer<String> listener) {
        startListeners.add(listener);
    }

    public void removeStreamStartedListener(Consumer<String> listener) {
        startListeners.remove(listener);
    }

    @Override
    public void close() {
        new ArrayList<>(streams.values()).forEach(Publisher::release);
    }

    /** The publishing side of one path. Frames come from one thread at a time (the stream's). */
    public final class Publisher {
        private final String path;
        private final Object owner;
        private final List<Reader> readers = new CopyOnWriteArrayList<>();
        private final ArrayDeque<MediaFrame> gop = new ArrayDeque<>();
        private volatile StreamInfo info;
        private volatile Runnable keyframeRequest = () -> { };
        private volatile String source;
        private final StreamStats stats = new StreamStats();
        private final LongAdder framesOut = new LongAdder();
        private final LongAdder skippedOut = new LongAdder();
        private final LongAdder droppedReaders = new LongAdder();
        private boolean everStarted;
        private long gopBytes;
        private boolean caching;
        private boolean hasVideo;

        Publisher(String path, Object owner) {
            this.path = path;
            this.owner = owner;
        }

        public String path() {
            return path;
        }

        public boolean ownedBy(Object o) {
            return owner == o;
        }

        /** Null before STARTED and after ENDED. */
        public StreamInfo info() {
            return info;
        }

        public int readers() {
            return readers.size();
        }

        /** Who publishes this path (the ingest protocol, e.g. {@code rtmp}), for listings. */
        public void source(String s) {
            source = s;
        }

        public synchronized StreamStats.Snapshot stats() {
            return stats.snapshot(path, info, source, readers.size(), framesOut.sum(), skippedOut.sum(),
                    droppedReaders.sum());
        }

        /** Called when a reader asks for a key frame (WHIP sends a PLI upstream; RTMP can do nothing). */
        public void onKeyframeRequest(Runnable r) {
            keyframeRequest = r;
        }

        public synchronized void started(StreamInfo newInfo) {
            boolean starting = info == null;
            if (everStarted) {
                stats.restarted();
            }
            everStarted = true;
            info = newInfo;
            hasVideo = newInfo.video().isPresent();
            clearGop();
            caching = !hasVideo;
            for (Reader r : readers) {
                r.enqueue(newInfo);
            }
            if (starting) {
                for (Consumer<String> l : startListeners) {
                    try {
                        l.accept(path);
                    } catch (RuntimeException e) {
                        // a listener's failure is its own
                    }
                }
            }
        }

        public synchronized void frame(MediaFrame f) {
            if (info == null) {
                return;
            }
            stats.frame(f);
            cache(f);
            for (Reader r : readers) {
                r.offer(f);
            }
        }

        public synchronized void ended(String reason) {
            if (info == null) {
                return;
            }
            info = null;
            clearGop();
            for (Reader r : readers) {
                r.end(reason);
            }
            readers.clear();
        }

        /** Ends the stream if still started and frees the path; a stale owner cannot free a newer claim. */
        public void release() {
            ended("publisher released " + path);
            streams.remove(path, this);
        }

        private void cache(MediaFrame f) {
            boolean video = f.track().mediaType() == MediaType.VIDEO;
            if (hasVideo && video && f.keyframe()) {
                clearGop();
                caching = true;
            }
            if (!caching) {
                return;
            }
            gop.add(f);
            gopBytes += f.payloadLength();
            if (!hasVideo) {
                while (gop.size() > AUDIO_ONLY_CACHE) {
                    gopBytes -= gop.poll().payloadLength();
                }
            } else if (gop.size() > MAX_GOP_FRAMES || gopBytes > MAX_GOP_BYTES) {
                clearGop();   // a GOP this long is no use to start on: wait for the next key frame
                caching = false;
            }
        }

        private void clearGop() {
            gop.clear();
            gopBytes = 0;
        }

        private synchronized SubscribeResult subscribe(ReaderConfig config, ReaderListener listener, Executor executor) {
            if (info == null) {
                return new SubscribeResult(Status.NOT_FOUND, null);
            }
            if (readers.size() >= MAX_READERS) {
                return new SubscribeResult(Status.TOO_MANY_READERS, null);
            }
            Reader r = new Reader(this, config, listener, executor, hasVideo);
            r.enqueue(info);
            if (gop.isEmpty() && hasVideo) {
                r.skipping = true;   // no key frame cached yet: start at the next one, and ask for it
                keyframeRequest.run();
            }
            for (MediaFrame f : gop) {
                r.offer(f);
            }
            readers.add(r);
            return new SubscribeResult(Status.OK, r);
        }

        void remove(Reader r) {
            readers.remove(r);
        }
    }

    /** One reader of a stream: its bounded queue and its drain on its own executor. */
    public final class Reader {
        private final Publisher publisher;
        private final ReaderConfig config;
        private final ReaderListener listener;
        private final Executor executor;
        private final boolean hasVideo;
        private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queuedFrames = new AtomicInteger();
        private final AtomicLong queuedBytes = new AtomicLong();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong skippedFrames = new AtomicLong();
        private final AtomicLong skips = new AtomicLong();
        private volatile boolean skipping;
        private volatile boolean closed;
        private int overflowsInRow;

        Reader(Publisher publisher, ReaderConfig config, ReaderListener listener, Executor executor, boolean hasVideo) {
            this.publisher = publisher;
            this.config = config;
            this.listener = listener;
            this.executor = executor;
            this.hasVideo = hasVideo;
        }

        /** Frames handed to the listener. */
        public long delivered() {
            return delivered.get();
        }

        /** Frames never delivered because the reader overflowed and skipped. */
        public long skippedFrames() {
            return skippedFrames.get();
        }

        /** Overflows so far. */
        public long skips() {
            return skips.get();
        }

        public int queued() {
            return queuedFrames.get();
        }

        public void requestKeyframe() {
            publisher.keyframeRequest.run();
        }

        /** Leaves the stream; no further callback. */
        public void close() {
            closed = true;
            publisher.remove(this);
            queue.clear();
        }

        // called under the publisher's lock
        void offer(MediaFrame f) {
            if (closed) {
                return;
            }
            boolean videoKey = f.keyframe() && f.track().mediaType() == MediaType.VIDEO;
            if (skipping) {
                if (!videoKey) {
                    skippedFrames.incrementAndGet();
                    publisher.skippedOut.increment();
                    return;
                }
                skipping = false;
            }
            if (queuedFrames.get() >= config.maxQueuedFrames() || queuedBytes.get() + f.payloadLength() > config.maxQueuedBytes()) {
                overflow(videoKey);
                if (closed || (skipping && !videoKey)) {
                    return;
                }
            }
            queuedFrames.incrementAndGet();
            queuedBytes.addAndGet(f.payloadLength());
            enqueue(f);
        }

        private void overflow(boolean videoKey) {
            skips.incrementAndGet();
            if (++overflowsInRow > config.maxSkips()) {
                publisher.droppedReaders.increment();
                closed = true;
                publisher.readers.remove(this);
                queue.clear();
                queue.add(new End("reader too slow: dropped after " + config.maxSkips() + " skips to a key frame"));
                schedule();
                return;
            }
            int dropped = 0;
            Object o;
            while ((o = queue.peek()) != null && o instanceof MediaFrame) {
                queue.poll();
                dropped++;
            }
            skippedFrames.addAndGet(dropped);
            publisher.skippedOut.add(dropped);
            queuedFrames.set(0);
            queuedBytes.set(0);
            skipping = hasVideo && !videoKey;
        }

        void enqueue(Object event) {
            queue.add(event);
            schedule();
        }

        void end(String reason) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(new End(reason));
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    closed = true;
                    publisher.readers.remove(this);
                }
            }
        }

        private void drain() {
            for (int i = 0; i < DRAIN_BATCH; i++) {
                Object o = queue.poll();
                if (o == null) {
                    break;
                }
                try {
                    if (o instanceof MediaFrame f) {
                        queuedFrames.decrementAndGet();
                        queuedBytes.addAndGet(-f.payloadLength());
                        delivered.incrementAndGet();
                        publisher.framesOut.increment();
                        listener.frame(f);
                    } else if (o instanceof StreamInfo si) {
                        listener.started(si);
                    } else if (o instanceof End e) {
                        queue.clear();
                        listener.ended(e.reason);
                        return;
                    }
                } catch (RuntimeException ex) {
                    // a reader's own failure stays with it
                }
            }
            if (queue.isEmpty()) {
                synchronized (publisher) {
                    overflowsInRow = 0;   // caught up
                }
            }
            scheduled.set(false);
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }

    private record End(String reason) {
    }
}
