package io.camelmedia.camel.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;

/** Shared by the rtp: tests: free UDP port pairs, frame-by-frame comparison with timestamps relative to the first. */
public final class RtpTesting {
    private RtpTesting() {
    }

    /** An even port p with p and p+1 free on loopback (RTP + RTCP); {@code span} ports from p are checked. */
    public static int freeUdpPorts(int span) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                p = s.getLocalPort() & ~1;
            }
            if (p + span > 65535) {
                continue;
            }
            if (allFree(p, span)) {
                return p;
            }
        }
        throw new IllegalStateException("no free UDP port range of " + span);
    }

    private static boolean allFree(int p, int span) {
        List<DatagramSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < span; i++) {
                open.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p + i)));
            }
            return true;
        } catch (Exception e) {
            return false;
        } finally {
            open.forEach(DatagramSocket::close);
        }
    }

    /** An AVCC frame (4-byte lengths) with every length replaced by a 4-byte start code, nothing added. */
    public static byte[] startCodes(MediaFrame f) {
        byte[] b = f.payloadBytes();
        int pos = 0;
        while (pos + 4 <= b.length) {
            int len = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            b[pos] = 0;
            b[pos + 1] = 0;
            b[pos + 2] = 0;
            b[pos + 3] = 1;
            pos += 4 + len;
        }
        return b;
    }

    /**
     * Count, pts relative to the first (in the reference timebase), size and MD5 of {@code payload(frame)} against
     * the reference packets of {@code stream}; keyframe flags when {@code keyframes}.
     */
    public static void assertRelativeMatch(FrameMd5 ref, int stream, List<MediaFrame> frames,
                                    Function<MediaFrame, byte[]> payload, boolean keyframes) {
        assertRelativeMatch(ref, stream, frames, payload, keyframes, 0);
    }

    /** As above, timestamps relative to packet {@code timeFrom} (earlier packets: payload only). */
    public static void assertRelativeMatch(FrameMd5 ref, int stream, List<MediaFrame> frames,
                                    Function<MediaFrame, byte[]> payload, boolean keyframes, int timeFrom) {
        List<FrameMd5.Packet> packets = ref.packets(stream);
        FrameMd5.StreamHeader h = ref.stream(stream);
        List<String> problems = new ArrayList<>();
        if (packets.size() != frames.size()) {
            problems.add("count: reference " + packets.size() + ", ours " + frames.size());
        }
        long first = frames.size() <= timeFrom ? 0 : frames.get(timeFrom).pts();
        long refFirst = packets.size() <= timeFrom ? 0 : packets.get(timeFrom).pts();
        for (int i = 0; i < Math.min(packets.size(), frames.size()) && problems.size() < 10; i++) {
            MediaFrame f = frames.get(i);
            FrameMd5.Packet p = packets.get(i);
            long pts = FrameMd5Comparator.toTimebase(f.pts() - first, f.track().clockRate(), h.tbNum(), h.tbDen());
            byte[] bytes = payload.apply(f);
            String md5 = FrameMd5Comparator.md5(bytes);
            boolean keyOk = !keyframes || p.keyframe() == null || p.keyframe() == f.keyframe();
            boolean timeOk = i < timeFrom || pts == p.pts() - refFirst;
            if (!timeOk || bytes.length != p.size() || !md5.equals(p.md5()) || !keyOk) {
                problems.add("#" + i + ": ref pts " + (p.pts() - refFirst) + " size " + p.size() + " key " + p.keyframe()
                        + " / ours pts " + pts + " size " + bytes.length + " key " + f.keyframe() + (md5.equals(p.md5()) ? "" : " md5 differs"));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
