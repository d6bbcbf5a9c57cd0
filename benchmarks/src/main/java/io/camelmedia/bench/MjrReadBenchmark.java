package io.camelmedia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.camelmedia.protocol.mjr.MjrReader;
import io.camelmedia.protocol.mjr.MjrTrack;
import io.camelmedia.protocol.mjr.MjrTrackReader;
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
 * Reading + ordering the 10-minute corpus recording {@code f-h264-opus-long} (Janus 1.1.2: video 4.85 MB,
 * 18 185 RTP packets; audio 2.41 MB, 30 001 packets) from memory: header, records, RTP decode, ordering,
 * duplicate and loss accounting ({@link MjrTrackReader}). One operation is one whole file; MB/s and
 * packets/s follow from ops/s times the sizes, and the counters report them directly.
 * Set {@code -Dmjr.corpus=DIR} when the corpus is elsewhere than {@code /work/shared/corpus/mjr}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MjrReadBenchmark {
    @Param({"video", "audio"})
    public String track;

    private byte[] file;
    private String name;

    /** Bytes and packets read, per second (JMH sums the counters over the iteration time). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long bytes;
        public long packets;

        public double megabytes() {
            return bytes / 1e6;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Path.of(System.getProperty("mjr.corpus", "/work/shared/corpus/mjr"), "f-h264-opus-long");
        name = "f-h264-opus-long-" + track + ".mjr";
        file = Files.readAllBytes(dir.resolve(name));
    }

    @Benchmark
    public MjrTrack readAndOrder(Counters c) throws IOException {
        try (MjrReader r = MjrReader.of(name, file)) {
            MjrTrack t = MjrTrackReader.read(r, MjrTrackReader.DEFAULT_MAX_BYTES);
            c.bytes += file.length;
            c.packets += t.packets().size();
            return t;
        }
    }
}
