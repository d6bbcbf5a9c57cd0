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
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.process.filein.MediaFilePlayer;
import io.camelmedia.protocol.mjr.Pacer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * File ingest as fast as possible ({@code file-media:} without Camel): a 30 s 1280x720 H.264 (libopenh264,
 * 2 Mb/s, a key frame every 2 s) + AAC file written by the bundled ffmpeg into MP4, MKV or MPEG-TS, demuxed
 * through {@link MediaFilePlayer} into frames (MPEG-TS also converted from Annex B/ADTS). Score: files per second;
 * the aux counters {@code frames} and {@code bytes} are frames/s and payload bytes/s. At setup the same file's
 * {@code ffmpeg -i X -c copy -f null -} real time (ffmpeg's {@code -benchmark}, best of 3) is printed beside it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FileIngestBenchmark {
    private static final Set<MediaType> BOTH = Set.of(MediaType.VIDEO, MediaType.AUDIO);
    private static final Pattern RTIME = Pattern.compile("rtime=([0-9.]+)s");

    @Param({"mp4", "mkv", "ts"})
    String container;

    private Path dir;
    private Path file;
    private final MediaFilePlayer.Options options = new MediaFilePlayer.Options(BOTH, false,
            MediaFilePlayer.DEFAULT_MAX_FRAME_SIZE);

    /** Frames and payload bytes delivered, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Delivered {
        public long frames;
        public long bytes;
    }

    @Setup(Level.Trial)
    public void writeFile() throws Exception {
        dir = Files.createTempDirectory("file-ingest-bench");
        file = dir.resolve("bench." + container);
        BenchFfmpeg.run("-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "30", "-c:v", "libopenh264", "-b:v", "2M", "-g", "60",
                "-c:a", "aac", file.toString());
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Matcher m = RTIME.matcher(BenchFfmpeg.run("-benchmark", "-i", file.toString(), "-c", "copy", "-f", "null", "-"));
            if (m.find()) {
                best = Math.min(best, Double.parseDouble(m.group(1)));
            }
        }
        System.out.printf("%n[%s] %d bytes; ffmpeg -i X -c copy -f null -: %.3f s = %.1f files/s, %.0f MB/s%n",
                container, Files.size(file), best, 1 / best, Files.size(file) / best / 1e6);
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public MediaFilePlayer.Result ingest(Delivered d) throws InterruptedException {
        return MediaFilePlayer.play(file, "bench/file", options, Pacer.asFastAsPossible(), () -> true, new MediaListener() {
            @Override
            public void started(StreamInfo info) {
            }

            @Override
            public void frame(String path, MediaFrame frame) {
                d.frames++;
                d.bytes += frame.payloadLength();
            }

            @Override
            public void ended(String path, String reason) {
            }
        });
    }
}
