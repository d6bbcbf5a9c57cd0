package io.camelmedia.protocol.srt;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller that stays connected: each connection gets a fresh handler (one whose connect fails hears nothing);
 * when a connect fails or a connection ends it dials again after a backoff that doubles from {@code minBackoff}
 * to {@code maxBackoff} (back to the minimum once a connection has lasted 10 s). One log line per failure, not per retry of the same failure.
 */
public final class SrtRedialer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SrtRedialer.class);
    private static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final EventLoopGroup group;
    private final InetSocketAddress remote;
    private final SrtSettings settings;
    private final String streamId;
    private final Supplier<SrtConnection.Handler> handlers;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private volatile boolean stopped;
    private volatile SrtConnection current;
    private Duration backoff;
    private String lastFailure;
    private long connectedAt;

    public SrtRedialer(EventLoopGroup group, InetSocketAddress remote, SrtSettings settings, String streamId,
            Supplier<SrtConnection.Handler> handlers, Duration minBackoff, Duration maxBackoff) {
        this.group = group;
        this.remote = remote;
        this.settings = settings;
        this.streamId = streamId;
        this.handlers = handlers;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.backoff = minBackoff;
    }

    public void start() {
        dial();
    }

    private void dial() {
        if (stopped) {
            return;
        }
        SrtConnection.Handler inner = handlers.get();
        SrtCaller.connect(group, remote, settings, streamId, new SrtConnection.Handler() {
            @Override
            public void opened(SrtConnection c) {
                current = c;
                connectedAt = System.nanoTime();
                lastFailure = null;
                inner.opened(c);
            }

            @Override
            public void payload(SrtConnection c, ByteBuf payload) {
                inner.payload(c, payload);
            }

            @Override
            public void closed(SrtConnection c, String reason) {
                current = null;
                try {
                    inner.closed(c, reason);
                } finally {
                    if (System.nanoTime() - connectedAt >= STABLE_NANOS) {
                        backoff = minBackoff;
                    }
                    if (!stopped) {
                        LOG.warn("SRT {} ('{}'): connection ended ({}); dialling again in {} ms", remote, streamId, reason,
                                backoff.toMillis());
                        retryLater();
                    }
                }
            }
        }).whenComplete((c, e) -> {
            if (e != null) {
                String why = e.getMessage();
                if (!why.equals(lastFailure)) {
                    LOG.warn("SRT {} ('{}'): {}; dialling again from {} ms on", remote, streamId, why, backoff.toMillis());
                    lastFailure = why;
                }
                retryLater();
            } else if (stopped) {
                c.channel().eventLoop().execute(() -> c.close("stopped", true));
            }
        });
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        long ms = backoff.toMillis();
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        group.next().schedule(this::dial, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stopped = true;
        SrtConnection c = current;
        if (c != null) {
            c.channel().eventLoop().submit(() -> c.close("stopped", true)).syncUninterruptibly();
        }
    }
}
