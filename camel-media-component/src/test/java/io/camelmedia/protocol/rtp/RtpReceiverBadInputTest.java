package io.camelmedia.protocol.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.rtp.payload.DropReason;
import io.camelmedia.protocol.rtp.sdp.RtpMap;
import org.junit.jupiter.api.Test;

/**
 * Hostile datagrams at a bound input: random bytes, truncated headers, a CSRC count or extension length past the
 * end, FU-A fragments without a start, a reassembly past maxFrameSize, RTCP garbage. All are dropped and counted;
 * the listener never sees an exception or a bad frame, and a valid frame after them still comes through.
 */
class RtpReceiverBadInputTest {
    private static final int MAX_FRAME = 16 * 1024;

    @Test
    void hostileDatagramsAreDroppedAndCounted() throws Exception {
        List<MediaFrame> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        MediaListener listener = new MediaListener() {
            @Override
            public void started(StreamInfo info) {
            }

            @Override
            public void frame(String path, MediaFrame frame) {
                if (frame.payloadLength() > MAX_FRAME) {
                    failures.add(new AssertionError("frame over the limit: " + frame));
                }
                frames.add(frame);
            }

            @Override
            public void ended(String path, String reason) {
            }
        };
        List<byte[]> datagrams = new ArrayList<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {   // random datagrams, some with a valid version and our payload type
            byte[] d = new byte[rnd.nextInt(1400)];
            rnd.nextBytes(d);
            if (d.length > 2 && rnd.nextBoolean()) {
                d[0] = (byte) (0x80 | (d[0] & 0x3F));
                d[1] = (byte) ((d[1] & 0x80) | 96);
            }
            datagrams.add(d);
        }
        datagrams.add(new byte[] {(byte) 0x80, 96, 0, 1});                             // truncated fixed header
        datagrams.add(header(0x8F, false, 10, 0, new byte[8]));                        // CSRC count 15, 2 CSRCs there
        byte[] ext = header(0x90, false, 11, 0, new byte[] {(byte) 0xBE, (byte) 0xDE, 0x00, 0x40, 1, 2});
        datagrams.add(ext);                                                            // extension of 64 words, 2 bytes there
        datagrams.add(header(0x80, true, 20, 9000, new byte[] {0x7C, 0x45, 1, 2, 3}));  // FU-A end without a start
        datagrams.add(header(0x80, false, 21, 9000, new byte[] {0x7C, 0x05, 1, 2, 3})); // FU-A middle without a start
        int seq = 22;   // right after the orphan fragments: no gap, so the unit is assembled until it is too large
        datagrams.add(header(0x80, false, seq++, 18000, fu(0x85, 1000)));               // FU-A start of an IDR ...
        for (int i = 0; i < 40; i++) {
            datagrams.add(header(0x80, false, seq++, 18000, fu(0x05, 1000)));           // ... growing past MAX_FRAME
        }
        datagrams.add(header(0x80, true, seq++, 18000, fu(0x45, 1000)));
        // then a whole valid key frame: SPS, PPS, IDR in a STAP-A + single NAL, marker on the last
        byte[] sps = java.util.HexFormat.of().parseHex("6742c01e8c680a03da1008080b4a");   // constrained baseline SPS (640x480)
        byte[] pps = java.util.HexFormat.of().parseHex("68ce3c80");
        byte[] stap = new byte[1 + 2 + sps.length + 2 + pps.length];
        stap[0] = 24;
        stap[1] = 0;
        stap[2] = (byte) sps.length;
        System.arraycopy(sps, 0, stap, 3, sps.length);
        stap[3 + sps.length] = 0;
        stap[4 + sps.length] = (byte) pps.length;
        System.arraycopy(pps, 0, stap, 5 + sps.length, pps.length);
        datagrams.add(header(0x80, false, seq++, 27000, stap));
        datagrams.add(header(0x80, true, seq, 27000, new byte[] {0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x33}));

        try (RtpReceiver receiver = new RtpReceiver(1);
             RtpStreamAssembler stream = new RtpStreamAssembler("live/bad", receiver, listener, Duration.ofSeconds(10));
             DatagramSocket out = new DatagramSocket()) {
            RtpInput input = stream.addInput(new RtpInputConfig("127.0.0.1", 0, false, RtpMap.of(96, "H264", 90_000), null,
                    20, MAX_FRAME));
            for (byte[] d : datagrams) {
                out.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), input.port()));
                Thread.onSpinWait();
            }
            byte[] rtcpGarbage = {(byte) 0x81, (byte) 200, 0, 50, 1, 2, 3};
            out.send(new DatagramPacket(rtcpGarbage, rtcpGarbage.length, InetAddress.getLoopbackAddress(), input.rtcpPort()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && (input.stats().datagrams() < datagrams.size() + 1 || frames.isEmpty())) {
                Thread.sleep(20);
            }
            RtpInputStats s = input.stats();
            assertEquals(datagrams.size() + 1, s.datagrams(), "every datagram seen (loopback, slow enough): " + input);
            assertTrue(s.malformed() >= 3, "truncated header, CSRC and extension past the end: " + s);
            assertEquals(1, s.rtcpMalformed(), s.toString());
            assertEquals(0, s.listenerFailures());
            var d = input.depacketizer().stats();
            assertTrue(d.dropped(DropReason.TOO_LARGE) >= 1, "oversized reassembly: " + input);
            assertTrue(d.dropped() > 0, d.toString());
            assertTrue(failures.isEmpty(), failures.toString());
            MediaFrame last = frames.get(frames.size() - 1);
            assertTrue(last.keyframe(), "the valid key frame after the garbage comes through: " + frames);
            assertTrue(last.track().width() > 0, "the track learned from the in-band SPS: " + last.track());
        }
    }

    private static byte[] fu(int fuHeader, int size) {
        byte[] p = new byte[2 + size];
        p[0] = 0x7C;   // FU indicator: NRI 3, type 28
        p[1] = (byte) fuHeader;
        return p;
    }

    private static byte[] header(int b0, boolean marker, int seq, long ts, byte[] payload) {
        byte[] d = new byte[12 + payload.length];
        d[0] = (byte) b0;
        d[1] = (byte) ((marker ? 0x80 : 0) | 96);
        d[2] = (byte) (seq >> 8);
        d[3] = (byte) seq;
        d[4] = (byte) (ts >> 24);
        d[5] = (byte) (ts >> 16);
        d[6] = (byte) (ts >> 8);
        d[7] = (byte) ts;
        d[8] = 0x12;
        d[9] = 0x34;
        d[10] = 0x56;
        d[11] = 0x78;
        System.arraycopy(payload, 0, d, 12, payload.length);
        return d;
    }
}
