package io.camelmedia.protocol.webrtc;

import java.time.Duration;
import java.util.List;

import io.camelmedia.protocol.webrtc.ice.IceServerConfig;

/**
 * Settings of one {@link WebRtcServer}: the ICE port every session shares, how DTLS handshakes run, and the
 * bounds on sessions.
 *
 * @param ice               the one UDP (and ICE-TCP) port, its advertised hosts and the session bound
 * @param handshakeThreads  threads running DTLS handshakes (Bouncy Castle's handshake blocks); after it, a
 *                          session runs on its event loop only
 * @param handshakeTimeout  a DTLS handshake that has not finished by then ends the session
 * @param sessionLoops      event loops carrying the sessions (depacketizing, packetizing, SRTP)
 * @param iceServers        STUN/TURN URLs announced in {@code Link: rel="ice-server"} headers (RFC 9725 §4.6)
 */
public record WebRtcServerConfig(IceServerConfig ice, int handshakeThreads, Duration handshakeTimeout, int sessionLoops,
                                 List<String> iceServers) {
    /** Two handshake threads: a handshake is a few round trips of CPU-light work; more only queue on 2 cores. */
    public static final int DEFAULT_HANDSHAKE_THREADS = 2;
    /** RFC 6347 retransmits up to a minute; a browser gives up well before 10 s, so do we. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public WebRtcServerConfig {
        if (handshakeThreads <= 0) {
            throw new IllegalArgumentException("handshakeThreads must be positive, was " + handshakeThreads);
        }
        if (sessionLoops < 0) {
            throw new IllegalArgumentException("sessionLoops must be >= 0, was " + sessionLoops);
        }
        iceServers = List.copyOf(iceServers);
    }

    public static WebRtcServerConfig defaults() {
        return new WebRtcServerConfig(IceServerConfig.defaults(), DEFAULT_HANDSHAKE_THREADS, DEFAULT_HANDSHAKE_TIMEOUT, 0,
                List.of());
    }

    public WebRtcServerConfig withIce(IceServerConfig newIce) {
        return new WebRtcServerConfig(newIce, handshakeThreads, handshakeTimeout, sessionLoops, iceServers);
    }

    public WebRtcServerConfig withIceServers(List<String> urls) {
        return new WebRtcServerConfig(ice, handshakeThreads, handshakeTimeout, sessionLoops, urls);
    }
}
