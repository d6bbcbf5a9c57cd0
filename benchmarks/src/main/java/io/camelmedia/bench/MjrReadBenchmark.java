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
 * Reading + ordering a Janus recording from memory: header, records, RTP decode, ordering, duplicate and loss
 * accounting ({@link MjrTrackReader}). One operation is one whole file; MB/s and packets/s follow from ops/s
 * times the sizes, and the counters report them directly. By default the 20-second corpus item
 * {@code a-h264-opus} the tests use (video 1.04 MB, 1244 RTP packets; audio 0.20 MB, 1001 packets), found
 * from the project root; {@code -p dir=DIR -p item=NAME} reads {@code DIR/NAME-<track>.mjr} instead, e.g.
 * {@code -p dir=CORPUS/f-h264-opus-long -p item=f-h264-opus-long} for the full corpus's 10-minute item
 * (video 4.85 MB, 18 185 packets; audio 2.41 MB, 30 001).
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

    /** The folder of the recordings; relative to the working directory (the project root). */
    @Param("camel-media-component/src/test/resources/mjr")
    public String dir;

    @Param("a-h264-opus")
    public String item;

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
        name = item + "-" + track + ".mjr";
        Path path = Path.of(dir, name);
        if (!Files.isRegularFile(path)) {
            throw new IOException(path.toAbsolutePath() + " not found: run from the project root or set -p dir=DIR");
        }
        file = Files.readAllBytes(path);
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
