package io.camelmedia.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.codec.av1.Leb128;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.payload.Av1Depacketizer;
import io.camelmedia.protocol.rtp.payload.Av1Packetizer;
import io.camelmedia.protocol.rtp.payload.DepacketizedFrame;
import io.camelmedia.protocol.rtp.payload.Depacketizer;
import io.camelmedia.protocol.rtp.payload.Packetizer;
import io.camelmedia.protocol.rtp.payload.Vp8Depacketizer;
import io.camelmedia.protocol.rtp.payload.Vp8Packetizer;
import io.camelmedia.protocol.rtp.payload.Vp9Depacketizer;
import io.camelmedia.protocol.rtp.payload.Vp9Packetizer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * VP8 / VP9 / AV1 RTP payload formats on a 30-frame GOP shaped like 720p30 at 2 Mbit/s (one 40 KB key frame,
 * 29 delta frames of 7 KB; random data behind real frame headers: a VP8 key/inter frame tag, a VP9
 * uncompressed header, AV1 TD + libaom's 320x240 sequence header + FRAME OBU), 1200-byte payloads.
 * {@code depacketize}: packets/s through {@link RtpPacket#decode} and {@link Depacketizer#push} (score = packets). {@code packetize}:
 * frames/s through {@link Packetizer#packetize}; the {@code packets} counter gives packets/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RtpVideoPayloadBenchmark {
    private static final int GOP = 30;
    private static final int KEY_BYTES = 40_000;
    private static final int DELTA_BYTES = 7_000;
    private static final int MAX_PAYLOAD = 1200;
    /** sequence_header_obu of libaom (bundled ffmpeg 8), 320x240 main profile 8 bit, with its OBU header. */
    private static final byte[] AV1_SEQUENCE_HEADER = {0x0a, 0x0b, 0x00, 0x00, 0x00, 0x04, 0x3c, (byte) 0xff,
        (byte) 0xbc, (byte) 0xda, (byte) 0xf9, 0x00, 0x40};

    @Param({"VP8", "VP9", "AV1"})
    public String codec;

    private MediaFrame[] frames;
    private byte[][] packets;
    private int seq;
    private Packetizer packetizer;
    private Depacketizer depacketizer;
    private int frameIndex;
    private int packetIndex;

    /** Packets produced by {@code packetize}, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long packets;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Codec c = Codec.valueOf(codec);
        Track track = Track.builder(1, c).build();
        Random random = new Random(42);
        frames = new MediaFrame[GOP];
        for (int f = 0; f < GOP; f++) {
            boolean key = f == 0;
            byte[] data = frame(c, key, key ? KEY_BYTES : DELTA_BYTES, random);
            frames[f] = MediaFrame.of(track, f * 3000L, f * 3000L, key, BitstreamFormat.RAW, data);
        }
        packetizer = packetizer(c);
        List<RtpPacket> list = new ArrayList<>();
        int seq = 0;
        for (MediaFrame f : frames) {
            List<byte[]> payloads = packetizer.packetize(f, MAX_PAYLOAD);
            for (int i = 0; i < payloads.size(); i++) {
                list.add(RtpPacket.builder().payloadType(96).sequenceNumber(seq++).timestamp(f.pts()).ssrc(1)
                        .marker(i == payloads.size() - 1).payload(payloads.get(i)).build());
            }
        }
        packets = list.stream().map(RtpPacket::encode).toArray(byte[][]::new);
        depacketizer = depacketizer(c);
    }

    @Benchmark
    public List<DepacketizedFrame> depacketize() {
        byte[] datagram = packets[packetIndex];
        packetIndex = (packetIndex + 1) % packets.length;
        // sequence numbers go on across GOP repetitions, as on the wire: a receiver decodes each datagram
        datagram[2] = (byte) (seq >>> 8);
        datagram[3] = (byte) seq;
        seq = (seq + 1) & 0xFFFF;
        return depacketizer.push(RtpPacket.decode(datagram));
    }

    @Benchmark
    public List<byte[]> packetize(Counters counters) {
        MediaFrame f = frames[frameIndex];
        frameIndex = (frameIndex + 1) % GOP;
        List<byte[]> out = packetizer.packetize(f, MAX_PAYLOAD);
        counters.packets += out.size();
        return out;
    }

    private static Packetizer packetizer(Codec c) {
        return switch (c) {
            case VP8 -> new Vp8Packetizer(0);
            case VP9 -> new Vp9Packetizer(0);
            default -> new Av1Packetizer();
        };
    }

    private static Depacketizer depacketizer(Codec c) {
        return switch (c) {
            case VP8 -> new Vp8Depacketizer();
            case VP9 -> new Vp9Depacketizer();
            default -> new Av1Depacketizer();
        };
    }

    private static byte[] frame(Codec c, boolean key, int size, Random random) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        switch (c) {
            case VP8 -> data[0] = (byte) (key ? 0x10 : 0x11);  // frame tag: P bit 0 on key frames, show_frame
            case VP9 -> {
                // frame_marker 2, profile 0, show_existing 0, frame_type, show_frame 1, error_resilient 0
                data[0] = (byte) (key ? 0x82 : 0x86);
                if (key) {
                    byte[] rest = {0x49, (byte) 0x83, 0x42, 0x00, 0x13, (byte) 0xf0, 0x0e, (byte) 0xf0};
                    System.arraycopy(rest, 0, data, 1, rest.length);  // sync code, BT.601, 320x240
                }
            }
            default -> data = av1TemporalUnit(key, data);
        }
        return data;
    }

    /** TD, (sequence header,) one FRAME OBU whose uncompressed header says KEY_FRAME or INTER_FRAME. */
    private static byte[] av1TemporalUnit(boolean key, byte[] payload) {
        payload[0] = (byte) (key ? 0x10 : 0x30);  // show_existing_frame 0, frame_type, show_frame 1
        int len = 2 + (key ? AV1_SEQUENCE_HEADER.length : 0) + 1 + Leb128.size(payload.length) + payload.length;
        byte[] tu = new byte[len];
        tu[0] = 0x12;  // temporal delimiter, obu_size 0
        int p = 2;
        if (key) {
            System.arraycopy(AV1_SEQUENCE_HEADER, 0, tu, p, AV1_SEQUENCE_HEADER.length);
            p += AV1_SEQUENCE_HEADER.length;
        }
        tu[p++] = 0x32;  // OBU_FRAME with obu_size
        p = Leb128.write(payload.length, tu, p);
        System.arraycopy(payload, 0, tu, p, payload.length);
        return tu;
    }
}
