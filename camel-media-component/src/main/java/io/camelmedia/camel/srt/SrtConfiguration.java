package io.camelmedia.camel.srt;

import java.time.Duration;

import io.camelmedia.hub.Authenticator;
import io.camelmedia.protocol.srt.SrtSettings;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of an {@code srt:} endpoint, named as libsrt's (and ffmpeg's srt://) options are where they exist. */
@UriParams
@Configurer
public class SrtConfiguration implements Cloneable {
    public static final int DEFAULT_PORT = 8890;

    @UriPath(description = "Listener: the address to listen on (0.0.0.0 for every interface). Caller: the remote host")
    @Metadata(required = true)
    private String host;

    @UriPath(defaultValue = "8890", description = "The UDP port (listener: bound here; caller: the remote listener's)")
    private int port = DEFAULT_PORT;

    @UriParam(enums = "listener,caller", description = "listener accepts callers, caller dials the remote listener."
              + " Default: listener when the host is a wildcard (0.0.0.0, ::), else caller")
    private String mode;

    @UriParam(description = "Caller: the stream id sent to the remote listener; {path} is replaced by the stream path."
              + " Default: consumer read:{path}, producer publish:{path}")
    private String streamId;

    @UriParam(label = "consumer", description = "Caller consumer: the path the pulled stream gets here. Default: the"
              + " path in the stream id, else srt/<host>-<port>")
    private String path;

    @UriParam(label = "listener", description = "The stream of a caller that sends no stream id (default: refused)")
    private String defaultPath;

    @UriParam(defaultValue = "120", description = "TSBPD latency in milliseconds (the larger of both sides wins)")
    private int latency = (int) SrtSettings.DEFAULT_LATENCY.toMillis();

    @UriParam(label = "security", secret = true, description = "Encrypts with AES: 10 to 79 characters, the same on both"
              + " sides; a caller with another one, or none, is rejected at the handshake")
    private String passphrase;

    @UriParam(label = "security", defaultValue = "0", enums = "0,16,24,32",
              description = "AES key length in bytes; 0 is 16 for a caller, the caller's for a listener")
    private int pbkeylen;

    @UriParam(label = "security,advanced", defaultValue = "0", description = "Packets sent under one AES key before the"
              + " next takes over (0: libsrt's 16777216)")
    private long kmrefreshrate;

    @UriParam(label = "security,advanced", defaultValue = "0", description = "Packets before and after a key switch"
              + " during which both keys are announced (0: libsrt's 4096; below half the refresh rate)")
    private long kmpreannounce;

    @UriParam(label = "producer", defaultValue = "-1", description = "Bytes/s the sender may use: -1 no limit, 0 the"
              + " input rate plus 25 %, more a fixed cap (SRTO_MAXBW)")
    private long maxbw = -1;

    @UriParam(label = "listener", defaultValue = "100", description = "Connections at once on the port; more are rejected")
    private int maxConnections = 100;

    @UriParam(label = "security,advanced", description = "Decides who may publish and read on this port, instead of the"
              + " context's one authenticator (MediaAuth: camel.media.auth.* properties or the camelMediaAuth bean)."
              + " The key is the password of publish:path:user:pass, s= of #!::, or ?key= of a plain path")
    private Authenticator authenticator;

    @UriParam(label = "advanced", defaultValue = "3000", description = "Caller: how long a connect may take, in milliseconds")
    private int connectTimeout = 3000;

    @UriParam(label = "advanced", defaultValue = "5000", description = "Silence after which the peer is gone, in milliseconds")
    private int peerIdleTimeout = 5000;

    @UriParam(label = "advanced", defaultValue = "1000", description = "Caller: first wait before dialling again, in"
              + " milliseconds; it doubles up to maxReconnectDelay")
    private int reconnectDelay = 1000;

    @UriParam(label = "advanced", defaultValue = "30000", description = "Caller: longest wait between dials, in milliseconds")
    private int maxReconnectDelay = 30000;

