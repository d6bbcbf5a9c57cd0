package io.camelmedia.protocol.webrtc.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.camelmedia.protocol.webrtc.srtp.SrtpKeyMaterial;
import io.camelmedia.protocol.webrtc.srtp.SrtpProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our DTLS-SRTP against a third-party implementation: the system {@code openssl} (OpenSSL 3) as s_server and
 * s_client over UDP on 127.0.0.1, with an ECDSA P-256 certificate and mutual authentication. OpenSSL prints the
 * {@code EXTRACTOR-dtls_srtp} keying material it derived (RFC 5764 §4.2), which proves our split into
 * client_write_key | server_write_key | client_write_salt | server_write_salt. Skipped when openssl is not installed.
 */
class DtlsOpensslInteropTest {
    /** 2 * (16 + 14) bytes for SRTP_AES128_CM_HMAC_SHA1_80. */
    private static final int KEYING_LENGTH = 60;

    @TempDir
    Path dir;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private String openssl;
    private Path certPem;
    private Path keyPem;
    private String opensslFingerprint;
    /** The reason our (single) session was closed with. */
    private final CompletableFuture<String> closedReason = new CompletableFuture<>();

    @BeforeEach
    void setUp() throws Exception {
        openssl = findOnPath("openssl");
        Assumptions.assumeTrue(openssl != null, "openssl is not installed");
        certPem = dir.resolve("cert.pem");
        keyPem = dir.resolve("key.pem");
        Process p = new ProcessBuilder(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", keyPem.toString(), "-out", certPem.toString(), "-subj", "/CN=openssl-peer", "-days", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("req.log").toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(dir.resolve("req.log")));
        opensslFingerprint = "sha-256 " + Fingerprint.of("sha-256", pemToDer(Files.readString(certPem)));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        pool.shutdownNow();
    }

    @Test
    void ourClientConnectsToOpensslServerAndExportsTheSameKeys() throws Exception {
        int port = freeUdpPort();
        Openssl server = start(openssl, "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
                "-cert", certPem.toString(), "-key", keyPem.toString(), "-verify", "1",
                "-use_srtp", "SRTP_AES128_CM_SHA1_80",
                "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", String.valueOf(KEYING_LENGTH));
        assertTrue(server.accepting.await(20, TimeUnit.SECONDS), "openssl s_server did not start:\n" + server.output);

        DtlsCertificate ours = DtlsCertificate.generate();
        Udp udp = udp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        CompletableFuture<SrtpKeyMaterial> keys = new CompletableFuture<>();
        DtlsSession session = session(ours, DtlsRole.CLIENT, opensslFingerprint, udp, keys);
        session.start();

        SrtpKeyMaterial k = keys.get(20, TimeUnit.SECONDS);
        assertTrue(session.isConnected());
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, k.profile(), "openssl only offers SRTP_AES128_CM_SHA1_80");
        byte[] m = server.keyingMaterial.get(20, TimeUnit.SECONDS);
        assertArrayEquals(Arrays.copyOfRange(m, 0, 16), k.localKey(), "client_write_key");
        assertArrayEquals(Arrays.copyOfRange(m, 16, 32), k.remoteKey(), "server_write_key");
        assertArrayEquals(Arrays.copyOfRange(m, 32, 46), k.localSalt(), "client_write_salt");
        assertArrayEquals(Arrays.copyOfRange(m, 46, 60), k.remoteSalt(), "server_write_salt");
        // (s_server on stdin EOF closes its socket before its close_notify, so the peer close is tested with s_client)
        session.close();
    }

