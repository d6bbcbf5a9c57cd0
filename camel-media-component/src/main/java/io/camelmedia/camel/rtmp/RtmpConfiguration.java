package io.camelmedia.camel.rtmp;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.protocol.rtmp.RtmpChunkDecoder;
import io.camelmedia.protocol.rtmp.RtmpServerConfig;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of an {@code rtmp:} endpoint. Defaults are {@link RtmpServerConfig}'s; a test checks the catalog says the same. */
@UriParams
@Configurer
public class RtmpConfiguration implements Cloneable {
    /** RTMP's registered port (Adobe RTMP 1.0 §4). */
    public static final int DEFAULT_PORT = RtmpServerConfig.DEFAULT_PORT;

    @UriPath(description = "The address to listen on (0.0.0.0 for every interface)")
    @Metadata(required = true)
    private String host;

    @UriPath(defaultValue = "1935", description = "The TCP port (0 picks a free one)")
    private int port = DEFAULT_PORT;

    @UriPath(description = "The RTMP application publishers must use (e.g. live); empty accepts any")
    private String app;

    @UriParam(label = "security,advanced",
              description = "A bean deciding who may publish on this endpoint, instead of the context's one"
                            + " authenticator (MediaAuth: camel.media.auth.* properties or the camelMediaAuth bean)")
    private Authenticator authenticator;

    @UriParam(label = "advanced", defaultValue = "8389632",
              description = "Largest RTMP message accepted, in bytes (8 MiB of media plus 1 KiB of FLV headers)")
    private int maxMessageSize = RtmpChunkDecoder.DEFAULT_MAX_MESSAGE_SIZE;

    @UriParam(label = "advanced", defaultValue = "8388608",
              description = "Largest media frame accepted, in bytes (8 MiB: a 50 Mb/s 2160p60 IDR)")
    private int maxFrameSize = FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE;

    @UriParam(label = "advanced", defaultValue = "10s", javaType = "java.time.Duration",
              description = "How long a client may take to complete the handshake")
    private long handshakeTimeout = RtmpServerConfig.DEFAULT_HANDSHAKE_TIMEOUT.toMillis();

    @UriParam(label = "advanced", defaultValue = "30s", javaType = "java.time.Duration",
              description = "A connection that sends nothing for this long (e.g. stalls mid-chunk) is closed")
    private long idleTimeout = RtmpServerConfig.DEFAULT_IDLE_TIMEOUT.toMillis();

    @UriParam(label = "advanced", defaultValue = "0",
              description = "Event loop threads for this server; 0 uses Netty's default (2 x cores)")
    private int eventLoopThreads;

    @UriParam(label = "advanced", defaultValue = "1000",
              description = "Upper bound on simultaneous connections; more are refused at accept")
    private int maxConnections = RtmpServerConfig.DEFAULT_MAX_CONNECTIONS;

    /** Parses {@code host:port/app} (the part after {@code rtmp://}). */
    void parseRemaining(String remaining) {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("rtmp: needs a host, syntax rtmp://host:port/app (e.g. rtmp://0.0.0.0:1935/live)");
        }
        String rest = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String appPart = slash < 0 ? "" : rest.substring(slash + 1);
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rtmp: port must be a number in '" + remaining + "'", e);
            }
        } else {
            host = hostPort;
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("rtmp: needs a host in '" + remaining + "' (0.0.0.0 listens everywhere)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("rtmp: port must be 0..65535, was " + port);
        }
        while (appPart.endsWith("/")) {
            appPart = appPart.substring(0, appPart.length() - 1);
        }
        app = appPart.isEmpty() ? null : appPart;
    }

    public RtmpConfiguration copy() {
        try {
            return (RtmpConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getHost() {
        return host;
    }

    /** The address to listen on (0.0.0.0 for every interface). */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /** The TCP port (0 picks a free one). */
    public void setPort(int port) {
        this.port = port;
    }

    public String getApp() {
        return app;
    }

    /** The RTMP application publishers must use (e.g. live); empty accepts any. */
    public void setApp(String app) {
        this.app = app;
    }

    public Authenticator getAuthenticator() {
        return authenticator;
    }

    /** A bean deciding who may publish on this endpoint, instead of the context's one authenticator. */
    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    /** Largest RTMP message accepted, in bytes. */
    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    /** Largest media frame accepted, in bytes. */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public long getHandshakeTimeout() {
        return handshakeTimeout;
    }

    /** How long a client may take to complete the handshake, in milliseconds (or a duration such as 5s). */
    public void setHandshakeTimeout(long handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    public long getIdleTimeout() {
        return idleTimeout;
    }

    /** A connection that sends nothing for this long is closed, in milliseconds (or a duration such as 10s). */
    public void setIdleTimeout(long idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public int getEventLoopThreads() {
        return eventLoopThreads;
    }

    /** Event loop threads for this server; 0 uses Netty's default. */
    public void setEventLoopThreads(int eventLoopThreads) {
        this.eventLoopThreads = eventLoopThreads;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /** Upper bound on simultaneous connections. */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    Duration handshakeTimeoutDuration() {
        return Duration.ofMillis(handshakeTimeout);
    }

    Duration idleTimeoutDuration() {
        return Duration.ofMillis(idleTimeout);
    }
}
