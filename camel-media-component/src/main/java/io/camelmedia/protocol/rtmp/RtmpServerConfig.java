package io.camelmedia.protocol.rtmp;

import java.time.Duration;
import java.util.Objects;

import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.hub.StreamRegistry;

/**
 * Settings of one {@link RtmpServer}: immutable, built with {@link #builder()}, validated by {@link Builder#build()}.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>option</th><th>default</th></tr>
 * <tr><td>host</td><td>{@value #DEFAULT_HOST}</td></tr>
 * <tr><td>port (0 = an ephemeral port)</td><td>{@value #DEFAULT_PORT}</td></tr>
 * <tr><td>app (null = any app)</td><td>null</td></tr>
 * <tr><td>authenticator</td><td>{@link Authenticator#OPEN}</td></tr>
 * <tr><td>registry</td><td>a new {@link StreamRegistry}</td></tr>
 * <tr><td>maxMessageSize</td><td>{@value RtmpChunkDecoder#DEFAULT_MAX_MESSAGE_SIZE}</td></tr>
 * <tr><td>maxFrameSize</td><td>{@value FlvStreamAssembler#DEFAULT_MAX_FRAME_SIZE}</td></tr>
 * <tr><td>handshakeTimeout</td><td>10 s</td></tr>
 * <tr><td>idleTimeout</td><td>30 s</td></tr>
 * <tr><td>eventLoopThreads (0 = Netty's default, 2 x cores)</td><td>0</td></tr>
 * <tr><td>maxConnections</td><td>{@value #DEFAULT_MAX_CONNECTIONS}</td></tr>
 * </table>
 */
public final class RtmpServerConfig {
    /** All interfaces: an ingest server is meant to be reached from encoders on other machines. */
    public static final String DEFAULT_HOST = "0.0.0.0";
    /** The IANA-registered RTMP port, the one OBS and ffmpeg use when the URL has none. */
    public static final int DEFAULT_PORT = 1935;
    /** A handshake is 1-3 round trips; 10 s covers a 2 s-RTT satellite link with room and frees idle sockets fast. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Encoders send media many times a second and ffmpeg/OBS never pause a live publish; 30 s (SRS's default
     * receive timeout; nginx-rtmp uses 60 s) drops dead or stalled peers while tolerating network hiccups.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** One connection per publisher; matches {@link StreamRegistry#DEFAULT_MAX_STREAMS}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** 0 lets Netty pick (2 x available cores). */
    public static final int DEFAULT_EVENT_LOOP_THREADS = 0;
    /** Window Acknowledgement Size / Set Peer Bandwidth we announce, 2.5 MB as SRS does (nginx-rtmp: 5 MB). */
    public static final int WINDOW_ACK_SIZE = 2_500_000;
    /** Our outgoing chunk size, announced right after connect as nginx-rtmp and SRS do. */
    public static final int OUT_CHUNK_SIZE = 4096;

    private final String host;
    private final int port;
    private final String app;
    private final Authenticator authenticator;
    private final StreamRegistry registry;
    private final int maxMessageSize;
    private final int maxFrameSize;
    private final Duration handshakeTimeout;
    private final Duration idleTimeout;
    private final int eventLoopThreads;
    private final int maxConnections;

    private RtmpServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.app = b.app;
        this.authenticator = b.authenticator;
        this.registry = b.registry != null ? b.registry : new StreamRegistry();
        this.maxMessageSize = b.maxMessageSize;
        this.maxFrameSize = b.maxFrameSize;
        this.handshakeTimeout = b.handshakeTimeout;
        this.idleTimeout = b.idleTimeout;
        this.eventLoopThreads = b.eventLoopThreads;
        this.maxConnections = b.maxConnections;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The only app accepted at connect, or null for any. */
    public String app() {
        return app;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public StreamRegistry registry() {
        return registry;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public int eventLoopThreads() {
        return eventLoopThreads;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Builds an {@link RtmpServerConfig}; every setter has the default documented on the class. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String app;
        private Authenticator authenticator = Authenticator.OPEN;
        private StreamRegistry registry;
        private int maxMessageSize = RtmpChunkDecoder.DEFAULT_MAX_MESSAGE_SIZE;
        private int maxFrameSize = FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int eventLoopThreads = DEFAULT_EVENT_LOOP_THREADS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder app(String app) {
            this.app = app;
            return this;
        }

        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        public Builder registry(StreamRegistry registry) {
            this.registry = registry;
            return this;
        }

        public Builder maxMessageSize(int maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
            return this;
        }

        public Builder maxFrameSize(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder eventLoopThreads(int eventLoopThreads) {
            this.eventLoopThreads = eventLoopThreads;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid option */
        public RtmpServerConfig build() {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(authenticator, "authenticator");
            check(port >= 0 && port <= 65535, "port must be 0..65535, was " + port);
            check(app == null || (!app.isEmpty() && !app.startsWith("/") && !app.endsWith("/")),
                    "app must be null or a name without leading/trailing '/', was '" + app + "'");
            check(maxMessageSize > 0 && maxMessageSize < (1 << 24),
                    "maxMessageSize must be 1..16777215 (the 24-bit message length), was " + maxMessageSize);
            check(maxFrameSize > 0, "maxFrameSize must be positive, was " + maxFrameSize);
            check(positive(handshakeTimeout), "handshakeTimeout must be positive, was " + handshakeTimeout);
            check(positive(idleTimeout), "idleTimeout must be positive, was " + idleTimeout);
            check(eventLoopThreads >= 0, "eventLoopThreads must be >= 0, was " + eventLoopThreads);
            check(maxConnections > 0, "maxConnections must be positive, was " + maxConnections);
            return new RtmpServerConfig(this);
        }

        private static boolean positive(Duration d) {
            return d != null && !d.isNegative() && !d.isZero();
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
