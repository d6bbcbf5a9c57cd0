package io.camelmedia.protocol.webrtc.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.rtcp.PictureLossIndication;
import io.camelmedia.protocol.rtp.rtcp.RtcpCompoundPacket;
import io.camelmedia.testing.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SRTP/SRTCP (RFC 3711, RFC 7714) through {@link SrtpSession}: round trips between two sessions with crossed keys for
 * both profiles, the failures (tampering, replay, short packets), and a real third-party sender: ffmpeg 8's SRTP
 * muxer (libavformat's own AES-CM/HMAC-SHA1 implementation) whose every packet must authenticate.
 */
class SrtpSessionTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Two sessions with crossed keys: a's local key is b's remote key and the other way round. */
    private static SrtpSession[] pair(SrtpProfile p) {
        byte[] ka = bytes(p.keyLength(), 1);
        byte[] sa = bytes(p.saltLength(), 2);
        byte[] kb = bytes(p.keyLength(), 3);
        byte[] sb = bytes(p.saltLength(), 4);
        return new SrtpSession[] {
            new SrtpSession(new SrtpKeyMaterial(p, ka, sa, kb, sb)),
            new SrtpSession(new SrtpKeyMaterial(p, kb, sb, ka, sa)),
        };
    }

    private static byte[] rtp(int seq, int payloadLength) {
        return RtpPacket.builder().payloadType(96).sequenceNumber(seq).timestamp(90_000L + seq * 3000L)
                .ssrc(0x1234_5678L).payload(bytes(payloadLength, seq)).build().encode();
    }

    @Test
    void profilesAreTheRfc5764AndRfc7714Ones() {
        assertEquals(Optional.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80), SrtpProfile.of(0x0001));
        assertEquals(Optional.of(SrtpProfile.AEAD_AES_128_GCM), SrtpProfile.of(0x0007));
        assertEquals(Optional.empty(), SrtpProfile.of(0x0002));
        assertEquals(10, SrtpProfile.AES_CM_128_HMAC_SHA1_80.tagLength());
        assertEquals(14, SrtpProfile.AES_CM_128_HMAC_SHA1_80.saltLength());
        assertEquals(16, SrtpProfile.AEAD_AES_128_GCM.tagLength());
        assertEquals(12, SrtpProfile.AEAD_AES_128_GCM.saltLength());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripsAndTamperingOrReplayIsRejected(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        try (SrtpSession a = s[0]; SrtpSession b = s[1]) {
            for (int seq = 65_530; seq < 65_545; seq++) {   // across the sequence-number wrap: the ROC moves on
                byte[] plain = rtp(seq & 0xFFFF, 1188);
                byte[] wire = a.protectRtp(plain, 0, plain.length);
                assertEquals(plain.length + p.tagLength(), wire.length);
                assertTrue(!Arrays.equals(Arrays.copyOfRange(wire, 12, plain.length), Arrays.copyOfRange(plain, 12, plain.length)),
                        "the payload is encrypted");
                byte[] replay = wire.clone();
                byte[] in = Arrays.copyOf(wire, wire.length + 8);   // in place at an offset, room after
                System.arraycopy(wire, 0, in, 4, wire.length);
                int n = b.unprotectRtp(in, 4, wire.length);
                assertArrayEquals(plain, Arrays.copyOfRange(in, 4, 4 + n));
                SrtpException e = assertThrows(SrtpException.class, () -> b.unprotectRtp(replay, 0, replay.length));
                assertTrue(e.getMessage().contains("SSRC"), e.getMessage());
            }
            byte[] plain = rtp(20, 500);
            byte[] tampered = a.protectRtp(plain, 0, plain.length);
            tampered[100] ^= 0x01;
            assertThrows(SrtpException.class, () -> b.unprotectRtp(tampered, 0, tampered.length));
            byte[] shortOne = new byte[8];
            SrtpException e = assertThrows(SrtpException.class, () -> b.unprotectRtp(shortOne, 0, shortOne.length));
            assertTrue(e.getMessage().contains("shorter than an RTP header"), e.getMessage());
            // the other direction uses the other key
            byte[] back = rtp(7, 300);
            byte[] wire = b.protectRtp(back, 0, back.length);
            assertArrayEquals(back, Arrays.copyOf(wire, a.unprotectRtp(wire, 0, wire.length)));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripsAndTamperingIsRejected(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        try (SrtpSession a = s[0]; SrtpSession b = s[1]) {
            byte[] rtcp = RtcpCompoundPacket.encode(List.of(new PictureLossIndication(0x0BAD_CAFEL, 0x1234_5678L)));
            for (int i = 0; i < 3; i++) {
                byte[] wire = a.protectRtcp(rtcp, 0, rtcp.length);
                assertEquals(rtcp.length + 4 + p.tagLength(), wire.length, "E flag + SRTCP index, then the tag");
                byte[] replay = wire.clone();
                assertArrayEquals(rtcp, Arrays.copyOf(wire, b.unprotectRtcp(wire, 0, wire.length)));
                assertThrows(SrtpException.class, () -> b.unprotectRtcp(replay, 0, replay.length));
            }
            byte[] tampered = a.protectRtcp(rtcp, 0, rtcp.length);
            tampered[9] ^= 0x40;
            assertThrows(SrtpException.class, () -> b.unprotectRtcp(tampered, 0, tampered.length));
        }
    }

    @Test
    void everyPacketOfFfmpegsSrtpSenderAuthenticates() throws Exception {
        byte[] key = bytes(16, 11);
        byte[] salt = bytes(14, 12);
        byte[] params = new byte[30];
        System.arraycopy(key, 0, params, 0, 16);
        System.arraycopy(salt, 0, params, 16, 14);
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        // ffmpeg is the remote sender: its key is our remote key; our local key is unused here
        SrtpKeyMaterial keys = new SrtpKeyMaterial(p, bytes(16, 13), bytes(14, 14), key, salt);
        List<RtpPacket> got = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SrtpSession srtp = new SrtpSession(keys);
             Ffmpeg.Running ffmpeg = Ffmpeg.start(Files.createTempFile(dir, "ffmpeg", ".log"),
                     "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2", "-c:v", "libopenh264",
                     "-f", "rtp", "-srtp_out_suite", "AES_CM_128_HMAC_SHA1_80",
                     "-srtp_out_params", Base64.getEncoder().encodeToString(params),
                     "srtp://127.0.0.1:" + socket.getLocalPort() + "?pkt_size=1200")) {
            socket.setSoTimeout(500);
            byte[] buf = new byte[2048];
            while (true) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(d);
                } catch (SocketTimeoutException e) {
                    if (!ffmpeg.process().isAlive()) {
                        break;
                    }
                    continue;
                }
                int n = srtp.unprotectRtp(buf, 0, d.getLength());   // throws on any authentication failure
                assertEquals(d.getLength() - p.tagLength(), n);
                got.add(RtpPacket.decode(buf, 0, n));
            }
            assertEquals(0, ffmpeg.await(30), ffmpeg.logTail());
        }
        assertTrue(got.size() > 25, "packets received: " + got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(96, got.get(i).payloadType());
            assertEquals(got.get(0).ssrc(), got.get(i).ssrc());
            if (i > 0) {
                int step = (got.get(i).sequenceNumber() - got.get(i - 1).sequenceNumber()) & 0xFFFF;
                assertTrue(step >= 1 && step < 100, "packet " + i + " sequence step " + step);
            }
        }
    }
}
