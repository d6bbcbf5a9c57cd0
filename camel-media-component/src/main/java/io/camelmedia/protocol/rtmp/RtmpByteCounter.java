package io.camelmedia.protocol.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of a connection: counts every byte received and sends an Acknowledgement (RTMP 1.0 §5.4.3)
 * each time the bytes since the last one reach the window the peer asked for with Window Acknowledgement
 * Size (§5.4.4), or our own default until it does. The sequence number is the total received, modulo 2^32.
 */
public final class RtmpByteCounter extends ChannelInboundHandlerAdapter {
    private final RtmpServerStats stats;
    private long window;
    private long total;
    private long sinceAck;
    private boolean acknowledging;

    public RtmpByteCounter(RtmpServerStats stats, long defaultWindow) {
        this.stats = stats;
        this.window = defaultWindow;
    }

    /** The peer's Window Acknowledgement Size. */
    void window(long size) {
        if (size > 0) {
            window = size;
        }
    }

    /** Acknowledgements start once the session is established (they would corrupt the handshake). */
    void startAcknowledging() {
        acknowledging = true;
    }

    public long total() {
        return total;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            int n = buf.readableBytes();
            total += n;
            sinceAck += n;
            stats.bytesIn(n);
        }
        ctx.fireChannelRead(msg);
        if (acknowledging && sinceAck >= window && ctx.channel().isActive()) {
            sinceAck = 0;
            // from the tail, so the message goes through the chunk encoder
            ctx.channel().writeAndFlush(RtmpProtocolControl.acknowledgement(ctx.alloc(), total));
        }
    }
}