    @Test
    void ourServerAcceptsOpensslClientAndExportsTheSameKeys() throws Exception {
        DtlsCertificate ours = DtlsCertificate.generate();
        Udp udp = udp(null);
        CompletableFuture<SrtpKeyMaterial> keys = new CompletableFuture<>();
        DtlsSession session = session(ours, DtlsRole.SERVER, opensslFingerprint, udp, keys);
        session.start();
        Openssl client = start(openssl, "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + udp.socket.getLocalPort(),
                "-cert", certPem.toString(), "-key", keyPem.toString(),
                "-use_srtp", "SRTP_AES128_CM_SHA1_80",
                "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", String.valueOf(KEYING_LENGTH));

        SrtpKeyMaterial k = keys.get(20, TimeUnit.SECONDS);
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, k.profile(), "the first of the client's list we support");
        byte[] m = client.keyingMaterial.get(20, TimeUnit.SECONDS);
        assertArrayEquals(Arrays.copyOfRange(m, 0, 16), k.remoteKey(), "client_write_key");
        assertArrayEquals(Arrays.copyOfRange(m, 16, 32), k.localKey(), "server_write_key");
        assertArrayEquals(Arrays.copyOfRange(m, 32, 46), k.remoteSalt(), "client_write_salt");
        assertArrayEquals(Arrays.copyOfRange(m, 46, 60), k.localSalt(), "server_write_salt");
        client.process.getOutputStream().close();   // EOF on stdin: s_client sends close_notify and ends
        assertEquals("DTLS close_notify", closedReason.completeOnTimeout("(not closed)", 20, TimeUnit.SECONDS).get(),
                client.output.toString());
        assertTrue(!session.isConnected());
        session.close();
    }

    @Test
    void anOpensslCertificateThatDoesNotMatchTheSdpFingerprintFailsOurClient() throws Exception {
        int port = freeUdpPort();
        Openssl server = start(openssl, "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
                "-cert", certPem.toString(), "-key", keyPem.toString(), "-use_srtp", "SRTP_AES128_CM_SHA1_80");
        assertTrue(server.accepting.await(20, TimeUnit.SECONDS), "openssl s_server did not start:\n" + server.output);
        Udp udp = udp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        CompletableFuture<SrtpKeyMaterial> keys = new CompletableFuture<>();
        String wrong = "sha-256 " + DtlsCertificate.generate().fingerprintSha256();
        DtlsSession session = session(DtlsCertificate.generate(), DtlsRole.CLIENT, wrong, udp, keys);
        session.start();
        ExecutionException e = assertThrows(ExecutionException.class, () -> keys.get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("bad_certificate"), e.getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains("does not match the SDP fingerprint"), e.getCause().getMessage());
        session.close();
    }

    private DtlsSession session(DtlsCertificate cert, DtlsRole role, String fingerprint, Udp udp,
                                CompletableFuture<SrtpKeyMaterial> keys) {
        DtlsSession s = new DtlsSession(cert, role, Fingerprint.parse(fingerprint), udp::send, pool, new DtlsSession.Listener() {
            @Override
            public void connected(SrtpKeyMaterial k) {
                keys.complete(k);
            }

            @Override
            public void failed(String reason, Throwable cause) {
                keys.completeExceptionally(new IllegalStateException(reason, cause));
            }

            @Override
            public void closed(String reason) {
                keys.completeExceptionally(new IllegalStateException("closed: " + reason));
                closedReason.complete(reason);
            }
        }, Duration.ofSeconds(15));
        udp.session = s;
        resources.add(s);
        return s;
    }

    /** A UDP socket on 127.0.0.1 whose datagrams go to the session; the peer is fixed or learnt from the first datagram. */
    private static final class Udp implements AutoCloseable {
        final DatagramSocket socket;
        volatile SocketAddress peer;
        volatile DtlsSession session;
        private final Thread reader;

        Udp(SocketAddress peer) throws SocketException {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.peer = peer;
            this.reader = new Thread(this::read, "udp-" + socket.getLocalPort());
            reader.setDaemon(true);
            reader.start();
        }

        void send(byte[] data, int off, int len) {
            SocketAddress to = peer;
            if (to == null) {
                return;
            }
            try {
                socket.send(new DatagramPacket(data, off, len, to));
            } catch (IOException e) {
                // closed at the end of the test
            }
        }

        private void read() {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (IOException e) {
                    return;
                }
                if (peer == null) {
                    peer = p.getSocketAddress();
                }
                DtlsSession s = session;
                if (s != null) {
                    s.receive(p.getData(), p.getOffset(), p.getLength());
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            reader.join(5000);
        }
    }

    private Udp udp(SocketAddress peer) throws SocketException {
        Udp u = new Udp(peer);
        resources.add(u);
        return u;
    }

    /** A running openssl s_server or s_client; stdin is kept open (EOF would end its session). */
    private static final class Openssl implements AutoCloseable {
        final Process process;
        final StringBuffer output = new StringBuffer();
        final CountDownLatch accepting = new CountDownLatch(1);
        final CompletableFuture<byte[]> keyingMaterial = new CompletableFuture<>();
        private final Thread reader;

        Openssl(List<String> cmd) throws IOException {
            this.process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            this.reader = new Thread(this::read, "openssl-out");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("ACCEPT")) {
                        accepting.countDown();
                    }
                    String t = line.trim();
                    if (t.startsWith("Keying material:")) {
                        keyingMaterial.complete(HexFormat.of().parseHex(t.substring("Keying material:".length()).trim()));
                    }
                }
            } catch (IOException e) {
                // the process was destroyed
            }
            keyingMaterial.completeExceptionally(new AssertionError("openssl printed no keying material:\n" + output));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(5000);
        }
    }

    private Openssl start(String... cmd) throws IOException {
        Openssl o = new Openssl(List.of(cmd));
        resources.add(o);
        return o;
    }

    private static int freeUdpPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static byte[] pemToDer(String pem) {
        String b64 = pem.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(b64);
    }

    private static String findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
