package io.camelmedia.protocol.webrtc;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelmedia.protocol.webrtc.dtls.DtlsCertificate;
import io.camelmedia.protocol.webrtc.ice.IceCandidate;
import io.camelmedia.protocol.webrtc.ice.IceServer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of WebRTC for every WHIP publisher and WHEP viewer of a Camel context: ONE ICE-lite port
 * ({@link IceServer}), one DTLS certificate made at start (its fingerprint goes in every answer), a small pool
 * that runs DTLS handshakes, and the event loops the sessions live on. Sessions are found by their id (the
 * last part of their HTTP resource URL).
 */
public final class WebRtcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcServer.class);
    /** Queued handshakes beyond the running ones; more are refused (the session ends) instead of piling up. */
    private static final int HANDSHAKE_QUEUE = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebRtcServerConfig config;
    private final IceServer ice;
    private final DtlsCertificate certificate;
    private final ExecutorService handshakes;
    private final EventLoopGroup loops;
    private final Map<String, WebRtcSession> sessions = new ConcurrentHashMap<>();
    final AtomicLong srtpErrors = new AtomicLong();
    final AtomicLong retransmitted = new AtomicLong();
    final AtomicLong nacksSent = new AtomicLong();

    public WebRtcServer(WebRtcServerConfig config) {
        this.config = config;
        this.certificate = DtlsCertificate.generate();
        this.handshakes = new ThreadPoolExecutor(config.handshakeThreads(), config.handshakeThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(HANDSHAKE_QUEUE), new DefaultThreadFactory("webrtc-dtls", true));
        this.loops = new DefaultEventLoopGroup(config.sessionLoops(), new DefaultThreadFactory("webrtc-session", true));
        this.ice = new IceServer(config.ice());
    }

    /** Binds the ICE port. */
    public void start() {
        ice.start();
        LOG.info("WebRTC: ICE-lite on UDP {}{}, candidates {}", ice.port(),
                config.ice().tcp() ? " and TCP " + ice.tcpPort() : "",
                ice.localCandidates().stream().map(IceCandidate::sdpValue).toList());
    }

    public WebRtcServerConfig config() {
        return config;
    }

    public IceServer ice() {
        return ice;
    }

    public DtlsCertificate certificate() {
        return certificate;
    }

    ExecutorService handshakeExecutor() {
        return handshakes;
    }

    EventLoop nextLoop() {
        return loops.next();
    }

    /** A new random session id: 128 bits, hex (it is the capability to PATCH/DELETE the session). */
    static String newSessionId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    void add(WebRtcSession s) {
        sessions.put(s.id(), s);
    }

    void remove(WebRtcSession s) {
        sessions.remove(s.id(), s);
    }

    public Optional<WebRtcSession> session(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public List<WebRtcSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** SRTP/SRTCP packets that failed authentication or replay checks, over every session. */
    public long srtpErrors() {
        return srtpErrors.get();
    }

    /** Packets sent again on a viewer's NACK. */
    public long retransmitted() {
        return retransmitted.get();
    }

    /** NACKs sent to publishers. */
    public long nacksSent() {
        return nacksSent.get();
    }

    @Override
    public void close() {
        sessions.values().forEach(s -> s.close("server stopped"));
        sessions.clear();
        ice.close();
        handshakes.shutdownNow();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
