package io.camelmedia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.process.filein.MediaFileReader;
import io.camelmedia.process.snapshot.ImageFormat;
import io.camelmedia.process.snapshot.KeyFrameSnapshot;
import io.camelmedia.process.snapshot.LatestKeyFrames;
import io.camelmedia.process.snapshot.SnapshotPool;
import io.camelmedia.process.snapshot.SnapshotSpec;
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
 * Snapshots of a 1920x1080 H.264 key frame (testsrc2, libopenh264 at 6 Mb/s, written by the bundled ffmpeg):
 * {@code make} is one decode + scale + encode at {@code width} (ms per snapshot); {@code cached} is a request for
 * an image already made of the latest key frame ({@link LatestKeyFrames}, what the HTTP endpoint answers from,
 * without HTTP). At setup, {@code ffmpeg -benchmark} making the same snapshot from the file is printed beside it
 * (its real time includes opening and probing the file).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SnapshotBenchmark {
    private static final Pattern RTIME = Pattern.compile("rtime=([0-9.]+)s");

    @Param({"jpeg", "png"})
    String format;

    @Param({"320"})
    int width;

    private Path dir;
    private MediaFrame keyFrame;
    private SnapshotSpec spec;
    private SnapshotPool pool;
    private LatestKeyFrames latest;

    @Setup(Level.Trial)
    public void writeKeyFrame() throws Exception {
        dir = Files.createTempDirectory("snapshot-bench");
        Path file = dir.resolve("key.mp4");
        BenchFfmpeg.run("-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-frames:v", "1",
                "-c:v", "libopenh264", "-b:v", "6M", file.toString());
        try (MediaFileReader r = MediaFileReader.open(file, Set.of(MediaType.VIDEO), 64 << 20)) {
            keyFrame = r.next();
        }
        spec = new SnapshotSpec(ImageFormat.of(format), width, SnapshotSpec.DEFAULT_QUALITY, SnapshotSpec.DEFAULT_COMPRESSION_LEVEL);
        pool = new SnapshotPool("bench-snapshot", 1, 2);
        latest = new LatestKeyFrames(pool, 10);
        latest.keyFrame("bench/live", keyFrame);
        latest.image("bench/live", spec).join();
        String out = dir.resolve("ffmpeg." + spec.format().extension()).toString();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Matcher m = RTIME.matcher(BenchFfmpeg.run("-y", "-benchmark", "-i", file.toString(), "-frames:v", "1", "-vf",
                    "scale=" + width + ":-2", "-q:v", "2", out));
            if (m.find()) {
                best = Math.min(best, Double.parseDouble(m.group(1)));
            }
        }
        System.out.printf("%n[%s %d px] key frame %d bytes; ffmpeg -i key.mp4 -vf scale -frames:v 1: %.1f ms%n", format,
                width, keyFrame.payloadLength(), best * 1000);
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        pool.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public byte[] make() {
        return KeyFrameSnapshot.make(keyFrame, spec);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] cached() {
        return latest.image("bench/live", spec).join();
    }
}
