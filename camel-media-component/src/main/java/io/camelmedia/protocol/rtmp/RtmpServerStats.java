package io.camelmedia.protocol.rtmp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of one {@link RtmpServer}, for metrics: connections, rejections by reason, bytes and messages in,
 * publishes. Thread-safe. Also the one place that rejects a connection: count, one log line, close.
 */
public final class RtmpServerStats {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);
    private static final AttributeKey<RtmpRejectReason> REJECTED = AttributeKey.valueOf("rtmp.rejected");

    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong activeConnections = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong publishes = new AtomicLong();
    private final Map<RtmpRejectReason, AtomicLong> rejected = new EnumMap<>(RtmpRejectReason.class);

    public RtmpServerStats() {
        for (RtmpRejectReason r : RtmpRejectReason.values()) {
            rejected.put(r, new AtomicLong());
        }
    }

    /** Connections accepted since start. */
    public long connections() {
        return connections.get();
    }

    /** Connections open now. */
    public long activeConnections() {
        return activeConnections.get();
    }

    public long bytesIn() {
        return bytesIn.get();
    }

    /** RTMP messages received (after reassembly; Set Chunk Size and Abort included). */
    public long messagesIn() {
        return messagesIn.get();
    }

    /** Publishes that started (NetStream.Publish.Start sent). */
    public long publishes() {
        return publishes.get();
    }

    public long rejected(RtmpRejectReason reason) {
        return rejected.get(reason).get();
    }

    /** All rejection counters, by reason (a snapshot). */
    public Map<RtmpRejectReason, Long> rejected() {
        Map<RtmpRejectReason, Long> snapshot = new EnumMap<>(RtmpRejectReason.class);
        rejected.forEach((k, v) -> snapshot.put(k, v.get()));
        return Collections.unmodifiableMap(snapshot);
    }

    void connectionOpened() {
        connections.incrementAndGet();
        activeConnections.incrementAndGet();
    }

    void connectionClosed() {
        activeConnections.decrementAndGet();
    }

    void bytesIn(int n) {
        bytesIn.addAndGet(n);
    }

    void messageIn() {
        messagesIn.incrementAndGet();
    }

    void publishStarted() {
        publishes.incrementAndGet();
    }

    /**
     * Rejects {@code channel} once: counts {@code reason}, logs one line, closes it (after what was written so
     * far, such as an onStatus error, is flushed). Later calls for the same channel do nothing.
     */
    public void reject(Channel channel, RtmpRejectReason reason, String detail) {
        if (channel.attr(REJECTED).setIfAbsent(reason) != null) {
            return;
        }
        rejected.get(reason).incrementAndGet();
        LOG.warn("RTMP {} rejected ({}): {}", channel.remoteAddress(), reason, detail);
        channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                .addListener(f -> channel.close());
    }

    /** The reason {@code channel} was rejected, or null. */
    public static RtmpRejectReason rejectedReason(Channel channel) {
        return channel.attr(REJECTED).get();
    }
}
