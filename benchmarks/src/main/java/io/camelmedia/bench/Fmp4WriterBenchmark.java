package io.camelmedia.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.format.fmp4.Fmp4Writer;
import io.camelmedia.format.fmp4.Sample;
import io.camelmedia.format.fmp4.TrackRun;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Fmp4Writer#fragment} on one second of a 720p30 H.264 stream at about 2.5 Mbit/s (an IDR of 50 KB
 * and 29 P frames of 9 KB: 311 KB a second) plus 48 kHz AAC at 128 kbit/s (47 frames of 341 bytes), as
 * the HLS origin writes it: one fragment per 1 s segment, or per 200 ms LL-HLS part (6 video + 10 audio
 * frames). Payload bytes are random (the writer copies them, it does not look inside AVCC). The
 * {@code bytes} and {@code frames} counters give MB/s and frames/s of output; {@code annexB} variants
 * feed the same stream in Annex B form, which the writer re-frames.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class Fmp4WriterBenchmark {
    private static final int FPS = 30;
    private static final int IDR_BYTES = 50_000;
    private static final int P_BYTES = 9_000;
    private static final int AAC_FRAMES = 47;
    private static final int AAC_BYTES = 341;
    private static final int PART_VIDEO = 6;
    private static final int PART_AUDIO = 10;

    private Track video;
    private Track audio;
    private List<TrackRun> second;
    private List<TrackRun> part;
    private List<TrackRun> secondAnnexB;
    private long sequence;

    /** Output per second, reported next to ops/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Output {
        public long bytes;
        public long frames;
    }

    @Setup(Level.Trial)
    public void setUp() {
        video = BenchTracks.h264720p(1);
        audio = BenchTracks.aac48kStereo(2);
        Random random = new Random(42);
        List<Sample> v = new ArrayList<>();
        List<Sample> vAnnexB = new ArrayList<>();
        for (int f = 0; f < FPS; f++) {
            byte[] nal = new byte[f == 0 ? IDR_BYTES : P_BYTES];
            random.nextBytes(nal);
            nal[0] = (byte) (f == 0 ? 0x65 : 0x41);
            for (int k = 1; k < nal.length; k++) {
                if (nal[k] == 0) {
                    nal[k] = 1; // no start codes inside the NAL unit
                }
            }
            byte[] avcc = new byte[4 + nal.length];
            avcc[0] = (byte) (nal.length >>> 24);
            avcc[1] = (byte) (nal.length >>> 16);
            avcc[2] = (byte) (nal.length >>> 8);
            avcc[3] = (byte) nal.length;
            System.arraycopy(nal, 0, avcc, 4, nal.length);
            byte[] annexB = avcc.clone();
            annexB[0] = 0;
            annexB[1] = 0;
            annexB[2] = 0;
            annexB[3] = 1;
            long ts = f * 3000L;
            v.add(new Sample(MediaFrame.of(video, ts + 6000, ts, f == 0, BitstreamFormat.AVCC, avcc), 3000));
            vAnnexB.add(new Sample(MediaFrame.of(video, ts + 6000, ts, f == 0, BitstreamFormat.ANNEX_B, annexB), 3000));
        }
        List<Sample> a = new ArrayList<>();
        for (int f = 0; f < AAC_FRAMES; f++) {
            byte[] raw = new byte[AAC_BYTES];
            random.nextBytes(raw);
            a.add(new Sample(MediaFrame.of(audio, f * 1024L, f * 1024L, true, BitstreamFormat.RAW, raw), 1024));
        }
        second = List.of(new TrackRun(video, 0, v), new TrackRun(audio, 0, a));
        secondAnnexB = List.of(new TrackRun(video, 0, vAnnexB), new TrackRun(audio, 0, a));
        part = List.of(new TrackRun(video, 0, v.subList(0, PART_VIDEO)), new TrackRun(audio, 0, a.subList(0, PART_AUDIO)));
    }

    @Benchmark
    public byte[] segment1s(Output out) {
        return count(out, Fmp4Writer.fragment(++sequence, second), FPS + AAC_FRAMES);
    }

    @Benchmark
    public byte[] part200ms(Output out) {
        return count(out, Fmp4Writer.fragment(++sequence, part), PART_VIDEO + PART_AUDIO);
    }

    @Benchmark
    public byte[] segment1sAnnexB(Output out) {
        return count(out, Fmp4Writer.fragment(++sequence, secondAnnexB), FPS + AAC_FRAMES);
    }

    @Benchmark
    public byte[] initSegment() {
        return Fmp4Writer.initSegment(List.of(video, audio));
    }

    private static byte[] count(Output out, byte[] fragment, int frames) {
        out.bytes += fragment.length;
        out.frames += frames;
        return fragment;
    }
}
