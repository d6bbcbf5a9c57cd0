package io.camelmedia.bench;

import java.util.concurrent.TimeUnit;

import io.camelmedia.format.mpegts.TsDemuxer;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link TsDemuxer} reading the 2-second 720p30 H.264 + AAC segment of {@link TsMuxerBenchmark} (about 650 KB
 * of TS), fed in SRT-sized 1316-byte chunks, one fresh demuxer per segment (PAT/PMT, hold, 154 frames).
 * Score: segments per second; MB/s of TS = score x the segment size printed at setup / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TsDemuxBenchmark {
    private static final int CHUNK = 1316;
    private byte[] ts;

    @Setup(Level.Trial)
    public void setUp() {
        TsMuxerBenchmark muxer = new TsMuxerBenchmark();
        muxer.setUp();
        ts = muxer.segmentBytes();
        muxer.tearDown();
        System.out.println("TsDemuxBenchmark: " + ts.length + " bytes of TS per segment");
    }

    /** Demuxes one segment; returns the frames delivered. */
    @Benchmark
    public long segment(Blackhole bh) {
        TsDemuxer d = new TsDemuxer("bench/ts", new MediaListener() {
            @Override
            public void started(StreamInfo info) {
                bh.consume(info);
            }

            @Override
            public void frame(String path, MediaFrame frame) {
                bh.consume(frame);
            }

            @Override
            public void ended(String path, String reason) {
                bh.consume(reason);
            }
        });
        for (int p = 0; p < ts.length; p += CHUNK) {
            d.feed(ts, p, Math.min(CHUNK, ts.length - p));
        }
        d.close("done");
        return d.stats().frames();
    }
}
