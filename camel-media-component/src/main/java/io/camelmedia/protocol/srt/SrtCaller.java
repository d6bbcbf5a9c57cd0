package io.camelmedia.protocol.srt;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
 * The caller side of the HSv5 handshake (draft-sharabayko-srt §4.3.1): an induction until the listener answers with
 * its cookie, then the conclusion with HSREQ, KMREQ (with a passphrase) and the stream id, each repeated every
 * 250 ms until answered or the connect timeout passes. The connection then lives on its own UDP socket.
 */
public final class SrtCaller {
    private static final Logger LOG = LoggerFactory.getLogger(SrtCaller.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long RETRY_MS = 250;

    private SrtCaller() {
    }

    /**
     * Connects to {@code remote}; the future completes with the open connection (its handler already told
     * {@code opened}) or fails with an {@link SrtException} that says why (the listener's rejection reason, or no
     * answer).
     */
    public static CompletableFuture<SrtConnection> connect(EventLoopGroup group, InetSocketAddress remote,
            SrtSettings settings, String streamId, SrtConnection.Handler handler) {
        CompletableFuture<SrtConnection> result = new CompletableFuture<>();
        Attempt attempt = new Attempt(remote, settings, streamId, handler, result);
        new Bootstrap().group(group).channel(SrtTransport.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(attempt)
                .bind(0).addListener(f -> {
                    if (!f.isSuccess()) {
                        result.completeExceptionally(new SrtException("SRT caller: cannot bind a UDP socket: " + f.cause()));
                    }
                });
        return result;
    }

    private static final class Attempt extends SimpleChannelInboundHandler<DatagramPacket> {
        private final InetSocketAddress remote;
        private final SrtSettings settings;
        private final String streamId;
        private final SrtConnection.Handler handler;
        private final CompletableFuture<SrtConnection> result;
        private final int socketId = RANDOM.nextInt(1, Integer.MAX_VALUE);
        private final int isn = RANDOM.nextInt(0, Integer.MAX_VALUE);
        private final SrtKeyExchange.CallerKeys keys;
        private Channel channel;
        private SrtHandshake conclusion;
        private ScheduledFuture<?> timer;
        private long deadline;
        private SrtConnection connection;

        Attempt(InetSocketAddress remote, SrtSettings settings, String streamId, SrtConnection.Handler handler,
                CompletableFuture<SrtConnection> result) {
            this.remote = remote;
            this.settings = settings;
            this.streamId = streamId;
            this.handler = handler;
            this.result = result;
            this.keys = SrtKeyExchange.caller(settings);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            deadline = System.nanoTime() + settings.connectTimeout().toNanos();
            timer = channel.eventLoop().scheduleAtFixedRate(this::retry, 0, RETRY_MS, TimeUnit.MILLISECONDS);
        }

        private void retry() {
            if (connection != null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("no answer from " + remote + " within " + settings.connectTimeout().toMillis() + " ms"
                        + (conclusion == null ? " (induction)" : " (conclusion)"));
                return;
            }
            if (conclusion == null) {
                send(new SrtHandshake(4, 0, SrtHandshake.UDT_DGRAM, isn, 1500, settings.flowWindow(),
                        SrtHandshake.INDUCTION, socketId, 0, null, List.of()), 0);
            } else {
                send(conclusion, 0);
            }
        }

        private void send(SrtHandshake hs, int dest) {
            channel.writeAndFlush(new DatagramPacket(hs.toPacket(channel.alloc(), dest), remote));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            ByteBuf p = msg.content();
            if (!msg.sender().equals(remote) || p.readableBytes() < SrtPacket.HEADER) {
                return;
            }
            if (connection != null) {
                connection.receive(p);
                return;
            }
            if (!SrtPacket.isControl(p) || SrtPacket.controlType(p) != SrtPacket.HANDSHAKE) {
                return;
            }
            try {
                SrtHandshake hs = SrtHandshake.decode(p);
                if (hs.isRejection()) {
                    fail("rejected by " + remote + ": " + SrtRejectReason.describe(hs.type()),
                            SrtRejectReason.ofHandshakeType(hs.type()));
                } else if (hs.type() == SrtHandshake.INDUCTION && conclusion == null) {
                    induced(hs);
                } else if (hs.type() == SrtHandshake.CONCLUSION && conclusion != null) {
                    concluded(hs);
                }
            } catch (SrtException e) {
                fail("bad handshake from " + remote + ": " + e.getMessage());
            }
        }

        private void induced(SrtHandshake hs) {
            if (hs.version() != 5 || hs.extension() != SrtHandshake.SRT_MAGIC) {
                fail(remote + " is not an SRT HSv5 listener (version " + hs.version() + ")");
                return;
            }
            List<SrtHandshake.Extension> exts = new ArrayList<>();
            int flags = SrtHandshake.FLAG_TSBPDSND | SrtHandshake.FLAG_TSBPDRCV | SrtHandshake.FLAG_TLPKTDROP
                    | SrtHandshake.FLAG_PERIODICNAK | SrtHandshake.FLAG_REXMITFLG
                    | (keys.cipher() != null ? SrtHandshake.FLAG_CRYPT : 0);
            exts.add(new SrtHandshake.Extension(SrtHandshake.EXT_HSREQ, new SrtHandshake.SrtOptions(SrtHandshake.SRT_VERSION,
                    flags, (int) settings.latency().toMillis(), (int) settings.peerLatency().toMillis()).encode()));
            int extFlags = SrtHandshake.HS_EXT_HSREQ;
            if (keys.request() != null) {
                exts.add(new SrtHandshake.Extension(SrtHandshake.EXT_KMREQ, keys.request()));
                extFlags |= SrtHandshake.HS_EXT_KMREQ;
            }
            if (streamId != null && !streamId.isEmpty()) {
                exts.add(new SrtHandshake.Extension(SrtHandshake.EXT_SID, SrtHandshake.encodeStreamId(streamId)));
                extFlags |= SrtHandshake.HS_EXT_CONFIG;
            }
            int enc = keys.request() == null ? 0 : (settings.keyLength() == 0 ? 16 : settings.keyLength()) / 8;
            conclusion = new SrtHandshake(5, enc, extFlags, isn, 1500, settings.flowWindow(), SrtHandshake.CONCLUSION,
                    socketId, hs.cookie(), null, exts);
            send(conclusion, 0);
        }

        private void concluded(SrtHandshake hs) {
            SrtHandshake.SrtOptions rsp = hs.extension(SrtHandshake.EXT_HSRSP)
                    .map(e -> SrtHandshake.SrtOptions.decode(e.content())).orElse(null);
            if (rsp == null) {
                fail(remote + " answered without HSRSP (not an HSv5 SRT peer)");
                return;
            }
            byte[] kmrsp = hs.extension(SrtHandshake.EXT_KMRSP).map(SrtHandshake.Extension::content).orElse(null);
            if (keys.cipher() != null && (kmrsp == null || kmrsp.length <= 4)) {
                fail("rejected by " + remote + ": " + (kmrsp == null ? "it has no passphrase" : "wrong passphrase"),
                        kmrsp == null ? SrtRejectReason.UNSECURE : SrtRejectReason.BADSECRET);
                return;
            }
            int rcvLatency = Math.max((int) settings.latency().toMillis(), rsp.senderDelayMs());
            int sndLatency = Math.max((int) settings.peerLatency().toMillis(), rsp.receiverDelayMs());
            SrtConnection.Params params = new SrtConnection.Params(socketId, hs.socketId(), remote, isn,
                    rcvLatency * 1000L, sndLatency * 1000L, Math.min(hs.flowWindow(), settings.flowWindow()), streamId);
            connection = new SrtConnection(params, channel, settings, keys.cipher(), new SrtConnection.Handler() {
                @Override
                public void payload(SrtConnection c, ByteBuf payload) {
                    handler.payload(c, payload);
                }

                @Override
                public void closed(SrtConnection c, String reason) {
                    timer.cancel(false);
                    channel.close();
                    handler.closed(c, reason);
                }
            });
            timer.cancel(false);
            timer = channel.eventLoop().scheduleAtFixedRate(connection::tick, 5, 5, TimeUnit.MILLISECONDS);
            LOG.info("SRT connected to {}, stream id '{}', latency {}/{} ms", remote, streamId == null ? "" : streamId,
                    rcvLatency, sndLatency);
            handler.opened(connection);
            result.complete(connection);
        }

        private void fail(String why) {
            fail(why, null);
        }

        private void fail(String why, SrtRejectReason reason) {
            if (timer != null) {
                timer.cancel(false);
            }
            channel.close();
            result.completeExceptionally(new SrtException("SRT caller: " + why, reason));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("SRT caller {}: {}", remote, cause.toString());
        }
    }
}
