package io.camelmedia.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.camelmedia.format.frames.FrameRecords;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frame records ({@code media:remux|demux?format=frames}, what goes to Kafka): one 720p30 2.5 Mb/s delta frame
 * (10.4 KB) or key frame (100 KB, carrying the stream's description) written to a record and parsed back into a
 * frame. Score: records per second; MB/s = score x payload / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FrameRecordsBenchmark {
    @Param({"10400", "100000"})
    int payload;

    private Track video;
    private StreamInfo info;
    private MediaFrame frame;
    private byte[] record;

    @Setup
    public void setUp() {
        video = BenchTracks.h264720p(1);
        info = new StreamInfo("bench/frames", List.of(video, BenchTracks.aac48kStereo(2)), null);
        boolean key = payload >= 100_000;
        frame = MediaFrame.of(video, 90_000, 87_000, key, BitstreamFormat.AVCC, new byte[payload]);
        record = FrameRecords.frame(info.path(), frame, key ? info : null);
    }

    @Benchmark
    public byte[] write() {
        return FrameRecords.frame(info.path(), frame, frame.keyframe() ? info : null);
    }

    @Benchmark
    public MediaFrame parse() {
        return FrameRecords.parse(record, 0, record.length).frame(video, record);
    }
}
