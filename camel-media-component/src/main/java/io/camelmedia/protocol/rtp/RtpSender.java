package io.camelmedia.protocol.rtp;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.payload.Packetizer;
import io.camelmedia.protocol.rtp.payload.PayloadFormats;
import io.camelmedia.protocol.rtp.rtcp.Bye;
import io.camelmedia.protocol.rtp.rtcp.NtpTime;
import io.camelmedia.protocol.rtp.rtcp.RtcpCompoundPacket;
import io.camelmedia.protocol.rtp.rtcp.RtcpPacket;
import io.camelmedia.protocol.rtp.rtcp.SenderReport;
import io.camelmedia.protocol.rtp.rtcp.SourceDescription;
import io.camelmedia.protocol.rtp.sdp.MediaDescription;
import io.camelmedia.protocol.rtp.sdp.RtpMap;
import io.camelmedia.protocol.rtp.sdp.SdpConnection;
import io.camelmedia.protocol.rtp.sdp.SessionDescription;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends the frames of one track as RTP to a destination, with RTCP Sender Reports to port + 1.
 *
 * <p>Random initial sequence number, timestamp and SSRC (RFC 3550 §5.1); RTP timestamp = the initial one plus
 * the frame's pts on the payload format's clock; one packetizer per sender ({@link PayloadFormats#packetizer});
 * the marker bit on the last packet of a video frame (RFC 6184 §5.1, RFC 7798 §4.1, RFC 7741 §4.1); packets of
 * at most {@code mtu} bytes (RTP header included, as ffmpeg's {@code pkt_size}). A Sender Report with SDES CNAME
 * goes out before the first packet and every {@link #SR_INTERVAL_NANOS} (RFC 3550 §6.2's 5 s minimum), BYE on
 * {@link #close()}.
 *
 * <p>{@link #mediaDescription} is the SDP media section a receiver (ffmpeg, ffplay, VLC) opens this with.
 * Not thread-safe: one thread sends (a stream's frames come in order on one thread). Sending never blocks: when
 * the socket's outbound buffer is full the frame is dropped and counted.
 */
public final class RtpSender implements AutoCloseable {
    /** Default packet size: 1200 bytes leaves room for tunnels/VPN headers under a 1500-byte MTU (WebRTC's choice). */
    public static final int DEFAULT_MTU = 1200;
    /** Smallest packet size: RTP header plus a FU header and some payload. */
    public static final int MIN_MTU = 64;
    /** Largest packet size: a UDP payload. */
    public static final int MAX_MTU = RtpPacket.MAX_PACKET_LENGTH;
    /** RFC 3550 §6.2: the recommended minimum RTCP interval is 5 seconds. */
    public static final long SR_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Track track;
    private final RtpMap rtpMap;
    private final Packetizer packetizer;
    private final InetSocketAddress rtpDestination;
    private final int mtu;
    private final long ssrc;
    private final String cname;
    private final Transport transport;
    private final byte[] scratch;
    private int sequence;
    private final long initialTimestamp;
    private long packets;
    private long octets;
    private long frames;
    private long droppedFrames;
    private final Timeline timeline;
    private long lastSrNanos;
    private boolean anchored;

    /**
     * Binds an ephemeral UDP port on {@code loop} to send from.
     *
     * @param track       what is sent (codec, clock, configuration for the SDP)
     * @param destination where RTP goes; RTCP goes to its port + 1
     * @param payloadType the RTP payload type (dynamic types 96-127 for everything but G.711's static 0/8)
     * @param mtu         largest RTP packet in bytes, {@link #MIN_MTU}..{@link #MAX_MTU}
     */
    public RtpSender(EventLoop loop, Track track, InetSocketAddress destination, int payloadType, int mtu) {
        this(loop, track, destination, payloadType, mtu, new Timeline());
    }

    /**
     * As above, with the wall clock shared by the senders of one stream: their Sender Reports then map RTP time to
     * NTP time the same way, so a receiver lines the tracks up (RFC 3550 §6.4.1) even when frames are not sent in
     * real time.
     */
    public RtpSender(EventLoop loop, Track track, InetSocketAddress destination, int payloadType, int mtu, Timeline timeline) {
        this(track, payloadType, mtu, timeline, RANDOM.nextInt() & 0xFFFF_FFFFL, new UdpTransport(loop, destination), destination);
    }

    /**
     * Sends through {@code transport} instead of a socket of its own (WebRTC: SRTP on the session's ICE path), with
     * the given SSRC (announced in the SDP before the first packet).
     */
    public RtpSender(Track track, int payloadType, int mtu, Timeline timeline, long ssrc, Transport transport) {
        this(track, payloadType, mtu, timeline, ssrc, transport, new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 9));
    }

    private RtpSender(Track track, int payloadType, int mtu, Timeline timeline, long ssrc, Transport transport,
                      InetSocketAddress destination) {
        this.timeline = timeline;
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu must be " + MIN_MTU + ".." + MAX_MTU + ", was " + mtu);
        }
        this.track = track;
        this.rtpMap = PayloadFormats.rtpMap(track, payloadType);
        this.packetizer = PayloadFormats.packetizer(track.codec());
        this.rtpDestination = destination;
        this.mtu = mtu;
        this.scratch = new byte[mtu];
        this.ssrc = ssrc;
        this.sequence = RANDOM.nextInt(RtpSequence.MODULUS);
        this.initialTimestamp = RANDOM.nextInt() & 0xFFFF_FFFFL;
        this.cname = "camel-media-" + Long.toHexString(ssrc);
        this.transport = transport;
    }

    /** Packetizes and sends one frame (frames of another track than this sender's are the caller's error). */
    public void send(MediaFrame frame) {
        if (!transport.writable()) {
            droppedFrames++;
            return;
        }
        long ticks = rtpTicks(frame.pts());
        long now = System.nanoTime();
        if (!anchored) {
            anchored = true;
            timeline.anchor(track.toMicros(frame.pts()), now);
        }
        if (lastSrNanos == 0 || now - lastSrNanos >= SR_INTERVAL_NANOS) {
            sendRtcp(senderReport(now));
            lastSrNanos = now;
        }
        long timestamp = (initialTimestamp + ticks) & 0xFFFF_FFFFL;
        List<byte[]> payloads = packetizer.packetize(frame, mtu - RtpPacket.FIXED_HEADER_LENGTH);
        boolean video = track.mediaType() == MediaType.VIDEO;
        for (int i = 0; i < payloads.size(); i++) {
            byte[] payload = payloads.get(i);
            RtpPacket.Builder p = RtpPacket.builder().payloadType(rtpMap.payloadType()).sequenceNumber(sequence)
                    .timestamp(timestamp).ssrc(ssrc).marker(video && i == payloads.size() - 1).payload(payload);
            int n = p.encodeTo(scratch, 0);
            transport.rtp(scratch, 0, n);
            sequence = RtpSequence.add(sequence, 1);
            packets++;
            octets += payload.length;
        }
        transport.flush();
        frames++;
    }

    /** The frame's pts on the RTP clock (the track's clock rescaled when they differ). */
    private long rtpTicks(long pts) {
        int from = track.clockRate();
        int to = rtpMap.clockRate();
        return from == to ? pts : Math.floorDiv(pts * to, from);
    }

    /** A Sender Report now (RTCP for the viewer's player to sync tracks), or null before the first frame. */
    public SenderReport senderReportNow() {
        return anchored ? senderReport(System.nanoTime()) : null;
    }

    /** The CNAME in this sender's SDES. */
    public String cname() {
        return cname;
    }

    private SenderReport senderReport(long nowNanos) {
        long elapsedMicros = (nowNanos - timeline.anchorNanos) / 1000;
        long mediaMicros = timeline.anchorMediaMicros + elapsedMicros;
        long ticks = Math.floorDiv(mediaMicros * rtpMap.clockRate(), 1_000_000L);
        long rtp = (initialTimestamp + ticks) & 0xFFFF_FFFFL;
        long ntp = NtpTime.fromUnixMicros(timeline.anchorUnixMicros + elapsedMicros);
        return new SenderReport(ssrc, ntp, rtp, packets & 0xFFFF_FFFFL, octets & 0xFFFF_FFFFL, List.of());
    }

    private void sendRtcp(RtcpPacket first) {
        byte[] compound = RtcpCompoundPacket.encode(List.of(first, SourceDescription.cname(ssrc, cname)));
        transport.rtcp(compound);
    }

    /**
     * The wall-clock anchor shared by the senders of one stream: the first frame any of them sends fixes which
     * media time (pts in microseconds) corresponds to which instant. Thread-safe.
     */
    public static final class Timeline {
        private boolean anchored;
        private long anchorMediaMicros;
        private long anchorNanos;
        private long anchorUnixMicros;

        synchronized void anchor(long mediaMicros, long nowNanos) {
            if (!anchored) {
                anchored = true;
                anchorMediaMicros = mediaMicros;
                anchorNanos = nowNanos;
                anchorUnixMicros = System.currentTimeMillis() * 1000;
            }
        }
    }

    /** The SDP media section describing this sender's output ({@code m=} port = the destination port). */
    public MediaDescription mediaDescription() {
        String media = track.mediaType() == MediaType.VIDEO ? "video" : "audio";
        return MediaDescription.builder(media, rtpDestination.getPort(), "RTP/AVP")
                .rtpMap(rtpMap)
                .fmtp(PayloadFormats.fmtp(track, rtpMap.payloadType()))
                .build();
    }

    /**
     * A session description of several senders to one host (ffmpeg/ffplay/VLC open it with
     * {@code -protocol_whitelist file,udp,rtp -i out.sdp}).
     */
    public static SessionDescription sessionDescription(String sessionName, List<RtpSender> senders) {
        String host = senders.isEmpty() ? "127.0.0.1" : senders.get(0).rtpDestination.getAddress().getHostAddress();
        SessionDescription.Builder b = SessionDescription.builder()
                .origin("- 0 0 IN IP4 127.0.0.1")
                .sessionName(sessionName)
                .connection(SdpConnection.ip4(host))
                .attribute("tool", "camel-media");
        senders.forEach(s -> b.media(s.mediaDescription()));
        return b.build();
    }

    public Track track() {
        return track;
    }

    public long ssrc() {
        return ssrc;
    }

    public int payloadType() {
        return rtpMap.payloadType();
    }

    public InetSocketAddress destination() {
        return rtpDestination;
    }

    public long packets() {
        return packets;
    }

    public long frames() {
        return frames;
    }

    /** Frames dropped because the socket could not take more. */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Sends BYE and frees the socket. */
    @Override
    public void close() {
        if (transport.open()) {
            if (anchored) {
                transport.rtcp(RtcpCompoundPacket.encode(List.of(senderReport(System.nanoTime()), Bye.of(ssrc))));
            }
            transport.close();
        }
    }

    /** Where a sender's packets go. Called on the sending thread; must not block. */
    public interface Transport {
        /** False when the way out is full: the frame is dropped and counted. */
        boolean writable();

        /** One RTP packet in {@code buf[off, off+len)}; the buffer is reused after the call. */
        void rtp(byte[] buf, int off, int len);

        /** One RTCP compound packet (owned by the callee). */
        void rtcp(byte[] compound);

        default void flush() {
        }

        boolean open();

        void close();
    }

    /** Plain RTP over UDP from an ephemeral port: RTP to the destination, RTCP to its port + 1. */
    private static final class UdpTransport implements Transport {
        private final Channel channel;
        private final InetSocketAddress rtpDestination;
        private final InetSocketAddress rtcpDestination;

        UdpTransport(EventLoop loop, InetSocketAddress destination) {
            this.rtpDestination = destination;
            this.rtcpDestination = new InetSocketAddress(destination.getAddress(), destination.getPort() + 1);
            Bootstrap b = new Bootstrap().group(loop)
                    .channel(Epoll.isAvailable() ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .handler(new ChannelInboundHandlerAdapter());   // receiver reports are read and ignored
            this.channel = b.bind(0).syncUninterruptibly().channel();
        }

        @Override
        public boolean writable() {
            return channel.isWritable();
        }

        @Override
        public void rtp(byte[] buf, int off, int len) {
            channel.write(new DatagramPacket(Unpooled.copiedBuffer(buf, off, len), rtpDestination));
        }

        @Override
        public void rtcp(byte[] compound) {
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(compound), rtcpDestination));
        }

        @Override
        public void flush() {
            channel.flush();
        }

        @Override
        public boolean open() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            channel.close().awaitUninterruptibly();
        }
    }
}
