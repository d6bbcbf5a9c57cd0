package io.camelmedia.protocol.rtmp;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Server side of the handshake (RTMP 1.0 §5.2.5): reads C0+C1, answers S0+S1+S2, reads C2, then removes itself
 * (ByteToMessageDecoder hands any bytes after C2, such as the connect command, to the next handler). A wrong
 * version fails at once; a handshake not done within the timeout, or cut short by the peer, is rejected with
 * its own reason.
 */
public final class RtmpHandshakeHandler extends ByteToMessageDecoder {

    /** Where the handshake is. */
    enum State {
        READ_C0_C1,
        READ_C2,
        BAD_MESSAGE
    }

    private final long timeoutMillis;
    private final RtmpServerStats stats;
    private final long startNanos = System.nanoTime();
    private State state = State.READ_C0_C1;
    private long received;
    private ScheduledFuture<?> timeout;

    public RtmpHandshakeHandler(long timeoutMillis, RtmpServerStats stats) {
        this.timeoutMillis = timeoutMillis;
        this.stats = stats;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        if (timeoutMillis > 0) {
            timeout = ctx.executor().schedule(() -> onTimeout(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void onTimeout(ChannelHandlerContext ctx) {
        stats.reject(ctx.channel(), RtmpRejectReason.HANDSHAKE_TIMEOUT, "handshake not complete after "
                + timeoutMillis + " ms (" + received + " of " + (1 + 2 * RtmpHandshake.PACKET_SIZE)
                + " bytes received, state " + state + ")");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            received += buf.readableBytes();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case READ_C0_C1 -> readC0C1(ctx, in);
            case READ_C2 -> readC2(ctx, in);
            default -> in.skipBytes(in.readableBytes());
        }
    }

    private void readC0C1(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.isReadable()) {
            int version = in.getUnsignedByte(in.readerIndex());
            if (version != RtmpHandshake.VERSION) {
                state = State.BAD_MESSAGE;
                in.skipBytes(in.readableBytes());
                throw new RtmpException(RtmpRejectReason.HANDSHAKE_VERSION, "wrong RTMP version in C0: "
                        + RtmpHandshake.describeVersion(version) + ", expected 3");
            }
        }
        if (in.readableBytes() < 1 + RtmpHandshake.PACKET_SIZE) {
            return;
        }
        in.skipBytes(1);
        int uptime = (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        ctx.writeAndFlush(RtmpHandshake.serverResponse(ctx.alloc(), in, uptime));
        in.skipBytes(RtmpHandshake.PACKET_SIZE);
        state = State.READ_C2;
        readC2(ctx, in);
    }

    private void readC2(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < RtmpHandshake.PACKET_SIZE) {
            return;
        }
        in.skipBytes(RtmpHandshake.PACKET_SIZE);
        cancelTimeout();
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimeout();
        if (state != State.BAD_MESSAGE) {
            stats.reject(ctx.channel(), RtmpRejectReason.HANDSHAKE_TRUNCATED, "peer closed the connection during the"
                    + " handshake after " + received + " of " + (1 + 2 * RtmpHandshake.PACKET_SIZE) + " bytes");
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
