package io.camelmedia.protocol.webrtc;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.camelmedia.protocol.rtp.rtcp.RtcpCompoundPacket;
import io.camelmedia.protocol.rtp.rtcp.RtcpPacket;
import io.camelmedia.protocol.webrtc.dtls.DtlsRole;
import io.camelmedia.protocol.webrtc.dtls.DtlsSession;
import io.camelmedia.protocol.webrtc.dtls.Fingerprint;
import io.camelmedia.protocol.webrtc.ice.IceCandidate;
import io.camelmedia.protocol.webrtc.ice.IceCredentials;
import io.camelmedia.protocol.webrtc.ice.IceListener;
import io.camelmedia.protocol.webrtc.ice.IcePath;
import io.camelmedia.protocol.webrtc.ice.IceServer;
import io.camelmedia.protocol.webrtc.sdp.Negotiation;
import io.camelmedia.protocol.webrtc.sdp.WebRtcAnswer;
import io.camelmedia.protocol.webrtc.sdp.WebRtcOffer;
import io.camelmedia.protocol.webrtc.srtp.SrtpException;
import io.camelmedia.protocol.webrtc.srtp.SrtpKeyMaterial;
import io.camelmedia.protocol.webrtc.srtp.SrtpSession;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer connection of the server: ICE (checks answered by the shared {@link IceServer}), then DTLS on the
 * selected path, then SRTP/SRTCP. Everything after ICE runs on the session's own event loop, so subclasses (a
 * WHIP publisher, a WHEP viewer) need no locking. A session ends once: on DELETE, a DTLS close or failure, ICE
 * consent expiry, or no ICE at all within the connect timeout; {@link #onClosed} then says why.
 *
 * <p>Demultiplexing follows RFC 7983: first byte 20-63 is DTLS, 128-191 RTP or RTCP (RTCP when the second
 * byte, the packet type, is 192-223: RFC 5761 §4).
 */
public abstract class WebRtcSession {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcSession.class);

    protected final WebRtcServer server;
    protected final EventLoop loop;
    protected final String path;
    protected final Negotiation negotiation;
    private final String id = WebRtcServer.newSessionId();
    private final IceCredentials localIce = IceCredentials.random();
    private final WebRtcOffer offer;
    private final String answer;
    private final String remote;
    private volatile String etag;
    private IceServer.Registration registration;
    private IcePath icePath;
    private DtlsSession dtls;
    private SrtpSession srtp;
    private volatile boolean closed;
    private volatile boolean closing;
    private volatile boolean connected;
    private Consumer<WebRtcSession> closeHook = s -> { };
    /** SRTP that raced ahead of the handshake thread's "connected" (the peer sends right after its Finished). */
    private final java.util.ArrayDeque<Early> early = new java.util.ArrayDeque<>();
    /** A handful of packets covers the gap of one task hop; more before keys exist is not media we can use. */
    static final int MAX_EARLY_PACKETS = 64;
    private long srtpErrors;
    private long rtcpErrors;

    protected WebRtcSession(WebRtcServer server, String path, WebRtcOffer offer, Negotiation negotiation, String remote) {
        this.server = server;
        this.loop = server.nextLoop();
        this.path = path;
        this.offer = offer;
        this.negotiation = negotiation;
        this.remote = remote;
        this.etag = "\"" + localIce.ufrag() + "\"";
        List<String> candidates = server.ice().localCandidates().stream().map(IceCandidate::sdpValue).toList();
        this.answer = WebRtcAnswer.build(negotiation, offer, localIce.ufrag(), localIce.pwd(),
                server.certificate().fingerprintSha256(), candidates, path);
    }

    /** Registers with ICE: from here the peer's checks are answered. Throws when the server is full. */
    public void start() {
        registration = server.ice().register(localIce, offer.iceUfrag(), new Ice());
        server.add(this);
    }

    public String id() {
        return id;
    }

    public String path() {
        return path;
    }

    public String answer() {
        return answer;
    }

    /** The entity tag of the ICE session (RFC 9725 §4.3: changes on ICE restart). */
    public String etag() {
        return etag;
    }

    public String remote() {
        return remote;
    }

    public boolean isConnected() {
        return connected;
    }

    public boolean isClosed() {
        return closed;
    }

    /** True once {@link #close} was asked for, even before the session's loop has run it. */
    public boolean isClosing() {
        return closing || closed;
    }

    /** Called once when the session has ended (the server has already forgotten it). */
    public void onClose(Consumer<WebRtcSession> hook) {
        this.closeHook = hook;
    }

    /** A trickled candidate or ICE restart from PATCH: with ICE-lite the peer's candidates need no action. */
    public void remoteIceChanged(String remoteUfrag) {
        if (remoteUfrag != null && registration != null) {
            registration.remoteUfrag(remoteUfrag);
            etag = "\"" + localIce.ufrag() + "-" + Integer.toHexString(remoteUfrag.hashCode()) + "\"";
        }
    }

    /** Ends the session (DELETE, stop...). Any thread; idempotent. */
    public void close(String reason) {
        closing = true;
        if (loop.inEventLoop()) {
            closeNow(reason);
        } else {
            loop.execute(() -> closeNow(reason));
        }
    }

    private void closeNow(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        connected = false;
        if (registration != null) {
            registration.close();
        }
        if (dtls != null) {
            dtls.close();
        }
        if (srtp != null) {
            srtp.close();
        }
        server.remove(this);
        LOG.info("WebRTC session {} ({} {}) ended: {}", id, kind(), path, reason);
        try {
            onClosed(reason);
        } finally {
            closeHook.accept(this);
        }
    }

    /** "publisher" or "viewer", for logs. */
    protected abstract String kind();

    /** DTLS is up and SRTP keyed: media may flow. On the loop. */
    protected abstract void onConnected();

    /** A decrypted RTP packet {@code buf[0, len)}; the array is the callee's. On the loop. */
    protected abstract void onRtp(byte[] buf, int len, long arrivalNanos);

    /** The decoded packets of a decrypted RTCP compound. On the loop. */
    protected abstract void onRtcp(List<RtcpPacket> packets, long arrivalNanos);

    /** The session ended. On the loop. */
    protected abstract void onClosed(String reason);

    /** Encrypts and sends one RTP packet; false when not connected. On the loop. */
    protected boolean sendRtp(byte[] plain, int off, int len) {
        if (srtp == null || icePath == null || closed) {
            return false;
        }
        byte[] p = srtp.protectRtp(plain, off, len);
        icePath.send(p, 0, p.length);
        return true;
    }

    /** Encrypts and sends one RTCP compound. On the loop. */
    protected void sendRtcp(List<? extends RtcpPacket> packets) {
        if (srtp == null || icePath == null || closed) {
            return;
        }
        byte[] plain = RtcpCompoundPacket.encode(packets);
        byte[] p = srtp.protectRtcp(plain, 0, plain.length);
        icePath.send(p, 0, p.length);
    }

    private void selected(IcePath p) {
        if (closed) {
            return;
        }
        icePath = p;
        if (dtls == null) {
            DtlsRole role = negotiation.weAreDtlsClient() ? DtlsRole.CLIENT : DtlsRole.SERVER;
            dtls = new DtlsSession(server.certificate(), role, Fingerprint.parse(offer.fingerprint()), this::sendDtls,
                    server.handshakeExecutor(), new Dtls(), server.config().handshakeTimeout());
            try {
                dtls.start();
            } catch (RuntimeException e) {   // handshake pool full
                closeNow("DTLS handshake not started: " + e.getMessage());
            }
        }
    }

    private void sendDtls(byte[] data, int off, int len) {
        IcePath p = icePath;
        if (p != null) {
            p.send(data, off, len);
        }
    }

    private void packet(byte[] b, long arrival) {
        if (closed) {
            return;
        }
        int first = b[0] & 0xFF;
        if (first >= 20 && first <= 63) {
            if (dtls != null) {
                dtls.receive(b, 0, b.length);
            }
            return;
        }
        if (first < 128 || first > 191 || b.length < 4) {
            return;
        }
        if (srtp == null) {
            if (dtls != null && early.size() < MAX_EARLY_PACKETS) {
                early.add(new Early(b, arrival));
            }
            return;
        }
        int pt = b[1] & 0xFF;
        try {
            if (pt >= 192 && pt <= 223) {
                int n = srtp.unprotectRtcp(b, 0, b.length);
                List<RtcpPacket> packets;
                try {
                    packets = RtcpCompoundPacket.decode(b, 0, n);
                } catch (RuntimeException e) {
                    // malformed RTCP from an authenticated peer: nothing to act on
                    if (rtcpErrors++ == 0) {
                        LOG.warn("WebRTC session {} ({}): RTCP not understood: {} (further ones only counted)", id, path,
                                e.getMessage());
                    }
                    return;
                }
                onRtcp(packets, arrival);
            } else {
                int n = srtp.unprotectRtp(b, 0, b.length);
                onRtp(n == b.length ? b : Arrays.copyOf(b, n), n, arrival);
            }
        } catch (SrtpException e) {
            server.srtpErrors.incrementAndGet();
            if (srtpErrors++ == 0) {
                LOG.warn("WebRTC session {} ({}): SRTP packet rejected: {} (further ones only counted)", id, path, e.getMessage());
            }
        }
    }

    private record Early(byte[] data, long arrival) {
    }

    /** ICE callbacks arrive on the ICE port's loop: hop to ours (copying, the array is the port's). */
    private final class Ice implements IceListener {
        @Override
        public void selected(IcePath p) {
            loop.execute(() -> WebRtcSession.this.selected(p));
        }

        @Override
        public void packet(IcePath p, byte[] data, int off, int len) {
            byte[] copy = Arrays.copyOfRange(data, off, off + len);
            long arrival = System.nanoTime();
            loop.execute(() -> WebRtcSession.this.packet(copy, arrival));
        }

        @Override
        public void closed(String reason) {
            close(reason);
        }
    }

    private final class Dtls implements DtlsSession.Listener {
        @Override
        public void connected(SrtpKeyMaterial keys) {
            loop.execute(() -> {
                if (closed) {
                    return;
                }
                srtp = new SrtpSession(keys);
                connected = true;
                LOG.info("WebRTC session {} ({} {}) connected from {} ({})", id, kind(), path, icePath.remote(),
                        keys.profile());
                onConnected();
                for (Early e = early.poll(); e != null; e = early.poll()) {
                    packet(e.data(), e.arrival());
                }
            });
        }

        @Override
        public void failed(String reason, Throwable cause) {
            close("DTLS failed: " + reason);
        }

        @Override
        public void closed(String reason) {
            close(reason);
        }
    }
}
