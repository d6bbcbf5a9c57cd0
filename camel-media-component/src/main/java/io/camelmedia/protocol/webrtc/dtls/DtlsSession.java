package io.camelmedia.protocol.webrtc.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Vector;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelmedia.protocol.webrtc.srtp.SrtpKeyMaterial;
import io.camelmedia.protocol.webrtc.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/**
 * DTLS 1.2 for one WebRTC session (RFC 5764 DTLS-SRTP), on Bouncy Castle's DTLS (a kept library: no
 * handshake or cipher code here). Both roles; mutual authentication, each certificate checked against the
 * fingerprint the other side put in its SDP; only ECDHE_ECDSA suites (our key is P-256); {@code use_srtp} with
 * AEAD_AES_128_GCM and AES_CM_128_HMAC_SHA1_80. When the handshake is done the SRTP keys are exported
 * ({@code EXTRACTOR-dtls_srtp}) and handed to the {@link Listener}.
 *
 * <p>Bouncy Castle's handshake blocks, so it runs on {@code handshakeExecutor}, reading from a bounded queue that
 * {@link #receive} fills from the event loop (never blocking it). After the handshake, records still go through
 * BC (a lost final flight is answered again; close_notify and fatal alerts end the session), processed on the
 * caller's thread with a 1 ms bound.
 */
