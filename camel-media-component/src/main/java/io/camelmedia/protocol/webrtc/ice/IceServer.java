package io.camelmedia.protocol.webrtc.ice;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.camelmedia.protocol.webrtc.stun.StunException;
import io.camelmedia.protocol.webrtc.stun.StunMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICE-lite (RFC 8445 §2.5) for every WebRTC session on ONE port: UDP, and ICE-TCP passive (RFC 6544, RFC 4571
 * framing) on the same number. The full-ICE peer sends binding requests; a request is answered when its
 * USERNAME is {@code <our ufrag>:<peer ufrag>} of a registered session and its MESSAGE-INTEGRITY verifies with
 * that session's password. A checked remote address may then send DTLS/SRTP, which reaches the session's
 * {@link IceListener}; anything else is dropped and counted. Sessions are found by ufrag (STUN) and by remote
 * address (everything else), both bounded.
 */
public final class IceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IceServer.class);
    /** Largest datagram read: a UDP payload. */
    private static final int MAX_DATAGRAM = 65_535;
    /** RFC 4571 frames are at most 65535 bytes by their 16-bit length. */
    private static final int MAX_TCP_FRAME = 65_535;
    /** Remote addresses one session may validate (host, srflx, relay, both families...): 8 covers real peers. */
    static final int MAX_PATHS_PER_SESSION = 8;
    /** Timeouts are checked this often. */
    private static final long TIMER_MS = 500;
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;
    /**
     * Every session sends through the one UDP channel: a key frame to 50 viewers is a ~1 MB burst, so the
     * channel may hold 8 MiB before it counts as full (sends are then dropped and counted, never blocking).
     */
    private static final io.netty.channel.WriteBufferWaterMark SEND_WATER_MARK =
            new io.netty.channel.WriteBufferWaterMark(4 * 1024 * 1024, 8 * 1024 * 1024);

    private final IceServerConfig config;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final IceServerStats stats = new IceServerStats();
    private final Map<String, Registration> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, Registration> byRemote = new ConcurrentHashMap<>();
    private Channel udp;
    private Channel tcp;
    private ScheduledFuture<?> timer;
    private List<IceCandidate> candidates = List.of();

    public IceServer(IceServerConfig config) {
        this.config = config;
        this.epoll = Epoll.isAvailable();
        int threads = Math.max(1, config.eventLoopThreads());
        DefaultThreadFactory f = new DefaultThreadFactory("webrtc-ice", true);
        this.group = epoll ? new EpollEventLoopGroup(threads, f) : new NioEventLoopGroup(threads, f);
    }

    /** Binds UDP (and TCP) on the configured port. */
    public void start() {
        Bootstrap b = new Bootstrap().group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .option(ChannelOption.SO_SNDBUF, RECEIVE_BUFFER)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, SEND_WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new UdpHandler());
        try {
            udp = b.bind(config.host(), config.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("ICE cannot bind UDP " + config.host() + ":" + config.port() + ": " + e, e);
        }
        if (config.tcp()) {
            ServerBootstrap sb = new ServerBootstrap().group(group)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_TCP_FRAME + 2, 0, 2, 0, 2),
                                    new TcpHandler(ch));
                        }
                    });
            try {
                tcp = sb.bind(config.host(), port()).syncUninterruptibly().channel();
            } catch (RuntimeException e) {
                LOG.warn("ICE-TCP not available: cannot bind TCP {}:{}: {}", config.host(), port(), e.toString());
            }
        }
        candidates = buildCandidates();
        timer = group.next().scheduleAtFixedRate(this::checkTimeouts, TIMER_MS, TIMER_MS, TimeUnit.MILLISECONDS);
    }

    public int port() {
        return ((InetSocketAddress) udp.localAddress()).getPort();
    }

    /** The TCP port (the UDP number), or -1 without ICE-TCP. */
    public int tcpPort() {
        return tcp == null ? -1 : ((InetSocketAddress) tcp.localAddress()).getPort();
    }

    public List<IceCandidate> localCandidates() {
        return candidates;
    }

    public IceServerStats stats() {
        return stats;
    }

    public int sessions() {
        return byUfrag.size();
    }

    /**
     * Listens for checks of a session whose local credentials are {@code local}.
     *
     * @throws IllegalStateException when {@link IceServerConfig#maxSessions()} sessions are registered
     */
    public Registration register(IceCredentials local, String remoteUfrag, IceListener listener) {
        Registration r = new Registration(local, remoteUfrag, listener);
        synchronized (byUfrag) {
            if (byUfrag.size() >= config.maxSessions()) {
                throw new IllegalStateException(config.maxSessions() + " WebRTC sessions already");
            }
            if (byUfrag.putIfAbsent(local.ufrag(), r) != null) {
                throw new IllegalStateException("ICE ufrag " + local.ufrag() + " is in use");
            }
        }
        return r;
    }

    private List<IceCandidate> buildCandidates() {
        List<String> hosts = new ArrayList<>(config.additionalHosts());
        if (hosts.isEmpty()) {
            if (!config.host().equals("0.0.0.0") && !config.host().equals("::")) {
                hosts.add(config.host());
            } else {
                hosts.addAll(interfaceAddresses());
            }
        }
        List<IceCandidate> out = new ArrayList<>();
        int pref = 65535;
        for (String entry : hosts) {
            // "host" or "host:port": a port forwarded elsewhere (NAT, a relay) is advertised as given
            int colon = entry.lastIndexOf(':');
            boolean withPort = colon > 0 && entry.indexOf(':') == colon;
            String h = withPort ? entry.substring(0, colon) : entry;
            int udpPort = withPort ? Integer.parseInt(entry.substring(colon + 1)) : port();
            out.add(new IceCandidate("1", "udp", IceCandidate.hostPriority(pref), h, udpPort));
            if (tcp != null && !withPort) {
                // RFC 6544 §4.2: TCP candidates below UDP ones
                out.add(new IceCandidate("2", "tcp", IceCandidate.hostPriority(pref) - (1L << 24) * 40, h, tcpPort()));
            }
            pref -= 1;
        }
        return List.copyOf(out);
    }

    /** Every up IPv4 address, loopback last (a peer on this machine uses it; remote peers ignore it). */
    private static List<String> interfaceAddresses() {
        List<String> out = new ArrayList<>();
        List<String> loop = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        (a.isLoopbackAddress() ? loop : out).add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot list network interfaces for ICE candidates: {}", e.toString());
        }
        out.addAll(loop);
        if (out.isEmpty()) {
            out.add("127.0.0.1");
        }
        return out;
    }

    // ---- datagrams ----

    private void onDatagram(byte[] b, int len, IcePath path, Registration tcpOwner) {
        if (StunMessage.isStun(b, 0, len)) {
            onStun(b, len, path);
            return;
        }
        Registration r = tcpOwner != null ? tcpOwner : byRemote.get(path.remote());
        if (r == null || r.closed) {
            stats.unknownPackets.incrementAndGet();
            return;
        }
        IcePath known = r.paths.get(path.remote());
        try {
            r.listener.packet(known != null ? known : path, b, 0, len);
        } catch (RuntimeException e) {
            LOG.warn("ICE session {}: packet listener failed: {}", r.local.ufrag(), e.toString());
        }
    }

    private void onStun(byte[] b, int len, IcePath path) {
        StunMessage m;
        try {
            m = StunMessage.decode(b, 0, len);
        } catch (StunException e) {
            stats.stunMalformed.incrementAndGet();
            return;
        }
        if (!m.isBindingRequest()) {
            return;   // indications (keep-alives) and responses need nothing from ICE-lite
        }
        stats.stunRequests.incrementAndGet();
        String user = m.username().orElse("");
        int colon = user.indexOf(':');
        Registration r = colon < 0 ? null : byUfrag.get(user.substring(0, colon));
        if (r == null || r.closed || (r.remoteUfrag != null && !r.remoteUfrag.equals(user.substring(colon + 1)))) {
            stats.stunUnknownUser.incrementAndGet();
            path.send(StunMessage.bindingError(m.transactionId(), 400, "Bad Request: unknown USERNAME", null), 0, -1);
            return;
        }
        byte[] key = r.local.pwd().getBytes(StandardCharsets.UTF_8);
        if (!m.verifyIntegrity(key)) {
            stats.stunBadIntegrity.incrementAndGet();
            path.send(StunMessage.bindingError(m.transactionId(), 401, "Unauthorized", null), 0, -1);
            return;
        }
        if (m.hasFingerprint() && !m.verifyFingerprint()) {
            stats.stunMalformed.incrementAndGet();
            return;
        }
        path.send(StunMessage.bindingSuccess(m.transactionId(), path.remote(), key), 0, -1);
        r.validated(path, m.useCandidate());
    }

    private void checkTimeouts() {
        long now = System.nanoTime();
        for (Registration r : byUfrag.values()) {
            if (r.selected == null && now - r.createdNanos > config.connectTimeout().toNanos()) {
                r.expire("no ICE connectivity check within " + config.connectTimeout().toSeconds() + " s");
            } else if (r.selected != null && now - r.lastConsentNanos > config.consentTimeout().toNanos()) {
                r.expire("ICE consent expired: no check for " + config.consentTimeout().toSeconds() + " s (RFC 7675)");
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.cancel(false);
        }
        byUfrag.values().forEach(Registration::close);
        if (udp != null) {
            udp.close().awaitUninterruptibly();
        }
        if (tcp != null) {
            tcp.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** One session's ICE state: its credentials, the remote addresses its checks validated, the selected one. */
    public final class Registration {
        private final IceCredentials local;
        private final IceListener listener;
        private final long createdNanos = System.nanoTime();
        private final Map<InetSocketAddress, IcePath> paths = Collections.synchronizedMap(new LinkedHashMap<>());
        private volatile String remoteUfrag;
        private volatile IcePath selected;
        private volatile long lastConsentNanos;
        private volatile boolean closed;

        Registration(IceCredentials local, String remoteUfrag, IceListener listener) {
            this.local = local;
            this.remoteUfrag = remoteUfrag;
            this.listener = listener;
        }

        /** ICE restart or a late ufrag from trickle (RFC 8840). */
        public void remoteUfrag(String ufrag) {
            this.remoteUfrag = ufrag;
        }

        public IcePath selected() {
            return selected;
        }

        void validated(IcePath path, boolean nominated) {
            if (closed) {
                return;
            }
            IcePath known = paths.get(path.remote());
            if (known == null) {
                if (paths.size() >= MAX_PATHS_PER_SESSION) {
                    return;
                }
                paths.put(path.remote(), path);
                if (!path.tcp()) {
                    byRemote.put(path.remote(), this);
                }
                known = path;
            }
            if (known == selected) {
                lastConsentNanos = System.nanoTime();
            }
            // ICE-lite: the controlling peer nominates; a peer that never does still gets its first valid pair
            if ((nominated || selected == null) && known != selected) {
                selected = known;
                lastConsentNanos = System.nanoTime();
                listener.selected(known);
            }
        }

        void expire(String reason) {
            if (closed) {
                return;
            }
            close();
            listener.closed(reason);
        }

        /** Unregisters; no callback. */
        public void close() {
            closed = true;
            byUfrag.remove(local.ufrag(), this);
            synchronized (paths) {
                for (InetSocketAddress a : paths.keySet()) {
                    byRemote.remove(a, this);
                }
            }
        }
    }

    private final class UdpPath implements IcePath {
        private final InetSocketAddress remote;
        private final Channel channel;

        UdpPath(InetSocketAddress remote, Channel channel) {
            this.remote = remote;
            this.channel = channel;
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public boolean tcp() {
            return false;
        }

        @Override
        public void send(byte[] data, int off, int len) {
            int n = len < 0 ? data.length - off : len;
            if (!channel.isWritable()) {
                stats.droppedSends.incrementAndGet();
                return;
            }
            channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(data, off, n), remote), channel.voidPromise());
        }

        @Override
        public EventLoop eventLoop() {
            return channel.eventLoop();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UdpPath p && p.remote.equals(remote);
        }

        @Override
        public int hashCode() {
            return remote.hashCode();
        }
    }

    private final class TcpPath implements IcePath {
        private final Channel channel;

        TcpPath(Channel channel) {
            this.channel = channel;
        }

        @Override
        public InetSocketAddress remote() {
            return (InetSocketAddress) channel.remoteAddress();
        }

        @Override
        public boolean tcp() {
            return true;
        }

        @Override
        public void send(byte[] data, int off, int len) {
            int n = len < 0 ? data.length - off : len;
            if (!channel.isWritable() || n > MAX_TCP_FRAME) {
                stats.droppedSends.incrementAndGet();
                return;
            }
            ByteBuf out = channel.alloc().buffer(2 + n);
            out.writeShort(n);
            out.writeBytes(data, off, n);
            channel.writeAndFlush(out, channel.voidPromise());
        }

        @Override
        public EventLoop eventLoop() {
            return channel.eventLoop();
        }
    }

    private final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Map<InetSocketAddress, UdpPath> recent = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, UdpPath> e) {
                return size() > 4096;
            }
        };
        private byte[] scratch = new byte[2048];

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            ByteBuf c = msg.content();
            int len = c.readableBytes();
            if (len == 0) {
                return;
            }
            if (scratch.length < len) {
                scratch = new byte[len];
            }
            c.getBytes(c.readerIndex(), scratch, 0, len);
            UdpPath path = recent.computeIfAbsent(msg.sender(), a -> new UdpPath(a, ctx.channel()));
            onDatagram(scratch, len, path, null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("ICE UDP: {}", cause.toString());
        }
    }

    private final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final TcpPath path;
        private Registration owner;

        TcpHandler(Channel ch) {
            this.path = new TcpPath(ch);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] b = new byte[frame.readableBytes()];
            frame.readBytes(b);
            if (b.length == 0) {
                return;
            }
            if (owner == null && StunMessage.isStun(b, 0, b.length)) {
                onStun(b, b.length, path);
                owner = findOwner();
                return;
            }
            onDatagram(b, b.length, path, owner);
        }

        private Registration findOwner() {
            for (Registration r : byUfrag.values()) {
                if (r.paths.get(path.remote()) == path) {
                    return r;
                }
            }
            return null;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("ICE TCP {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
