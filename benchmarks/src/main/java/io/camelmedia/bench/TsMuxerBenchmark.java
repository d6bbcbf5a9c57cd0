package io.camelmedia.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.format.mpegts.TsMuxer;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TsMuxer} writing 2-second HLS segments of a 720p30 H.264 (~2.5 Mbit/s) + AAC-LC 48 kHz stereo
 * (128 kbit/s) stream, as the HLS origin does: PAT/PMT, then 60 video access units (one IDR of 50 KB with
 * AUD-less AVCC input, so AUD and SPS/PPS are inserted; 59 P frames of ~9.8 KB) and 94 AAC frames of 341
 * bytes interleaved by time. Score: frames per second ({@value #FRAMES} frames per invocation); MB/s of
 * input = score / {@value #FRAMES} x {@link #inputBytes} (printed at setup).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TsMuxerBenchmark {
    private static final int VIDEO_FRAMES = 60;
    private static final int AUDIO_FRAMES = 94;
    private static final int FRAMES = VIDEO_FRAMES + AUDIO_FRAMES;
    private static final int IDR_BYTES = 50_000;
    private static final int P_BYTES = 9_800;
    private static final int AAC_BYTES = 341;

    private final List<MediaFrame> segment = new ArrayList<>();
    private TsMuxer muxer;
    private ByteBuf out;
    long inputBytes;

    @Setup(Level.Trial)
    public void setUp() {
        Track video = BenchTracks.h264720p(1);
        Track audio = BenchTracks.aac48kStereo(2);
        Random random = new Random(42);
        int a = 0;
        for (int v = 0; v < VIDEO_FRAMES; v++) {
            long dts = v * 3000L;
            while (a < AUDIO_FRAMES && a * 1024L * 90_000 / 48_000 <= dts) {
                segment.add(MediaFrame.of(audio, a * 1024L, a * 1024L, true, BitstreamFormat.RAW,
                        bytes(random, AAC_BYTES)));
                a++;
            }
            boolean key = v == 0;
            byte[] slice = bytes(random, key ? IDR_BYTES : P_BYTES);
            slice[0] = (byte) (key ? 0x65 : 0x41);
            byte[] au = new byte[4 + slice.length];
            au[0] = (byte) (slice.length >>> 24);
            au[1] = (byte) (slice.length >>> 16);
            au[2] = (byte) (slice.length >>> 8);
            au[3] = (byte) slice.length;
            System.arraycopy(slice, 0, au, 4, slice.length);
            segment.add(MediaFrame.of(video, dts + 3000, dts, key, BitstreamFormat.AVCC, au));
        }
        while (a < AUDIO_FRAMES) {
            segment.add(MediaFrame.of(audio, a * 1024L, a * 1024L, true, BitstreamFormat.RAW, bytes(random, AAC_BYTES)));
            a++;
        }
        inputBytes = segment.stream().mapToLong(MediaFrame::payloadLength).sum();
        System.out.println("TsMuxerBenchmark: " + segment.size() + " frames, " + inputBytes + " input bytes per segment");
        muxer = new TsMuxer(List.of(video, audio));
        out = Unpooled.directBuffer(1 << 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The bytes of one segment as {@link #segment} writes it (for the demuxer benchmark); call after setUp. */
    byte[] segmentBytes() {
        segment();
        byte[] b = new byte[out.readableBytes()];
        out.getBytes(out.readerIndex(), b);
        return b;
    }

    /** One 2-s segment: PAT/PMT then every frame. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int segment() {
        out.clear();
        muxer.writeTables(out);
        for (MediaFrame f : segment) {
            muxer.writeFrame(f, out);
        }
        return out.writerIndex();
    }
}