    void parseRemaining(String remaining) {
        String rest = remaining == null ? "" : remaining.startsWith("//") ? remaining.substring(2) : remaining;
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("srt: needs a host, syntax srt://host:port (e.g. srt://0.0.0.0:8890)");
        }
        int colon = rest.lastIndexOf(':');
        boolean ipv6 = rest.startsWith("[");
        if (colon > 0 && (!ipv6 || rest.lastIndexOf(']') < colon)) {
            host = rest.substring(0, colon);
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("srt: port must be a number in '" + remaining + "'", e);
            }
        } else {
            host = rest;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("srt: port must be 0..65535, was " + port);
        }
    }

    boolean listener() {
        if (mode == null || mode.isBlank()) {
            return host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
        }
        return switch (mode) {
            case "listener" -> true;
            case "caller" -> false;
            default -> throw new IllegalArgumentException("srt: mode must be listener or caller, was " + mode);
        };
    }

    SrtSettings settings() {
        return SrtSettings.defaults().withLatency(Duration.ofMillis(latency)).withPassphrase(passphrase, pbkeylen)
                .withMaxBandwidth(maxbw).withKeyRefresh(kmrefreshrate, kmpreannounce)
                .withTimeouts(Duration.ofMillis(peerIdleTimeout), Duration.ofMillis(connectTimeout));
    }

    String streamIdFor(String streamPath, boolean publish) {
        String sid = streamId != null ? streamId : (publish ? "publish:{path}" : "read:{path}");
        return sid.replace("{path}", streamPath == null ? "" : streamPath);
    }

    public String getHost() {
        return host;
    }

    /** Listener: the address to listen on. Caller: the remote host. */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /** The UDP port. */
    public void setPort(int port) {
        this.port = port;
    }

    public String getMode() {
        return mode;
    }

    /** listener or caller (default by the host: wildcard listens). */
    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getStreamId() {
        return streamId;
    }

    /** Caller: the stream id sent; {path} is replaced by the stream path. */
    public void setStreamId(String streamId) {
        this.streamId = streamId;
    }

    public String getPath() {
        return path;
    }

    /** Caller consumer: the path the pulled stream gets here. */
    public void setPath(String path) {
        this.path = path;
    }

    public String getDefaultPath() {
        return defaultPath;
    }

    /** The stream of a caller that sends no stream id. */
    public void setDefaultPath(String defaultPath) {
        this.defaultPath = defaultPath;
    }

    public int getLatency() {
        return latency;
    }

    /** TSBPD latency in milliseconds. */
    public void setLatency(int latency) {
        this.latency = latency;
    }

    public String getPassphrase() {
        return passphrase;
    }

    /** AES passphrase, 10 to 79 characters. */
    public void setPassphrase(String passphrase) {
        this.passphrase = passphrase;
    }

    public int getPbkeylen() {
        return pbkeylen;
    }

    /** AES key length in bytes: 0, 16, 24 or 32. */
    public void setPbkeylen(int pbkeylen) {
        this.pbkeylen = pbkeylen;
    }

    public long getKmrefreshrate() {
        return kmrefreshrate;
    }

    /** Packets under one key before the next (0: 2^24). */
    public void setKmrefreshrate(long kmrefreshrate) {
        this.kmrefreshrate = kmrefreshrate;
    }

    public long getKmpreannounce() {
        return kmpreannounce;
    }

    /** Packets both keys are announced around a switch (0: 2^12). */
    public void setKmpreannounce(long kmpreannounce) {
        this.kmpreannounce = kmpreannounce;
    }

    public long getMaxbw() {
        return maxbw;
    }

    /** Bytes/s the sender may use (-1 no limit, 0 input rate + 25 %). */
    public void setMaxbw(long maxbw) {
        this.maxbw = maxbw;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /** Connections at once on a listener port. */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Authenticator getAuthenticator() {
        return authenticator;
    }

    /** Decides who may publish and read. */
    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    /** Caller: connect timeout in milliseconds. */
    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getPeerIdleTimeout() {
        return peerIdleTimeout;
    }

    /** Peer idle timeout in milliseconds. */
    public void setPeerIdleTimeout(int peerIdleTimeout) {
        this.peerIdleTimeout = peerIdleTimeout;
    }

    public int getReconnectDelay() {
        return reconnectDelay;
    }

    /** Caller: first wait before dialling again, in milliseconds. */
    public void setReconnectDelay(int reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public int getMaxReconnectDelay() {
        return maxReconnectDelay;
    }

    /** Caller: longest wait between dials, in milliseconds. */
    public void setMaxReconnectDelay(int maxReconnectDelay) {
        this.maxReconnectDelay = maxReconnectDelay;
    }

    public SrtConfiguration copy() {
        try {
            return (SrtConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
