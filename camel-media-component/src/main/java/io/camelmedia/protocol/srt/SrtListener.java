package io.camelmedia.protocol.srt;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SRT listener on one UDP port: callers connect with the HSv5 handshake (induction answered statelessly with a
 * SYN cookie, conclusion checked against it), the {@link SrtAcceptor} decides on each by its stream id, and every
 * connection then lives on this port's event loop, found by the destination socket id of its packets. Rejections
 * carry the reason libsrt peers print (1000 + code). Nothing is kept for a caller before a conclusion with a
 * valid cookie, so floods of inductions from many ports cost one MAC each and no memory.
 */
public final class SrtListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SrtListener.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TICK_MICROS = 5000;

    private final String host;
    private final int port;
    private final SrtSettings settings;
    private final SrtAcceptor acceptor;
    private final int maxConnections;
    private final EventLoopGroup group;
    private final SynCookies cookies = new SynCookies();
    private final int listenerSocketId = RANDOM.nextInt(1, Integer.MAX_VALUE);
    /** By our socket id; event loop only. */
    private final Map<Integer, SrtConnection> connections = new HashMap<>();
    /** By the caller's address and socket id, to recognise a repeated conclusion; event loop only. */
    private final Map<String, SrtConnection> byCaller = new HashMap<>();
    /** Callers whose stream id is being decided (an async auth check); event loop only. */
    private final Set<String> deciding = new HashSet<>();
    private Channel channel;
    private ScheduledFuture<?> ticker;

    public final AtomicLong inductions = new AtomicLong();
    public final AtomicLong badCookies = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicLong accepted = new AtomicLong();
    public final AtomicLong garbage = new AtomicLong();
    public final AtomicLong unknownSocket = new AtomicLong();

    public SrtListener(String host, int port, SrtSettings settings, int maxConnections, SrtAcceptor acceptor,
            EventLoopGroup group) {
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.maxConnections = maxConnections;
        this.acceptor = acceptor;
        this.group = group;
    }

    public void start() throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(SrtTransport.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new Inbound());
        channel = b.bind(host, port).sync().channel();
        ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, TICK_MICROS, TICK_MICROS, TimeUnit.MICROSECONDS);
        LOG.info("SRT listener on UDP {}:{} (latency {} ms{})", host, port(), settings.latency().toMillis(),
                settings.encrypted() ? ", encrypted" : "");
    }

    public int port() {
        return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Live connections (a snapshot, taken on the event loop). */
    public int connectionCount() {
        if (channel == null) {
            return 0;
        }
        return channel.eventLoop().submit(connections::size).syncUninterruptibly().getNow();
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        channel.eventLoop().submit(() -> {
            for (SrtConnection c : new ArrayList<>(connections.values())) {
                c.close("listener stopped", true);
            }
            connections.clear();
            byCaller.clear();
        }).syncUninterruptibly();
        if (ticker != null) {
            ticker.cancel(false);
        }
        channel.close().syncUninterruptibly();
        channel = null;
    }

    private void tick() {
        if (connections.isEmpty()) {
            return;
        }
        for (SrtConnection c : new ArrayList<>(connections.values())) {
            try {
                c.tick();
            } catch (RuntimeException e) {
                LOG.warn("SRT {}: {}", c.peer(), e.toString());
                c.close("internal error: " + e.getMessage(), true);
            }
        }
    }

    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            ByteBuf p = msg.content();
            if (p.readableBytes() < SrtPacket.HEADER) {
                garbage.incrementAndGet();
                return;
            }
            int dest = SrtPacket.destination(p);
            SrtConnection c = dest == 0 ? null : connections.get(dest);
            if (c != null && c.peer().equals(msg.sender())) {
                c.receive(p);
                return;
            }
            if (SrtPacket.isControl(p) && SrtPacket.controlType(p) == SrtPacket.HANDSHAKE
                    && (dest == 0 || dest == listenerSocketId)) {
                try {
                    handshake(ctx, p, msg.sender());
                } catch (SrtException e) {
                    garbage.incrementAndGet();
                    LOG.debug("SRT {}: bad handshake: {}", msg.sender(), e.getMessage());
                }
                return;
            }
            if (dest != 0) {
                unknownSocket.incrementAndGet();
            } else {
                garbage.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("SRT listener {}: {}", port(), cause.toString());
        }
    }

    private void handshake(ChannelHandlerContext ctx, ByteBuf p, InetSocketAddress from) {
        SrtHandshake hs = SrtHandshake.decode(p);
        long now = System.currentTimeMillis();
        if (hs.type() == SrtHandshake.INDUCTION) {
            inductions.incrementAndGet();
            int enc = settings.encrypted() ? keyLength() / 8 : 0;
            SrtHandshake rsp = new SrtHandshake(5, enc, SrtHandshake.SRT_MAGIC, hs.initialSequence(), hs.mtu(),
                    hs.flowWindow(), SrtHandshake.INDUCTION, listenerSocketId, cookies.make(from, now), null, List.of());
            reply(ctx, rsp, hs.socketId(), from);
            return;
        }
        if (hs.type() != SrtHandshake.CONCLUSION) {
            garbage.incrementAndGet();
            return;
        }
        SrtConnection existing = byCaller.get(callerKey(from, hs.socketId()));
        if (existing != null) {
            existing.repeatHandshakeResponse();
            return;
        }
        if (!cookies.check(from, hs.cookie(), now)) {
            badCookies.incrementAndGet();
            LOG.debug("SRT {}: conclusion with a cookie we did not make", from);
            return;
        }
        conclusion(ctx, hs, from);
    }

    private void conclusion(ChannelHandlerContext ctx, SrtHandshake hs, InetSocketAddress from) {
        if (hs.version() != 5 || hs.extension(SrtHandshake.EXT_HSREQ).isEmpty()) {
            reject(ctx, hs, from, SrtRejectReason.VERSION, "caller is not HSv5 (version " + hs.version() + ")", null);
            return;
        }
        SrtHandshake.SrtOptions req = SrtHandshake.SrtOptions.decode(hs.extension(SrtHandshake.EXT_HSREQ).get().content());
        String sid = hs.extension(SrtHandshake.EXT_SID).map(e -> SrtHandshake.decodeStreamId(e.content())).orElse(null);
        if (hs.extension(SrtHandshake.EXT_FILTER).isPresent()) {
            reject(ctx, hs, from, SrtRejectReason.FILTER, "packet filters (FEC) are not supported", sid);
            return;
        }
        if (hs.extension(SrtHandshake.EXT_CONGESTION).map(e -> !SrtHandshake.decodeStreamId(e.content()).equals("live"))
                .orElse(false)) {
            reject(ctx, hs, from, SrtRejectReason.CONGESTION, "only live congestion control (transtype=live)", sid);
            return;
        }
        if (connections.size() + deciding.size() >= maxConnections) {
            reject(ctx, hs, from, SrtRejectReason.OVERLOAD, "connection limit " + maxConnections + " reached", sid);
            return;
        }
        byte[] kmreq = hs.extension(SrtHandshake.EXT_KMREQ).map(SrtHandshake.Extension::content).orElse(null);
        SrtKeyExchange.ListenerResult keys = SrtKeyExchange.listener(settings, kmreq);
        if (keys.reject() != null) {
            reject(ctx, hs, from, keys.reject(), keys.reject() == SrtRejectReason.BADSECRET ? "wrong passphrase"
                    : settings.encrypted() ? "a passphrase is required" : "this listener has no passphrase", sid);
            return;
        }
        String key = callerKey(from, hs.socketId());
        if (deciding.contains(key)) {
            return; // a repeated conclusion while its decision is pending: the answer goes out when it comes
        }
        CompletionStage<SrtAcceptor.Decision> decision;
        try {
            decision = acceptor.decideLater(sid, from);
        } catch (SrtException e) {
            decision = CompletableFuture.completedFuture(SrtAcceptor.Decision.reject(SrtRejectReason.BAD_REQUEST, e.getMessage()));
        }
        deciding.add(key);
        decision.whenComplete((d, e) -> ctx.channel().eventLoop().execute(() -> {
            deciding.remove(key);
            SrtAcceptor.Decision done = d != null ? d
                    : SrtAcceptor.Decision.reject(SrtRejectReason.BAD_REQUEST, "decision failed: " + e);
            if (ctx.channel().isActive() && !byCaller.containsKey(key)) {
                accept(ctx, hs, from, req, keys, sid, done);
            } else if (done.handler() != null) {
                done.handler().closed(null, "listener stopped during the handshake");
            }
        }));
    }

    private void accept(ChannelHandlerContext ctx, SrtHandshake hs, InetSocketAddress from, SrtHandshake.SrtOptions req,
            SrtKeyExchange.ListenerResult keys, String sid, SrtAcceptor.Decision d) {
        if (d.handler() == null) {
            reject(ctx, hs, from, d.reason(), d.why(), sid);
            return;
        }
        int localId;
        do {
            localId = RANDOM.nextInt(1, Integer.MAX_VALUE);
        } while (localId == listenerSocketId || connections.containsKey(localId));
        // TSBPD: each direction takes the larger of what its receiver wants and its sender asks
        int rcvLatency = Math.max((int) settings.latency().toMillis(), req.senderDelayMs());
        int sndLatency = Math.max((int) settings.peerLatency().toMillis(), req.receiverDelayMs());
        int flow = Math.min(hs.flowWindow(), settings.flowWindow());
        SrtConnection.Params params = new SrtConnection.Params(localId, hs.socketId(), from, hs.initialSequence(),
                rcvLatency * 1000L, sndLatency * 1000L, flow, sid);
        String key = callerKey(from, hs.socketId());
        SrtConnection.Handler inner = d.handler();
        SrtConnection c = new SrtConnection(params, ctx.channel(), settings, keys.cipher(), new SrtConnection.Handler() {
            @Override
            public void payload(SrtConnection connection, ByteBuf payload) {
                inner.payload(connection, payload);
            }

            @Override
            public void closed(SrtConnection connection, String reason) {
                connections.remove(params.localSocketId());
                byCaller.remove(key);
                inner.closed(connection, reason);
            }
        });
        List<SrtHandshake.Extension> exts = new ArrayList<>();
        exts.add(new SrtHandshake.Extension(SrtHandshake.EXT_HSRSP, new SrtHandshake.SrtOptions(SrtHandshake.SRT_VERSION,
                responseFlags(keys.cipher() != null), rcvLatency, sndLatency).encode()));
        int extFlags = SrtHandshake.HS_EXT_HSREQ;
        if (keys.response() != null) {
            exts.add(new SrtHandshake.Extension(SrtHandshake.EXT_KMRSP, keys.response()));
            extFlags |= SrtHandshake.HS_EXT_KMREQ;
        }
        SrtHandshake rsp = new SrtHandshake(5, 0, extFlags, hs.initialSequence(), Math.min(hs.mtu(), 1500), flow,
                SrtHandshake.CONCLUSION, localId, hs.cookie(), null, exts);
        ByteBuf out = rsp.toPacket(ctx.alloc(), hs.socketId());
        c.handshakeResponse(out.retainedDuplicate());
        ctx.writeAndFlush(new DatagramPacket(out, from));
        connections.put(localId, c);
        byCaller.put(key, c);
        accepted.incrementAndGet();
        LOG.info("SRT {} connected, stream id '{}', latency {}/{} ms{}", from, sid == null ? "" : sid, rcvLatency, sndLatency,
                keys.cipher() != null ? ", AES-" + keyLength() * 8 : "");
        inner.opened(c);
    }

    private static int responseFlags(boolean crypt) {
        int f = SrtHandshake.FLAG_TSBPDSND | SrtHandshake.FLAG_TSBPDRCV | SrtHandshake.FLAG_TLPKTDROP
                | SrtHandshake.FLAG_PERIODICNAK | SrtHandshake.FLAG_REXMITFLG;
        return crypt ? f | SrtHandshake.FLAG_CRYPT : f;
    }

    private int keyLength() {
        return settings.keyLength() == 0 ? 16 : settings.keyLength();
    }

    private void reject(ChannelHandlerContext ctx, SrtHandshake hs, InetSocketAddress from, SrtRejectReason reason,
            String why, String sid) {
        rejected.incrementAndGet();
        LOG.warn("SRT {} rejected ({}, stream id '{}'): {}", from, SrtRejectReason.describe(reason.handshakeType()),
                sid == null ? "" : sid, why);
        SrtHandshake rsp = new SrtHandshake(5, 0, 0, hs.initialSequence(), hs.mtu(), hs.flowWindow(),
                reason.handshakeType(), listenerSocketId, hs.cookie(), null, List.of());
        reply(ctx, rsp, hs.socketId(), from);
    }

    private void reply(ChannelHandlerContext ctx, SrtHandshake hs, int dest, InetSocketAddress to) {
        ctx.writeAndFlush(new DatagramPacket(hs.toPacket(ctx.alloc(), dest), to));
    }

    private static String callerKey(InetSocketAddress from, int socketId) {
        return from + "#" + socketId;
    }
}
