package io.camelmedia.hub;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live stream paths and who publishes each. A path has at most one publisher: a second claim of a
 * live path fails (RTMP answers {@code NetStream.Publish.BadName}). Bounded by {@code maxStreams}.
 */
public final class StreamRegistry {
    /** Default bound on live streams per registry: far above what one 2-core server can carry. */
    public static final int DEFAULT_MAX_STREAMS = 1000;

    private final Map<String, Object> publishers = new ConcurrentHashMap<>();
    private final int maxStreams;

    public StreamRegistry() {
        this(DEFAULT_MAX_STREAMS);
    }

    public StreamRegistry(int maxStreams) {
        if (maxStreams <= 0) {
            throw new IllegalArgumentException("maxStreams must be positive, was " + maxStreams);
        }
        this.maxStreams = maxStreams;
    }

    /** The outcome of {@link #claim}. */
    public enum Claim {
        OK,
        ALREADY_PUBLISHING,
        TOO_MANY_STREAMS
    }

    /** Makes {@code owner} the publisher of {@code path} unless someone already is, or the registry is full. */
    public Claim claim(String path, Object owner) {
        if (publishers.size() >= maxStreams && !publishers.containsKey(path)) {
            return Claim.TOO_MANY_STREAMS;
        }
        Object prev = publishers.putIfAbsent(path, owner);
        if (prev == null || prev == owner) {
            return Claim.OK;
        }
        return Claim.ALREADY_PUBLISHING;
    }

    /** Releases {@code path} if {@code owner} holds it; a stale owner cannot release a newer publisher's claim. */
    public boolean release(String path, Object owner) {
        return publishers.remove(path, owner);
    }

    public boolean isLive(String path) {
        return publishers.containsKey(path);
    }

    public Set<String> livePaths() {
        return Set.copyOf(publishers.keySet());
    }

    public int size() {
        return publishers.size();
    }
}
