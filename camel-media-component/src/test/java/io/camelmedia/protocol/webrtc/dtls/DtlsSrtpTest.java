package io.camelmedia.protocol.webrtc.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.webrtc.srtp.SrtpException;
import io.camelmedia.protocol.webrtc.srtp.SrtpKeyMaterial;
import io.camelmedia.protocol.webrtc.srtp.SrtpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two of our DTLS sessions (Bouncy Castle client and server) wired back to back: the handshake with mutual
 * fingerprint checks, the exported SRTP keys crossed, SRTP/SRTCP round trips, and the failures.
 */
class DtlsSrtpTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private record Pair(CompletableFuture<SrtpKeyMaterial> client, CompletableFuture<SrtpKeyMaterial> server,
                        DtlsSession c, DtlsSession s) {
    }

    private Pair connect(DtlsCertificate clientCert, DtlsCertificate serverCert, String clientExpects, String serverExpects) {
        CompletableFuture<SrtpKeyMaterial> ck = new CompletableFuture<>();
        CompletableFuture<SrtpKeyMaterial> sk = new CompletableFuture<>();
        DtlsSession[] ends = new DtlsSession[2];
        ends[0] = new DtlsSession(clientCert, DtlsRole.CLIENT, Fingerprint.parse("sha-256 " + clientExpects),
                (d, o, l) -> ends[1].receive(d, o, l), pool, listener(ck), Duration.ofSeconds(5));
        ends[1] = new DtlsSession(serverCert, DtlsRole.SERVER, Fingerprint.parse("sha-256 " + serverExpects),
                (d, o, l) -> ends[0].receive(d, o, l), pool, listener(sk), Duration.ofSeconds(5));
        ends[1].start();
        ends[0].start();
        return new Pair(ck, sk, ends[0], ends[1]);
    }

    private static DtlsSession.Listener listener(CompletableFuture<SrtpKeyMaterial> f) {
        return new DtlsSession.Listener() {
            @Override
            public void connected(SrtpKeyMaterial keys) {
                f.complete(keys);
            }

            @Override
            public void failed(String reason, Throwable cause) {
                f.completeExceptionally(new IllegalStateException(reason, cause));
            }

            @Override
            public void closed(String reason) {
                f.completeExceptionally(new IllegalStateException("closed: " + reason));
            }
        };
    }

    @Test
    void handshakeExportsCrossedKeysAndSrtpRoundTrips() throws Exception {
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate();
        Pair p = connect(a, b, b.fingerprintSha256(), a.fingerprintSha256());
        SrtpKeyMaterial ck = p.client().get(10, TimeUnit.SECONDS);
        SrtpKeyMaterial sk = p.server().get(10, TimeUnit.SECONDS);
        assertEquals(ck.profile(), sk.profile());
        assertArrayEquals(ck.localKey(), sk.remoteKey());
        assertArrayEquals(ck.remoteSalt(), sk.localSalt());
        try (SrtpSession client = new SrtpSession(ck); SrtpSession server = new SrtpSession(sk)) {
            byte[] rtp = RtpPacket.builder().payloadType(96).sequenceNumber(1000).timestamp(90_000).ssrc(0x1234_5678L)
                    .payload(new byte[1000]).build().encode();
            for (int i = 0; i < 3; i++) {
                rtp[3] = (byte) (0xE8 + i);
                byte[] protectedRtp = client.protectRtp(rtp, 0, rtp.length);
                assertEquals(rtp.length + ck.profile().tagLength(), protectedRtp.length);
                byte[] copy = protectedRtp.clone();
                int n = server.unprotectRtp(copy, 0, copy.length);
                assertEquals(rtp.length, n);
                assertArrayEquals(rtp, java.util.Arrays.copyOf(copy, n));
                byte[] replay = protectedRtp.clone();
                assertThrows(SrtpException.class, () -> server.unprotectRtp(replay, 0, replay.length), "replay");
            }
            rtp[3] = (byte) 0xF0;
            byte[] tampered = client.protectRtp(rtp, 0, rtp.length);
            tampered[40] ^= 1;
            assertThrows(SrtpException.class, () -> server.unprotectRtp(tampered, 0, tampered.length));
            byte[] rtcp = io.camelmedia.protocol.rtp.rtcp.RtcpCompoundPacket.encode(java.util.List.of(
                    new io.camelmedia.protocol.rtp.rtcp.PictureLossIndication(1, 0x1234_5678L)));
            byte[] srtcp = server.protectRtcp(rtcp, 0, rtcp.length);
            int n = client.unprotectRtcp(srtcp, 0, srtcp.length);
            assertArrayEquals(rtcp, java.util.Arrays.copyOf(srtcp, n));
        }
        p.c().close();
        p.s().close();
    }

    @Test
    void aCertificateThatDoesNotMatchTheFingerprintFailsTheHandshake() {
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate();
        DtlsCertificate other = DtlsCertificate.generate();
        Pair p = connect(a, b, other.fingerprintSha256(), a.fingerprintSha256());
        Exception e = assertThrows(Exception.class, () -> p.client().get(10, TimeUnit.SECONDS));
        assertTrue(e.getMessage().contains("DTLS handshake failed"), e.getMessage());
        p.c().close();
        p.s().close();
    }
}