public final class DtlsSession implements AutoCloseable {
    /** Datagrams queued for the handshake: a flight is a handful; more is a flood, dropped. */
    static final int RECEIVE_QUEUE = 64;
    /** Record sizes under WebRTC's 1200-byte packets (RFC 8831 §5: keep DTLS within the path MTU). */
    static final int MTU = 1200;
    private static final int[] SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };
    private static final int[] SRTP_PROFILES = {SrtpProfile.AEAD_AES_128_GCM.id(), SrtpProfile.AES_CM_128_HMAC_SHA1_80.id()};

    /** Sends datagrams to the peer (non-blocking, any thread). */
    public interface Sender {
        void send(byte[] data, int off, int len);
    }

    /** What becomes of the session; each called at most once, from the handshake thread or the receiving one. */
    public interface Listener {
        void connected(SrtpKeyMaterial keys);

        void failed(String reason, Throwable cause);

        void closed(String reason);
    }

    private final DtlsCertificate local;
    private final DtlsRole role;
    private final Fingerprint remote;
    private final Sender out;
    private final Executor executor;
    private final Listener listener;
    private final Duration handshakeTimeout;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(RECEIVE_QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private volatile DTLSTransport transport;
    private volatile boolean closed;
    private volatile boolean ended;
    /** Set when BC closes our {@link Transport}: a close_notify or fatal alert from the peer, or our close. */
    private volatile boolean transportClosed;
    private volatile SrtpProfile chosen;
    private volatile byte[] keyMaterial;
    private long applicationData;

    public DtlsSession(DtlsCertificate local, DtlsRole role, Fingerprint remote, Sender out, Executor handshakeExecutor,
                       Listener listener, Duration handshakeTimeout) {
        this.local = local;
        this.role = role;
        this.remote = remote;
        this.out = out;
        this.executor = handshakeExecutor;
        this.listener = listener;
        this.handshakeTimeout = handshakeTimeout;
    }

    /** Starts the handshake on the executor (a rejected task throws here). */
    public void start() {
        executor.execute(this::handshake);
    }

    public boolean isConnected() {
        return transport != null && !closed;
    }

    /** Datagrams dropped because the handshake queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** One DTLS datagram from the peer. Never blocks for long: queued during the handshake, processed after. */
    public void receive(byte[] data, int off, int len) {
        if (closed) {
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(data, off, copy, 0, len);
        if (!queue.offer(copy)) {
            dropped.incrementAndGet();
            return;
        }
        DTLSTransport t = transport;
        if (t != null) {
            drain(t);
        }
    }

    private synchronized void drain(DTLSTransport t) {
        byte[] buf = new byte[MTU * 2];
        while (!queue.isEmpty() && !closed) {
            try {
                int n = t.receive(buf, 0, buf.length, 1);
                if (n > 0) {
                    applicationData++;   // data channels are not served: counted, ignored
                }
            } catch (TlsFatalAlert | org.bouncycastle.tls.TlsFatalAlertReceived e) {
                end("DTLS alert: " + e.getMessage());
                return;
            } catch (IOException e) {
                end("DTLS closed by the peer (" + e.getMessage() + ")");
                return;
            } catch (RuntimeException e) {
                end("DTLS error: " + e);
                return;
            }
            if (isClosedByPeer(t)) {
                end("DTLS close_notify");
                return;
            }
        }
    }

    /**
     * True once Bouncy Castle closed the datagram transport: it does so when it processed the peer's close_notify
     * (RFC 5246 §7.2.1) or a fatal alert, and on our own {@link #close()} (then {@code closed} is already set).
     */
    private boolean isClosedByPeer(DTLSTransport t) {
        return transportClosed;
    }

    private void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        closed = true;
        listener.closed(reason);
    }

    private void handshake() {
        Transport t = new Transport();
        try {
            DTLSTransport dt;
            if (role == DtlsRole.SERVER) {
                dt = new DTLSServerProtocol().accept(new Server(), t);
            } else {
                dt = new DTLSClientProtocol().connect(new Client(), t);
            }
            if (chosen == null || keyMaterial == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "the peer negotiated no SRTP profile");
            }
            SrtpKeyMaterial keys = SrtpKeyMaterial.fromExporter(chosen, keyMaterial, role == DtlsRole.CLIENT);
            if (closed) {
                dt.close();
                return;
            }
            transport = dt;
            listener.connected(keys);
            if (!queue.isEmpty()) {
                drain(dt);
            }
        } catch (TlsFatalAlert e) {
            fail("DTLS handshake failed: " + AlertDescription.getText(e.getAlertDescription())
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        } catch (InterruptedIOException e) {
            fail("DTLS handshake timed out after " + handshakeTimeout.toMillis() + " ms", e);
        } catch (IOException | RuntimeException e) {
            fail("DTLS handshake failed: " + e.getMessage(), e);
        }
    }

    private void fail(String reason, Throwable cause) {
        if (ended) {
            return;
        }
        ended = true;
        closed = true;
        listener.failed(reason, cause);
    }

    /** Sends close_notify when connected. Idempotent; no callback. */
    @Override
    public void close() {
        if (closed && ended) {
            return;
        }
        closed = true;
        ended = true;
        DTLSTransport t = transport;
        if (t != null) {
            try {
                t.close();
            } catch (IOException e) {
                // the peer is gone; nothing to tell it
            }
        }
    }

    private void checkPeer(Certificate peer) throws IOException {
        if (peer == null || peer.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "the peer sent no certificate");
        }
        if (!remote.matches(peer.getCertificateAt(0).getEncoded())) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "the peer's certificate does not match the SDP fingerprint " + remote.algorithm());
        }
    }

    private void export(TlsContext ctx) {
        SrtpProfile p = chosen;
        if (p != null) {
            keyMaterial = ctx.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (p.keyLength() + p.saltLength()));
        }
    }

    private TlsCredentialedSigner signer(TlsContext ctx) {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(ctx), local.crypto(), local.privateKey(),
                local.tlsCertificate(), new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    private final class Server extends DefaultTlsServer {
        Server() {
            super(local.crypto());
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return SUITES.clone();
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return (int) handshakeTimeout.toMillis();
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() {
            return signer(context);
        }

        @Override
        public CertificateRequest getCertificateRequest() {
            Vector<SignatureAndHashAlgorithm> algs = new Vector<>();
            algs.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            algs.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
            algs.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                    algs, null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            checkPeer(clientCertificate);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
            if (offered == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client offered no use_srtp");
            }
            for (int ours : SRTP_PROFILES) {
                for (int theirs : offered.getProtectionProfiles()) {
                    if (ours == theirs && chosen == null) {
                        chosen = SrtpProfile.of(ours).orElseThrow();
                    }
                }
            }
            if (chosen == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP profile in common");
            }
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {chosen.id()}, TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            export(context);
        }
    }

    private final class Client extends DefaultTlsClient {
        Client() {
            super(local.crypto());
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return SUITES.clone();
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return (int) handshakeTimeout.toMillis();
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(SRTP_PROFILES.clone(), TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            UseSRTPData d = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
            if (d == null || d.getProtectionProfiles().length != 1) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "the server chose no SRTP profile");
            }
            chosen = SrtpProfile.of(d.getProtectionProfiles()[0]).orElseThrow(() ->
                    new IllegalStateException("the server chose an SRTP profile we did not offer"));
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    checkPeer(serverCertificate.getCertificate());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                    return signer(context);
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            export(context);
        }
    }

    /** BC's datagram view: sends through {@link Sender}, receives from the queue {@link #receive} fills. */
    private final class Transport implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return MTU * 2;
        }

        @Override
        public int getSendLimit() {
            return MTU - 13 - 64;   // record header and the largest cipher expansion fit under the MTU
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (closed && transport == null) {
                throw new InterruptedIOException("DTLS session closed");
            }
            try {
                byte[] d = queue.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
                if (d == null) {
                    return -1;
                }
                int n = Math.min(len, d.length);
                System.arraycopy(d, 0, buf, off, n);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            out.send(buf, off, len);
        }

        @Override
        public void close() {
            // the ICE path outlives DTLS; nothing to free, but BC closing it is how a peer's close_notify shows
            transportClosed = true;
        }
    }
}
