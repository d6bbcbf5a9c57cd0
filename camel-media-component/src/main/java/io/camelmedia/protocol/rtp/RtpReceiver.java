package io.camelmedia.protocol.rtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives RTP over UDP: one Netty event loop group (epoll when available, NIO otherwise) carrying any number
 * of {@link RtpInput}s, each a bound port (plus port + 1 for RTCP unless muxed). Inputs that must be handled
 * together (the tracks of one stream) are bound on the same {@link EventLoop} ({@link #nextLoop()}), so their
 * frames arrive on one thread and need no locking.
 *
 * <pre>
 * try (RtpReceiver receiver = new RtpReceiver(0)) {
 *     RtpInput in = receiver.bind(RtpInputConfig.of("0.0.0.0", 5000, RtpMap.of(96, "H264", 90000), null),
 *             receiver.nextLoop(), (input, frame, arrival) -> ...);
 * }
 * </pre>
 */
public final class RtpReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtpReceiver.class);
    /**
     * Socket receive buffer asked for: 4 MiB holds about 3000 packets of 1200 bytes, a 1 s burst of 30 Mb/s
     * (the kernel caps it at net.core.rmem_max).
     */
    public static final int RECEIVE_BUFFER = 4 * 1024 * 1024;
    /** Largest UDP payload: datagrams are read whole into buffers of this size. */
    private static final int MAX_DATAGRAM = 65_535;
    /** Upper bound on inputs per receiver (each holds two sockets and a reorder buffer). */
    public static final int MAX_INPUTS = 4096;
    private static final long SHUTDOWN_TIMEOUT_MS = 5000;

    private final EventLoopGroup group;
    private final boolean epoll;
    private final Set<RtpInput> inputs = ConcurrentHashMap.newKeySet();

    /** @param threads event loop threads; 0 uses Netty's default (2 x cores) */
    public RtpReceiver(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, was " + threads);
        }
        epoll = Epoll.isAvailable();
        DefaultThreadFactory factory = new DefaultThreadFactory("rtp-io", true);
        group = epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /** An event loop of this receiver, round robin: bind the inputs of one stream on the same one. */
    public EventLoop nextLoop() {
        return group.next();
    }

    /**
     * Binds an input on {@code loop} (one of {@link #nextLoop()}'s). Its frames and reports go to
     * {@code listener} on that loop.
     *
     * @throws IllegalStateException when a port cannot be bound (in use, no permission)
     */
    public RtpInput bind(RtpInputConfig config, EventLoop loop, RtpInput.Listener listener) {
        if (inputs.size() >= MAX_INPUTS) {
            throw new IllegalStateException("RTP receiver already has " + MAX_INPUTS + " inputs");
        }
        RtpInput input = new RtpInput(config, loop, listener);
        Channel rtp = open(config.host(), config.port(), loop, input, false);
        Channel rtcp = null;
        if (!config.rtcpMux()) {
            int rtpPort = ((java.net.InetSocketAddress) rtp.localAddress()).getPort();
            try {
                rtcp = open(config.host(), rtpPort + 1, loop, input, true);
            } catch (IllegalStateException e) {
                rtp.close().awaitUninterruptibly();
                throw e;
            }
        }
        input.channels(rtp, rtcp);
        inputs.add(input);
        rtp.closeFuture().addListener(f -> inputs.remove(input));
        LOG.info("RTP input listening on {}:{} (RTCP {}), {} ({})", config.host(), input.port(),
                config.rtcpMux() ? "muxed" : String.valueOf(input.rtcpPort()), config.rtpMap().value(),
                epoll ? "epoll" : "nio");
        return input;
    }

    private Channel open(String host, int port, EventLoop loop, RtpInput input, boolean rtcp) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new io.netty.channel.FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(rtcp ? input.rtcpHandler() : input.rtpHandler());
                    }
                });
        try {
            return b.bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            throw new IllegalStateException("RTP" + (rtcp ? "C" : "") + " cannot bind " + host + ":" + port + ": " + e, e);
        }
    }

    /** The inputs currently bound. */
    public Set<RtpInput> inputs() {
        return Set.copyOf(inputs);
    }

    /** Closes every input and stops the event loops. Idempotent. */
    @Override
    public void close() {
        inputs.forEach(RtpInput::close);
        inputs.clear();
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }
}
