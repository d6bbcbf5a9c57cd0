package io.camelmedia.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.protocol.rtmp.RtmpChunkDecoder;
import io.camelmedia.protocol.rtmp.RtmpChunkEncoder;
import io.camelmedia.protocol.rtmp.RtmpMessage;
import io.camelmedia.protocol.rtmp.RtmpMessageType;
import io.camelmedia.protocol.rtmp.RtmpProtocolControl;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
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
 * RTMP chunk decoder throughput on what a publisher sends: 10 s of 2.5 Mb/s H.264-sized video messages at
 * 30 fps (an IDR of 8x the average every 2 s) interleaved with 128 kb/s AAC-sized audio messages (43/s), in
 * 4096-byte chunks, fed in 64 KiB socket reads. One operation decodes the whole 10 s (about 3.2 MB);
 * MB/s = ops/s x {@link #streamBytes} / 1e6 (printed at setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class RtmpChunkBenchmark {
    private static final int SECONDS = 10;
    private static final int FPS = 30;
    private static final int VIDEO_BITRATE = 2_500_000;
    private static final int AUDIO_FRAMES_PER_SECOND = 43;
    private static final int AUDIO_BITRATE = 128_000;
    private static final int READ_SIZE = 64 * 1024;

    private byte[] stream;
    public int streamBytes;
    private EmbeddedChannel channel;

    @Setup(Level.Trial)
    public void buildStream() {
        EmbeddedChannel enc = new EmbeddedChannel(new RtmpChunkEncoder());
        enc.writeOutbound(RtmpProtocolControl.setChunkSize(enc.alloc(), 4096));
        Random random = new Random(1);
        int avgFrame = VIDEO_BITRATE / 8 / FPS;
        int audioFrame = AUDIO_BITRATE / 8 / AUDIO_FRAMES_PER_SECOND;
        long nextAudioMs = 0;
        for (int f = 0; f < SECONDS * FPS; f++) {
            long ts = f * 1000L / FPS;
            while (nextAudioMs <= ts) {
                enc.writeOutbound(message(4, nextAudioMs, RtmpMessageType.AUDIO, audioFrame, random));
                nextAudioMs += 1000 / AUDIO_FRAMES_PER_SECOND;
            }
            int size = f % (2 * FPS) == 0 ? 8 * avgFrame : avgFrame * 3 / 4 + random.nextInt(avgFrame / 2);
            enc.writeOutbound(message(6, ts, RtmpMessageType.VIDEO, size, random));
        }
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = enc.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        stream = new byte[all.readableBytes()];
        all.readBytes(stream);
        all.release();
        streamBytes = stream.length;
        System.out.println("\nRTMP stream: " + streamBytes + " bytes for " + SECONDS + " s (MB/s = ops/s x "
                + streamBytes / 1e6 + ")");
    }

    private static RtmpMessage message(int csid, long ts, int type, int size, Random random) {
        byte[] body = new byte[size];
        random.nextBytes(body);
        return new RtmpMessage(csid, ts, type, 1, Unpooled.wrappedBuffer(body));
    }

    @Setup(Level.Iteration)
    public void newChannel() {
        channel = new EmbeddedChannel(new RtmpChunkDecoder());
    }

    @TearDown(Level.Iteration)
    public void closeChannel() {
        channel.finishAndReleaseAll();
    }

    /** Decodes the 10 s stream; returns the messages seen (so the work is not dead code). */
    @Benchmark
    public int decodeTenSeconds() {
        int messages = 0;
        for (int off = 0; off < stream.length; off += READ_SIZE) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, off, Math.min(READ_SIZE, stream.length - off)));
            for (RtmpMessage m; (m = channel.readInbound()) != null; ) {
                messages++;
                m.release();
            }
        }
        return messages;
    }
}
