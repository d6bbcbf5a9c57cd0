package io.camelmedia.protocol.webrtc.ice;

import java.time.Duration;
import java.util.List;

/**
 * @param host             the address to bind
 * @param port             the one UDP port (and ICE-TCP port); 0 picks a free one
 * @param tcp              accept ICE-TCP (RFC 6544, passive) on the same port number
 * @param additionalHosts  addresses advertised as host candidates (e.g. the public IP behind NAT), each
 *                         {@code host} or {@code host:port} (a UDP port forwarded to ours); when empty, the bind
 *                         address, or every up IPv4 interface for a wildcard bind
 * @param maxSessions      most registrations at once
 * @param connectTimeout   a registration with no valid check by then is closed
 * @param consentTimeout   RFC 7675: no valid check on the selected path for this long ends consent
 * @param eventLoopThreads loops for the port (0: one)
 */
public record IceServerConfig(String host, int port, boolean tcp, List<String> additionalHosts, int maxSessions,
                              Duration connectTimeout, Duration consentTimeout, int eventLoopThreads) {
    /** MediaMTX's WebRTC port. */
    public static final int DEFAULT_PORT = 8189;
    public static final int DEFAULT_MAX_SESSIONS = 1000;
    /** 15 s: a browser gives up on ICE after about 10 s; later the session is only a leak. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** RFC 7675 §5.1: consent expires 30 s after the last response. */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);

    public IceServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ICE port must be 0..65535, was " + port);
        }
        if (maxSessions <= 0) {
            throw new IllegalArgumentException("maxSessions must be positive, was " + maxSessions);
        }
        additionalHosts = List.copyOf(additionalHosts);
    }

    public static IceServerConfig defaults() {
        return new IceServerConfig("0.0.0.0", DEFAULT_PORT, true, List.of(), DEFAULT_MAX_SESSIONS, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_CONSENT_TIMEOUT, 0);
    }

    public IceServerConfig withPort(int newPort) {
        return new IceServerConfig(host, newPort, tcp, additionalHosts, maxSessions, connectTimeout, consentTimeout,
                eventLoopThreads);
    }

    public IceServerConfig withTimeouts(Duration connect, Duration consent) {
        return new IceServerConfig(host, port, tcp, additionalHosts, maxSessions, connect, consent, eventLoopThreads);
    }
}
