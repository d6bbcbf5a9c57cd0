package io.camelmedia.protocol.rtp;

import io.camelmedia.protocol.rtp.payload.DepacketizedFrame;
import io.camelmedia.protocol.rtp.payload.Depacketizer;
import io.camelmedia.protocol.rtp.payload.PayloadFormats;
import io.camelmedia.protocol.rtp.rtcp.RtcpCompoundPacket;
import io.camelmedia.protocol.rtp.rtcp.RtcpPacket;
import io.camelmedia.protocol.rtp.rtcp.SenderReport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound RTP input (a UDP port, and port + 1 for RTCP unless muxed), made by {@link RtpReceiver#bind}.
 * Every datagram is handled on the input's event loop: RTCP (on its port, or PT 200-204 on a muxed port,
 * RFC 5761 §4) is decoded for Sender Reports; RTP is decoded, filtered by payload type, put back in order by
 * a {@link ReorderBuffer} (duplicates dropped, wrap-around, SSRC change = discontinuity) and fed to the
 * codec's {@link Depacketizer}, whose frames go to the {@link Listener}.
 *
 * <p>Nothing a datagram holds can throw out of here: malformed datagrams are dropped and counted in
 * {@link #stats()}; losses are counted by the reorder buffer and the depacketizer and logged at most every
 * {@link #LOSS_LOG_INTERVAL_NANOS}. Memory per input is bounded by the reorder buffer (its packet limit) and
 * the depacketizer's maximum frame size.
 */
public final class RtpInput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtpInput.class);
    /** Loss and drop lines at most every 10 s per input: a lossy link must not flood the log. */
    static final long LOSS_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Held packets while waiting for a gap; {@link ReorderBuffer#DEFAULT_MAX_PACKETS}. */
    static final int REORDER_PACKETS = ReorderBuffer.DEFAULT_MAX_PACKETS;

    /** Where frames and RTCP go; called on the input's event loop. */
    public interface Listener {
        /** A complete frame; {@code arrivalNanos} is {@link System#nanoTime()} of the datagram that completed it. */
        void frame(RtpInput input, DepacketizedFrame frame, long arrivalNanos);

        /** An RTCP Sender Report of the input's sender. */
        default void senderReport(RtpInput input, SenderReport report, long arrivalNanos) {
        }

        /** A new SSRC or a sequence restart: timestamps start over. */
        default void discontinuity(RtpInput input) {
        }
    }

    private final RtpInputConfig config;
    private final EventLoop loop;
    private final Listener listener;
    private final Depacketizer depacketizer;
    private final ReorderBuffer reorder;
    private final RtpInputStats stats = new RtpInputStats();
    private final ReorderBuffer.Sink sink = new Sink();
    private Channel rtpChannel;
    private Channel rtcpChannel;
    private ScheduledFuture<?> pollTask;
    private long arrivalNanos;
    private volatile long lastPacketNanos;
    private long lastLossLogNanos;
    private long loggedLoss;
    private long loggedDrops;

    RtpInput(RtpInputConfig config, EventLoop loop, Listener listener) {
        this.config = config;
        this.loop = loop;
        this.listener = listener;
        this.depacketizer = PayloadFormats.depacketizer(config.rtpMap(), config.fmtp(), config.maxFrameSize());
        this.reorder = new ReorderBuffer(REORDER_PACKETS, config.reorderLatencyMillis());
        this.lastPacketNanos = System.nanoTime();
    }

    /**
     * An input with no socket of its own: packets come from {@link #receiveRtp} and {@link #receiveSenderReport}
     * (WebRTC: one ICE path carries every track, decrypted by the session). Call those on {@code loop}.
     */
    public static RtpInput unbound(RtpInputConfig config, EventLoop loop, Listener listener) {
        return new RtpInput(config, loop, listener);
    }

    /** One RTP packet of this input (its payload type; an unbound input's caller demultiplexes). */
    public void receiveRtp(byte[] packet, long arrival) {
        stats.datagrams++;
        if (packet.length > RtpPacket.MAX_PACKET_LENGTH) {
            stats.malformed++;
            return;
        }
        arrivalNanos = arrival;
        rtp(packet);
    }

    /** A Sender Report of this input's source, demultiplexed by the caller. */
    public void receiveSenderReport(SenderReport report, long arrival) {
        stats.senderReports++;
        try {
            listener.senderReport(this, report, arrival);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    void channels(Channel rtp, Channel rtcp) {
        this.rtpChannel = rtp;
        this.rtcpChannel = rtcp;
    }

    SimpleChannelInboundHandler<DatagramPacket> rtpHandler() {
        return new Handler(false);
    }

    SimpleChannelInboundHandler<DatagramPacket> rtcpHandler() {
        return new Handler(true);
    }

    public RtpInputConfig config() {
        return config;
    }

    /** The bound RTP port (the ephemeral one when configured with 0). */
    public int port() {
        return rtpChannel == null ? 0 : ((InetSocketAddress) rtpChannel.localAddress()).getPort();
    }

    /** The bound RTCP port, or the RTP port when muxed. */
    public int rtcpPort() {
        return rtcpChannel == null ? port() : ((InetSocketAddress) rtcpChannel.localAddress()).getPort();
    }

    public EventLoop eventLoop() {
        return loop;
    }

    public RtpInputStats stats() {
        return stats;
    }

    /** The reorder buffer's counters (lost, duplicates, late, reordered, discontinuities). Read on the loop. */
    public ReorderBuffer reorderBuffer() {
        return reorder;
    }

    /** The depacketizer's counters (frames, drops by reason). */
    public Depacketizer depacketizer() {
        return depacketizer;
    }

    /** {@link System#nanoTime()} of the last RTP packet (or of the bind). */
    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    private void onDatagram(ByteBuf content, boolean rtcpSocket) {
        stats.datagrams++;
        int length = content.readableBytes();
        if (length > RtpPacket.MAX_PACKET_LENGTH) {
            stats.malformed++;
            return;
        }
        byte[] buf = new byte[length];
        content.getBytes(content.readerIndex(), buf);
        arrivalNanos = System.nanoTime();
        if (rtcpSocket || (config.rtcpMux() && RtcpCompoundPacket.looksLikeRtcp(buf, 0, length))) {
            rtcp(buf);
        } else {
            rtp(buf);
        }
    }

    private void rtp(byte[] buf) {
        RtpPacket packet;
        try {
            packet = RtpPacket.decode(buf);
        } catch (RtpException e) {
            stats.malformed++;
            return;
        }
        if (packet.payloadType() != config.rtpMap().payloadType()) {
            stats.wrongPayloadType++;
            return;
        }
        stats.rtpPackets++;
        lastPacketNanos = arrivalNanos;
        reorder.push(packet, TimeUnit.NANOSECONDS.toMillis(arrivalNanos), sink);
        schedulePoll();
        logLosses();
    }

    private void rtcp(byte[] buf) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpCompoundPacket.decode(buf);
        } catch (RtpException e) {
            stats.rtcpMalformed++;
            return;
        }
        stats.rtcpPackets++;
        for (RtcpPacket p : packets) {
            if (p instanceof SenderReport sr) {
                stats.senderReports++;
                try {
                    listener.senderReport(this, sr, arrivalNanos);
                } catch (RuntimeException e) {
                    listenerFailed(e);
                }
            }
        }
    }

    /** Releases packets held past the reorder latency when no new packet comes to push them out. */
    private void schedulePoll() {
        long wait = reorder.millisUntilDeadline(TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
        if (wait < 0 || (pollTask != null && !pollTask.isDone())) {
            return;
        }
        pollTask = loop.schedule(() -> {
            arrivalNanos = System.nanoTime();
            reorder.poll(TimeUnit.NANOSECONDS.toMillis(arrivalNanos), sink);
            schedulePoll();
        }, wait + 1, TimeUnit.MILLISECONDS);
    }

    private void logLosses() {
        if (arrivalNanos - lastLossLogNanos < LOSS_LOG_INTERVAL_NANOS) {
            return;
        }
        long lost = reorder.lost();
        long drops = depacketizer.stats().dropped();
        if (lost != loggedLoss || drops != loggedDrops) {
            LOG.warn("RTP input :{} ({}): {} packets lost (+{}), {} frames dropped (+{}) {}, {} malformed datagrams",
                    port(), config.rtpMap().encodingName(), lost, lost - loggedLoss, drops, drops - loggedDrops,
                    depacketizer.stats().droppedByReason(), stats.malformed);
            loggedLoss = lost;
            loggedDrops = drops;
        }
        lastLossLogNanos = arrivalNanos;
    }

    private void listenerFailed(RuntimeException e) {
        stats.listenerFailures++;
        if (stats.listenerFailures == 1 || Long.bitCount(stats.listenerFailures) == 1) {
            LOG.warn("RTP input :{}: listener failed ({} times so far)", port(), stats.listenerFailures, e);
        }
    }

    /** Unbinds (ports freed); packets held in the reorder buffer are dropped. */
    @Override
    public void close() {
        if (pollTask != null) {
            pollTask.cancel(false);
        }
        for (Channel c : new Channel[] {rtpChannel, rtcpChannel}) {
            if (c != null) {
                if (loop.inEventLoop()) {
                    c.close();   // the port is free once this task returns
                } else {
                    c.close().awaitUninterruptibly();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RtpInput[" + config.host() + ":" + (rtpChannel == null ? config.port() : port()) + " "
                + config.rtpMap().value() + " " + stats + " " + reorder + " " + depacketizer.stats() + "]";
    }

    private final class Sink implements ReorderBuffer.Sink {
        @Override
        public void packet(RtpPacket packet) {
            for (DepacketizedFrame f : depacketizer.push(packet)) {
                stats.frames++;
                try {
                    listener.frame(RtpInput.this, f, arrivalNanos);
                } catch (RuntimeException e) {
                    listenerFailed(e);
                }
            }
        }

        @Override
        public void lost(int count) {
            depacketizer.lost(count);
        }

        @Override
        public void discontinuity(long previousSsrc, long ssrc) {
            depacketizer.lost(1);   // whatever frame was open belongs to the old source
            try {
                listener.discontinuity(RtpInput.this);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean rtcpSocket;

        Handler(boolean rtcpSocket) {
            this.rtcpSocket = rtcpSocket;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            onDatagram(msg.content(), rtcpSocket);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("RTP input :{}: {}", config.port(), cause.toString());
        }
    }
}
