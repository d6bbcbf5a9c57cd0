package io.camelmedia.protocol.rtmp;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

/** Rejects a connection that sends nothing for the idle timeout, including one that stops in mid-chunk. */
public final class RtmpIdleTimeout extends IdleStateHandler {
    private final RtmpServerStats stats;
    private final long timeoutMillis;

    public RtmpIdleTimeout(long timeoutMillis, RtmpServerStats stats) {
        super(timeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
        this.timeoutMillis = timeoutMillis;
        this.stats = stats;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        RtmpChunkDecoder decoder = ctx.pipeline().get(RtmpChunkDecoder.class);
        String where = ctx.pipeline().get(RtmpHandshakeHandler.class) != null ? "in the handshake"
                : decoder != null ? decoder.position() : "";
        stats.reject(ctx.channel(), RtmpRejectReason.STALLED, "stalled: nothing received for " + timeoutMillis
                + " ms, " + where);
    }
}
