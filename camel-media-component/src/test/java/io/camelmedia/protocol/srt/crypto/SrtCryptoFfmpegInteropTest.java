package io.camelmedia.protocol.srt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.camelmedia.testing.Ffmpeg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real libsrt (inside the bundled ffmpeg 8) as an encrypted SRT caller against a throw-away listener written here:
 * just enough HSv5 handshake (induction response with the 0x4A17 magic and a cookie, conclusion response with the
 * caller's HSREQ echoed as HSRSP and its KM echoed as KMRSP) for ffmpeg to start sending MPEG-TS. Checks, per key
 * length: libsrt's KMREQ decodes and unwraps with the passphrase (KEK from the last 8 salt bytes), another passphrase
 * is BADSECRET, our re-assembly of the same keys is byte-identical to libsrt's message, and the encrypted data packets
 * decrypt (libsrt's CTR counter block) into TS packets (sync byte 0x47 every 188 bytes).
 * The real handshake lives in {@code io.camelmedia.protocol.srt}; this one is test scaffolding only.
 */
class SrtCryptoFfmpegInteropTest {
    private static final String PASS = "0123456789abc";
    private static final int LISTENER_ID = 0x1234567;
    private static final int COOKIE = 0x5EC0C0DE;
    private static final int HS_INDUCTION = 1;
    private static final int HS_CONCLUSION = -1;
    private static final int EXT_HSREQ = 1;
    private static final int EXT_HSRSP = 2;
    private static final int EXT_KMREQ = 3;
    private static final int EXT_KMRSP = 4;
    private static final int TS_PACKET = 188;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "pbkeylen {0}")
    @ValueSource(ints = {16, 24, 32})
    void libsrtCallerKeyMaterialAndPackets(int pbkeylen) throws Exception {
        try (DatagramSocket sock = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            sock.setSoTimeout(500);
            String url = "srt://127.0.0.1:" + sock.getLocalPort() + "?mode=caller&passphrase=" + PASS
                    + "&pbkeylen=" + pbkeylen + "&latency=200000";
            try (Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("ff" + pbkeylen + ".log"), "-re", "-f", "lavfi", "-i",
                    "testsrc=size=160x120:rate=25", "-t", "8", "-c:v", "mpeg2video", "-b:v", "200k", "-f", "mpegts",
                    url)) {
                Session s = new Session(sock);
                s.run(System.nanoTime() + 20_000_000_000L);
                assertNotNull(s.kmreq, "no conclusion with KMREQ from libsrt\n" + ff.logTail());
                assertTrue(s.data.size() >= 5, "only " + s.data.size() + " data packets\n" + ff.logTail());

                SrtKmMessage km = SrtKmMessage.decode(s.kmreq);
                assertEquals(SrtKeyFlag.EVEN, km.keyFlag());
                assertEquals(pbkeylen, km.keyLength());
                assertEquals(pbkeylen / 8, s.encryptionField, "the handshake's encryption field is pbkeylen / 8");

                SrtCryptoException bad = assertThrows(SrtCryptoException.class,
                        () -> new SrtCryptoReceiver("another passphrase").accept(s.kmreq));
                assertEquals(SrtKmState.BADSECRET, bad.kmState());

                SrtCryptoReceiver rx = new SrtCryptoReceiver(PASS);
                rx.accept(s.kmreq);
                assertArrayEquals(s.kmreq, SrtCryptoSender.cloneOf(rx, 0, 0, new SecureRandom()).keyMaterial(),
                        "our KM for libsrt's salt and key is byte-identical to libsrt's");
                for (byte[] pkt : s.data) {
                    ByteBuffer b = ByteBuffer.wrap(pkt);
                    int seq = b.getInt(0);
                    SrtKeyFlag kk = SrtKeyFlag.ofDataHeaderWord(b.getInt(4));
                    assertEquals(SrtKeyFlag.EVEN, kk);
                    ByteBuffer payload = b.position(16).slice();
                    assertTrue(rx.decrypt(kk, seq, payload));
                    assertEquals(0, payload.remaining() % TS_PACKET, "payload " + payload.remaining());
                    for (int i = 0; i < payload.remaining(); i += TS_PACKET) {
                        assertEquals(0x47, payload.get(i) & 0xFF, "TS sync byte at " + i + " of packet " + seq);
                    }
                }
            }
        }
    }

    /** The fake listener's state: what libsrt sent. */
    private static final class Session {
        final DatagramSocket sock;
        byte[] kmreq;
        int encryptionField;
        final List<byte[]> data = new ArrayList<>();

        Session(DatagramSocket sock) {
            this.sock = sock;
        }

        void run(long deadline) throws IOException {
            byte[] buf = new byte[2048];
            while (System.nanoTime() < deadline && data.size() < 8) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    sock.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(p.getData(), p.getLength()));
                if (in.getInt(0) >= 0) {
                    if (kmreq != null) {
                        data.add(in.array());
                    }
                } else if ((in.getInt(0) >>> 16) == 0x8000 && in.remaining() >= 64) {
                    handshake(in, p);
                }
            }
        }

        private void handshake(ByteBuffer in, DatagramPacket from) throws IOException {
            int type = in.getInt(36);
            int callerId = in.getInt(40);
            if (type == HS_INDUCTION) {
                send(response(in, callerId, 0x4A17, HS_INDUCTION, List.of()), from);
            } else if (type == HS_CONCLUSION) {
                encryptionField = in.getShort(20) & 0xFFFF;
                byte[] hsreq = null;
                for (int pos = 64; pos + 4 <= in.limit(); ) {
                    int extType = in.getShort(pos) & 0xFFFF;
                    int len = (in.getShort(pos + 2) & 0xFFFF) * 4;
                    byte[] content = Arrays.copyOfRange(in.array(), pos + 4, pos + 4 + len);
                    if (extType == EXT_HSREQ) {
                        hsreq = content;
                    } else if (extType == EXT_KMREQ) {
                        kmreq = content;
                    }
                    pos += 4 + len;
                }
                if (hsreq != null && kmreq != null) {
                    send(response(in, callerId, 0x0003, HS_CONCLUSION,
                            List.of(ext(EXT_HSRSP, hsreq), ext(EXT_KMRSP, kmreq))), from);
                }
            }
        }

        /** A handshake answer echoing the caller's ISN, MTU, flow window and peer IP. */
        private static byte[] response(ByteBuffer req, int callerId, int extField, int hsType, List<byte[]> exts) {
            ByteBuffer out = ByteBuffer.allocate(64 + exts.stream().mapToInt(e -> e.length).sum());
            out.putInt(0x80000000).putInt(0).putInt(0).putInt(callerId);
            out.putInt(5).putInt(extField).putInt(req.getInt(24)).putInt(req.getInt(28)).putInt(req.getInt(32));
            out.putInt(hsType).putInt(LISTENER_ID).putInt(COOKIE);
            out.put(Arrays.copyOfRange(req.array(), 48, 64));
            exts.forEach(out::put);
            return out.array();
        }

        private static byte[] ext(int type, byte[] content) {
            return ByteBuffer.allocate(4 + content.length).putShort((short) type)
                    .putShort((short) (content.length / 4)).put(content).array();
        }

        private void send(byte[] b, DatagramPacket to) throws IOException {
            sock.send(new DatagramPacket(b, b.length, to.getSocketAddress()));
        }
    }
}
