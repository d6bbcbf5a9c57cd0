package io.camelmedia.protocol.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.protocol.rtp.payload.DropReason;
import io.camelmedia.protocol.rtp.sdp.RtpMap;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lossy network between the bundled ffmpeg and our receiver: a relay in the test (seeded Random) drops 2 %,
 * reorders 1 % and duplicates 0.5 % of the RTP packets. No corrupted frame is delivered (the delivered access
 * units, written as an H.264 elementary stream, decode with no error), the losses are counted, and the stream
 * recovers at each next key frame.
 */
class RtpReceiverImpairmentTest {
    @TempDir
    Path dir;

    @Test
    void lossReorderDuplicationNeverDeliverACorruptFrame() throws Exception {
        Path src = dir.resolve("src.mp4");
        Ffmpeg.run(120, "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=25", "-t", "4",
                "-c:v", "libopenh264", "-b:v", "1M", "-g", "10", src.toString()).requireSuccess();
        RecordingMediaListener rec = new RecordingMediaListener();
        RtpInput input;
        Relay relay = new Relay(new Random(42));
        try (RtpReceiver receiver = new RtpReceiver(1);
             RtpStreamAssembler stream = new RtpStreamAssembler("live/lossy", receiver, rec, Duration.ofSeconds(10));
             relay) {
            input = stream.addInput(RtpInputConfig.of("127.0.0.1", 0, RtpMap.of(96, "H264", 90_000), null));
            relay.forwardTo(input.port());
            Ffmpeg.run(120, "-v", "error", "-re", "-i", src.toString(), "-c", "copy", "-bsf:v", "h264_mp4toannexb", "-payload_type", "96",
                    "-f", "rtp", "rtp://127.0.0.1:" + relay.port()).requireSuccess();
            relay.drainAndStop();
            awaitDelivered(input, relay.forwarded);
            Thread.sleep(300);   // the reorder buffer gives up on the last gaps after its latency (100 ms)
        }
        List<MediaFrame> frames = rec.frames();
        assertTrue(relay.dropped > 0 && relay.reordered > 0 && relay.duplicated > 0, relay.toString());
        assertTrue(input.reorderBuffer().lost() > 0, "losses counted: " + input);
        assertTrue(input.reorderBuffer().duplicates() + input.reorderBuffer().late() > 0, "duplicates dropped: " + input);
        assertTrue(input.depacketizer().stats().dropped(DropReason.LOSS) > 0
                || input.depacketizer().stats().dropped(DropReason.WAITING_FOR_KEYFRAME) > 0, input.toString());
        long keyframes = frames.stream().filter(MediaFrame::keyframe).count();
        assertTrue(keyframes >= 3, "recovers at the next key frames: " + keyframes + " of 10 delivered; " + input);
        assertTrue(frames.size() > 20 && frames.size() < 100, "some frames delivered, the lossy ones not: " + frames.size());
        assertTrue(frames.get(0).keyframe());

        // each delivered access unit is whole: the elementary stream of them decodes without a single error
        AvcDecoderConfigurationRecord avcc = AvcDecoderConfigurationRecord.decode(frames.get(0).track().config());
        ByteArrayOutputStream es = new ByteArrayOutputStream();
        for (MediaFrame f : frames) {
            if (f.keyframe()) {
                for (byte[] ps : avcc.sequenceParameterSets()) {
                    es.writeBytes(new byte[] {0, 0, 0, 1});
                    es.writeBytes(ps);
                }
                for (byte[] ps : avcc.pictureParameterSets()) {
                    es.writeBytes(new byte[] {0, 0, 0, 1});
                    es.writeBytes(ps);
                }
            }
            es.writeBytes(annexB(f.payloadBytes()));
        }
        Path h264 = dir.resolve("delivered.h264");
        Files.write(h264, es.toByteArray());
        Ffmpeg.Result r = Ffmpeg.run(60, "-v", "error", "-f", "h264", "-i", h264.toString(), "-f", "null", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr().trim(), "decoder errors on delivered frames");
    }

    static byte[] annexB(byte[] avcc) {
        byte[] b = avcc.clone();
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

    private static void awaitDelivered(RtpInput input, long forwarded) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && input.stats().datagrams() < forwarded) {
            Thread.sleep(20);
        }
    }

    /** A UDP relay: drops, reorders (holds one packet behind the next) and duplicates, bounded, seeded. */
    static final class Relay implements AutoCloseable {
        private final DatagramSocket in;
        private final DatagramSocket out;
        private final Random random;
        private final Thread thread;
        private volatile int target;
        private volatile boolean stopping;
        long received;
        long forwarded;
        long dropped;
        long reordered;
        long duplicated;

        Relay(Random random) throws Exception {
            this.random = random;
            in = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            in.setReceiveBufferSize(4 << 20);
            in.setSoTimeout(300);
            out = new DatagramSocket();
            thread = new Thread(this::run, "relay");
            thread.setDaemon(true);
        }

        int port() {
            return in.getLocalPort();
        }

        void forwardTo(int port) {
            target = port;
            thread.start();
        }

        private void run() {
            byte[] buf = new byte[65_536];
            byte[] held = null;
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (true) {
                try {
                    p.setLength(buf.length);
                    in.receive(p);
                    received++;
                    byte[] d = Arrays.copyOf(buf, p.getLength());
                    int roll = random.nextInt(1000);
                    if (roll < 20) {
                        dropped++;
                        continue;
                    }
                    if (roll < 30 && held == null) {
                        reordered++;
                        held = d;   // goes out after the next packet
                        continue;
                    }
                    send(d);
                    if (roll < 35) {
                        duplicated++;
                        send(d);
                    }
                    if (held != null) {
                        send(held);
                        held = null;
                    }
                } catch (SocketTimeoutException e) {
                    if (stopping) {
                        return;
                    }
                } catch (Exception e) {
                    return;
                }
            }
        }

        private void send(byte[] d) throws Exception {
            out.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), target));
            forwarded++;
        }

        void drainAndStop() throws InterruptedException {
            stopping = true;
            thread.join();
        }

        @Override
        public void close() throws InterruptedException {
            stopping = true;
            in.close();
            out.close();
            thread.join();
        }

        @Override
        public String toString() {
            return "Relay[received=" + received + " forwarded=" + forwarded + " dropped=" + dropped + " reordered="
                    + reordered + " duplicated=" + duplicated + "]";
        }
    }
}
