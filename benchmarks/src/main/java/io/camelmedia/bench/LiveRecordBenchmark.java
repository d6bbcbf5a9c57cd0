package io.camelmedia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.process.record.LiveRecordConfig;
import io.camelmedia.process.record.LiveRecorder;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The live-recording writer path, one operation = 10 s of one stream recorded to disk: 300 H.264 frames (30 fps,
 * 2.5 Mbit/s, a 40 KB key frame every 2 s) and 469 AAC frames (the frames of {@link ContainerWriterBenchmark}) through
 * {@link LiveRecorder} (Segmenter, fMP4 parts of 1 s, files of 4 s, written, renamed) with the writer task run on the
 * calling thread, so one thread does all the work. CPU-ms per stream-second = 1000 / (10 x ops/s); disk MB/s = bytes per
 * operation ({@link #setUp} prints them) x ops/s. {@code fsync=true} forces each part to the device.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LiveRecordBenchmark {
    @Param({"false", "true"})
    public boolean fsync;

    private final AtomicLong clock = new AtomicLong(1_764_000_000_000L);
    private Track h264;
    private List<Track> tracks;
    private List<MediaFrame> frames;
    private Path dir;
    private LiveRecordConfig config;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random random = new Random(7);
        h264 = BenchTracks.h264720p(1);
        Track aac = BenchTracks.aac48kStereo(2);
        tracks = List.of(h264, aac);
        List<MediaFrame> aacFrames = new ArrayList<>();
        for (int i = 0; i < 469; i++) {
            aacFrames.add(ContainerWriterBenchmark.audio(aac, i * 1024L, 370, random));
        }
        frames = ContainerWriterBenchmark.interleave(ContainerWriterBenchmark.video(h264, random, true), aacFrames);
        dir = Files.createTempDirectory("live-record-bench");
        config = new LiveRecordConfig(dir, Duration.ofSeconds(4), Duration.ofSeconds(1), EnumSet.allOf(MediaType.class),
                64, fsync);
        System.out.printf("%nbytes per 10 s stream: %d%n", tenSeconds());
    }

    @Benchmark
    public long tenSeconds() {
        long[] bytes = {0};
        LiveRecorder r = new LiveRecorder(config, "live/bench", Runnable::run, f -> bytes[0] += f.size());
        r.start(tracks, clock.addAndGet(60_000));
        for (MediaFrame f : frames) {
            r.frame(f);
        }
        r.end();
        return bytes[0];
    }

    @TearDown(Level.Iteration)
    public void clean() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
