package io.camelmedia.bench;

import java.util.concurrent.TimeUnit;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Baseline: what building and copying one frame costs (every ingest path does this once per frame). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FrameBenchmark {
    private final Track track = Track.builder(1, Codec.H264).width(1280).height(720).build();
    private final byte[] payload = new byte[10_000];

    @Benchmark
    public byte[] frameOfAndCopy() {
        return MediaFrame.of(track, 0, 0, false, BitstreamFormat.AVCC, payload.clone()).payloadBytes();
    }
}
