package io.camelmedia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.process.filein.MediaFileReader;
import io.camelmedia.process.transcode.AudioTranscodeConfig;
import io.camelmedia.process.transcode.AudioTranscoder;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AAC -> Opus as {@code media:transcode} runs it ({@link AudioTranscoder}, one thread): a 30 s 48 kHz stereo AAC-LC
 * (128 kb/s, two tones) read into memory at setup, transcoded to Opus 64 kb/s, 20 ms frames. Score: files per second;
 * times 30 it is the real-time factor of one transcode on one core. At setup {@code ffmpeg -i x.aac -c:a libopus
 * -b:a 64k -f null -} (its {@code -benchmark} rtime, best of 3; ffmpeg also reads and parses the file) is printed beside it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class AudioTranscodeBenchmark {
    private static final int SECONDS = 30;
    private static final Pattern RTIME = Pattern.compile("rtime=([0-9.]+)s");
    private static final AudioTranscodeConfig OPUS = new AudioTranscodeConfig(Codec.OPUS, 64_000, 0, 0, 20);

    private Path dir;
    private Track track;
    private final List<MediaFrame> frames = new ArrayList<>();

    @Setup(Level.Trial)
    public void readFile() throws Exception {
        dir = Files.createTempDirectory("transcode-bench");
        Path file = dir.resolve("bench.aac");
        BenchFfmpeg.run("-y", "-v", "error", "-f", "lavfi", "-i", "aevalsrc='0.4*sin(2*PI*440*t)|0.4*sin(2*PI*660*t)':s=48000",
                "-t", String.valueOf(SECONDS), "-c:a", "aac", "-b:a", "128k", file.toString());
        try (MediaFileReader r = MediaFileReader.open(file, Set.of(MediaType.AUDIO), 1 << 16)) {
            track = r.tracks().get(0);
            MediaFrame f;
            while ((f = r.next()) != null) {
                frames.add(f);
            }
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Matcher m = RTIME.matcher(BenchFfmpeg.run("-benchmark", "-threads", "1", "-i", file.toString(), "-c:a", "libopus", "-b:a", "64k",
                    "-f", "null", "-"));
            if (m.find()) {
                best = Math.min(best, Double.parseDouble(m.group(1)));
            }
        }
        System.out.printf("%n%d AAC frames (%d s 48 kHz stereo); ffmpeg -i x.aac -c:a libopus -b:a 64k -f null -: %.3f s"
                + " = %.1f files/s, real-time factor %.0f%n", frames.size(), SECONDS, best, 1 / best, SECONDS / best);
        Files.deleteIfExists(file);
    }

    @TearDown(Level.Trial)
    public void deleteDir() throws IOException {
        Files.deleteIfExists(dir);
    }

    /** The whole file through a fresh transcoder (opening the codecs included), its packets counted. */
    @Benchmark
    public int aacToOpus() {
        int packets = 0;
        try (AudioTranscoder tx = new AudioTranscoder(track, OPUS)) {
            for (MediaFrame f : frames) {
                packets += tx.transcode(f).size();
            }
            packets += tx.flush().size();
        }
        return packets;
    }
}
