package io.camelmedia.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.payload.DepacketizedFrame;
import io.camelmedia.protocol.rtp.payload.FramePerPacketDepacketizer;
import io.camelmedia.protocol.rtp.payload.FramePerPacketPacketizer;
import io.camelmedia.protocol.rtp.payload.H264Depacketizer;
import io.camelmedia.protocol.rtp.payload.H264Packetizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * RTP payload formats, packets per second. H.264: one second of 720p30 at about 2.5 Mb/s (a 30-frame GOP:
 * IDR of 4 x 12 KB slices with SPS/PPS, 29 P frames of ~8.7 KB) cut at MTU 1200 (1188-byte payloads):
 * 272 packets (one STAP-A of SPS+PPS, the rest FU-A). Opus: one second of 20 ms frames of 160 bytes (64 kb/s), 50 packets.
 * Each invocation pushes the whole second; scores are per packet ({@code @OperationsPerInvocation}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RtpBenchmark {
    static final int MAX_PAYLOAD = 1200 - 12;
    static final int H264_PACKETS = 272;
    static final int OPUS_PACKETS = 50;

    private MediaFrame[] h264Frames;
    private RtpPacket[] h264Packets;
    private MediaFrame[] opusFrames;
    private RtpPacket[] opusPackets;
    private final H264Packetizer h264Packetizer = new H264Packetizer();
    private final FramePerPacketPacketizer opusPacketizer = new FramePerPacketPacketizer();
    private int seq;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(1);
        Track video = BenchTracks.h264720p(1);
        h264Frames = new MediaFrame[30];
        for (int f = 0; f < 30; f++) {
            List<byte[]> nals = new ArrayList<>();
            if (f == 0) {
                nals.add(BenchTracks.SPS_720P);
                nals.add(BenchTracks.PPS_720P);
                for (int s = 0; s < 4; s++) {
                    nals.add(slice(rnd, 0x65, 12_000));
                }
            } else {
                nals.add(slice(rnd, 0x41, 8_000 + rnd.nextInt(1_500)));
            }
            h264Frames[f] = MediaFrame.of(video, f * 3000L, f * 3000L, f == 0, BitstreamFormat.AVCC, avcc(nals));
        }
        h264Packets = packets(h264Frames, h264Packetizer);
        Track audio = Track.builder(2, Codec.OPUS).build();
        opusFrames = new MediaFrame[50];
        for (int f = 0; f < 50; f++) {
            opusFrames[f] = MediaFrame.of(audio, f * 960L, f * 960L, true, BitstreamFormat.RAW, slice(rnd, 0xFC, 160));
        }
        opusPackets = packets(opusFrames, opusPacketizer);
        if (h264Packets.length != H264_PACKETS || opusPackets.length != OPUS_PACKETS) {
            throw new IllegalStateException("packets: " + h264Packets.length + " / " + opusPackets.length);
        }
    }

    @Benchmark
    @OperationsPerInvocation(H264_PACKETS)
    public void h264Depacketize(Blackhole bh) {
        H264Depacketizer d = new H264Depacketizer();
        for (RtpPacket p : h264Packets) {
            for (DepacketizedFrame f : d.push(p)) {
                bh.consume(f);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(H264_PACKETS)
    public void h264Packetize(Blackhole bh) {
        for (MediaFrame f : h264Frames) {
            bh.consume(h264Packetizer.packetize(f, MAX_PAYLOAD));
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPUS_PACKETS)
    public void opusDepacketize(Blackhole bh) {
        FramePerPacketDepacketizer d = FramePerPacketDepacketizer.opus();
        for (RtpPacket p : opusPackets) {
            bh.consume(d.push(p));
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPUS_PACKETS)
    public void opusPacketize(Blackhole bh) {
        for (MediaFrame f : opusFrames) {
            bh.consume(opusPacketizer.packetize(f, MAX_PAYLOAD));
        }
    }

    /** RTP header decode alone, for scale. */
    @Benchmark
    @OperationsPerInvocation(H264_PACKETS)
    public void rtpHeaderDecode(Blackhole bh) {
        for (RtpPacket p : h264Packets) {
            bh.consume(RtpPacket.decode(p.encode()));
        }
    }

    private RtpPacket[] packets(MediaFrame[] frames, io.camelmedia.protocol.rtp.payload.Packetizer packetizer) {
        List<RtpPacket> out = new ArrayList<>();
        for (MediaFrame f : frames) {
            List<byte[]> payloads = packetizer.packetize(f, MAX_PAYLOAD);
            for (int i = 0; i < payloads.size(); i++) {
                out.add(RtpPacket.builder().payloadType(96).sequenceNumber(seq++).timestamp(f.pts()).ssrc(1)
                        .marker(i == payloads.size() - 1).payload(payloads.get(i)).build());
            }
        }
        return out.toArray(RtpPacket[]::new);
    }

    private static byte[] slice(Random rnd, int header, int size) {
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        b[0] = (byte) header;
        return b;
    }

    private static byte[] avcc(List<byte[]> nals) {
        int size = 0;
        for (byte[] n : nals) {
            size += 4 + n.length;
        }
        byte[] out = new byte[size];
        int p = 0;
        for (byte[] n : nals) {
            out[p] = (byte) (n.length >>> 24);
            out[p + 1] = (byte) (n.length >>> 16);
            out[p + 2] = (byte) (n.length >>> 8);
            out[p + 3] = (byte) n.length;
            System.arraycopy(n, 0, out, p + 4, n.length);
            p += 4 + n.length;
        }
        return out;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
