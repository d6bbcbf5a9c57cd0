package io.camelmedia.hub;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live stream paths and who publishes each, as the RTMP server asks: a path has at most one publisher (a
 * second claim of a live path fails: RTMP answers {@code NetStream.Publish.BadName}). Backed by a
 * {@link StreamHub}, so RTMP shares one namespace with every other ingest of the hub (the Camel layer passes the
 * context's one hub); the caller has already authorized the publisher.
 */
public final class StreamRegistry {
    /** Default bound on live streams per registry: far above what one 2-core server can carry. */
    public static final int DEFAULT_MAX_STREAMS = StreamHub.DEFAULT_MAX_STREAMS;

    private final StreamHub hub;
    private final Map<String, StreamHub.Publisher> held = new ConcurrentHashMap<>();

    public StreamRegistry() {
        this(DEFAULT_MAX_STREAMS);
    }

    public StreamRegistry(int maxStreams) {
        this(new StreamHub(maxStreams));
    }

    public StreamRegistry(StreamHub hub) {
        this.hub = hub;
    }

    /** The outcome of {@link #claim}. */
    public enum Claim {
        OK,
        ALREADY_PUBLISHING,
        TOO_MANY_STREAMS
    }

    /** Makes {@code owner} the publisher of {@code path} unless someone already is, or the hub is full. */
    public Claim claim(String path, Object owner) {
        StreamHub.ClaimResult r = hub.claimAuthorized(path, owner);
        return switch (r.status()) {
            case OK -> {
                held.put(path, r.publisher());
                yield Claim.OK;
            }
            case TOO_MANY_STREAMS -> Claim.TOO_MANY_STREAMS;
            default -> Claim.ALREADY_PUBLISHING;
        };
    }

    /** Releases {@code path} if {@code owner} holds it; a stale owner cannot release a newer publisher's claim. */
    public boolean release(String path, Object owner) {
        StreamHub.Publisher p = held.get(path);
        if (p == null || !p.ownedBy(owner) || !held.remove(path, p)) {
            return false;
        }
        p.release();
        return true;
    }

    public boolean isLive(String path) {
        return hub.livePaths().contains(path);
    }

    public Set<String> livePaths() {
        return hub.livePaths();
    }

    public int size() {
        return hub.size();
    }
}
