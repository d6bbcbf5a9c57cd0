package io.camelmedia.protocol.rtmp;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.camelmedia.frame.MediaListener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RTMP server that accepts publishers (OBS, ffmpeg, hardware encoders) and delivers each published stream,
 * {@code <app>/<name>}, to a {@link MediaListener}: STARTED, frames, ENDED. Netty epoll when available, NIO
 * otherwise. {@link #close()} ends every live stream and frees the port.
 *
 * <pre>
 * try (RtmpServer server = new RtmpServer(RtmpServerConfig.builder().port(1935).app("live").build(), listener)) {
 *     server.start();
 *     ...
 * }
 * </pre>
 */
public final class RtmpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);
    /** How long close() lets event loops finish queued work (the ENDED callbacks) before they stop. */
    private static final long SHUTDOWN_TIMEOUT_MS = 5000;

    private final RtmpServerConfig config;
    private final MediaListener listener;
    private final RtmpServerStats stats = new RtmpServerStats();
    private final ChannelGroup connections = new DefaultChannelGroup("rtmp", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    public RtmpServer(RtmpServerConfig config, MediaListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** Binds and starts accepting connections. */
    public synchronized RtmpServer start() {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        boolean epoll = Epoll.isAvailable();
        bossGroup = group(epoll, 1, "rtmp-accept");
        workerGroup = group(epoll, config.eventLoopThreads(), "rtmp-io");
        Class<? extends ServerChannel> channelClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelClass)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        initPipeline(ch);
                    }
                });
        try {
            serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownGroups();
            throw new IllegalStateException("RTMP server cannot bind " + config.host() + ":" + config.port() + ": " + e, e);
        }
        LOG.info("RTMP server listening on {}:{} ({}{})", config.host(), port(), epoll ? "epoll" : "nio",
                config.app() == null ? ", any app" : ", app '" + config.app() + "'");
        if (config.authenticator().isOpen(io.camelmedia.hub.AuthAction.PUBLISH)) {
            LOG.warn("RTMP server on port {}: publishing is open: no publish auth configured", port());
        }
        return this;
    }

    private void initPipeline(SocketChannel ch) {
        RtmpByteCounter counter = new RtmpByteCounter(stats, RtmpServerConfig.WINDOW_ACK_SIZE);
        ch.pipeline()
                .addLast("bytes", counter)
                .addLast("idle", new RtmpIdleTimeout(config.idleTimeout().toMillis(), stats))
                .addLast("handshake", new RtmpHandshakeHandler(config.handshakeTimeout().toMillis(), stats))
                .addLast("chunkDecoder", new RtmpChunkDecoder(config.maxMessageSize()))
                .addLast("chunkEncoder", new RtmpChunkEncoder())
                .addLast("session", new RtmpSessionHandler(config, listener, stats, counter));
    }

    private static EventLoopGroup group(boolean epoll, int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /** The bound port (the ephemeral one when configured with 0). */
    public int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public RtmpServerConfig config() {
        return config;
    }

    public RtmpServerStats stats() {
        return stats;
    }

    /** Stops accepting, closes every connection (each live stream ends: ENDED), frees the port. Idempotent. */
    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        int port = port();
        serverChannel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        shutdownGroups();
        serverChannel = null;
        LOG.info("RTMP server on port {} closed", port);
    }

    private void shutdownGroups() {
        // graceful: the channelInactive tasks queued by the closes above (which end the streams) still run
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
    }
}
