package io.camelmedia.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.format.flv.AudioData;
import io.camelmedia.format.flv.FlvReader;
import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.format.flv.VideoData;
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
 * FLV tag-body parsing and stream assembly for an H.264 + AAC stream shaped like a 2.5 Mb/s 720p30 publish:
 * 10 s, GOP 2 s (IDR 120 KB, P frames 9 KB), AAC 44.1 kHz 128 kb/s (43 frames/s of 372 bytes). One operation
 * is the whole stream ({@link #STREAM_BYTES} bytes of tag bodies, printed at setup): MB/s = ops/s x that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FlvTagBenchmark {
    /** ffmpeg 8 libopenh264 avcC (4-byte NAL lengths) and an AAC LC 44.1 kHz stereo AudioSpecificConfig. */
    private static final String AVCC = "0142c014ffe1000e6742c0148c68141f30101e1108d401000468ce3c80";
    private static final String ASC = "1210";
    private static final int SECONDS = 10;
    private static final int FPS = 30;
    private static final int GOP = 60;
    private static final int IDR_SIZE = 120_000;
    private static final int P_SIZE = 9_000;
    private static final int AAC_FRAMES_PER_S = 43;
    private static final int AAC_SIZE = 372;

    static long STREAM_BYTES;

    private final List<Tag> tags = new ArrayList<>();
    private byte[] file;

    private record Tag(boolean video, long ms, byte[] body) {
    }

    @Setup(Level.Trial)
    public void buildStream() {
        Random r = new Random(1);
        tags.add(new Tag(true, 0, concat(HexFormat.of().parseHex("1700000000"), HexFormat.of().parseHex(AVCC))));
        tags.add(new Tag(false, 0, concat(HexFormat.of().parseHex("af00"), HexFormat.of().parseHex(ASC))));
        int audioFrames = SECONDS * AAC_FRAMES_PER_S;
        int videoFrames = SECONDS * FPS;
        int a = 0;
        for (int v = 0; v < videoFrames; v++) {
            long vms = v * 1000L / FPS;
            while (a < audioFrames && a * 1024_000L / 44_100 <= vms) {
                byte[] body = new byte[2 + AAC_SIZE];
                body[0] = (byte) 0xaf;
                body[1] = 1;
                r.nextBytes(body);
                body[0] = (byte) 0xaf;
                body[1] = 1;
                tags.add(new Tag(false, a * 1024_000L / 44_100, body));
                a++;
            }
            boolean key = v % GOP == 0;
            tags.add(new Tag(true, vms, avcFrame(r, key, key ? IDR_SIZE : P_SIZE)));
        }
        long bytes = 0;
        for (Tag t : tags) {
            bytes += t.body().length;
        }
        STREAM_BYTES = bytes;
        file = flvFile();
        System.out.println("\nFLV benchmark stream: " + tags.size() + " tags, " + bytes + " bytes of tag bodies, "
                + file.length + " bytes as a file");
    }

    /** Header parsing only: VideoData/AudioData over every tag body. */
    @Benchmark
    public void parseTagBodies(Blackhole bh) {
        for (Tag t : tags) {
            bh.consume(t.video() ? VideoData.decode(t.body(), 0, t.body().length)
                    : AudioData.decode(t.body(), 0, t.body().length));
        }
    }

    /** Parsing + assembly into MediaFrames (payload copy, track bookkeeping, listener calls). */
    @Benchmark
    public void assemble(Blackhole bh) {
        FlvStreamAssembler asm = new FlvStreamAssembler("bench", listener(bh), FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        for (Tag t : tags) {
            if (t.video()) {
                asm.video(t.ms(), t.body(), 0, t.body().length);
            } else {
                asm.audio(t.ms(), t.body(), 0, t.body().length);
            }
        }
        asm.end("done");
    }

    /** The whole file path: FlvReader (tag framing, PreviousTagSize checks) + assembly, from memory. */
    @Benchmark
    public void readFile(Blackhole bh) throws IOException {
        FlvStreamAssembler asm = new FlvStreamAssembler("bench", listener(bh), FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        bh.consume(new FlvReader(new ByteArrayInputStream(file), asm, null).read());
    }

    private static MediaListener listener(Blackhole bh) {
        return new MediaListener() {
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
        };
    }

    /** An AVC NALU tag: a 4-byte-length slice NAL of {@code size} bytes. */
    private static byte[] avcFrame(Random r, boolean key, int size) {
        byte[] body = new byte[5 + 4 + size];
        r.nextBytes(body);
        body[0] = (byte) (key ? 0x17 : 0x27);
        body[1] = 1;
        body[2] = 0;
        body[3] = 0;
        body[4] = 0;
        body[5] = (byte) (size >>> 24);
        body[6] = (byte) (size >>> 16);
        body[7] = (byte) (size >>> 8);
        body[8] = (byte) size;
        return body;
    }

    private byte[] flvFile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
        for (Tag t : tags) {
            int n = t.body().length;
            out.writeBytes(new byte[] {(byte) (t.video() ? 9 : 8), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n,
                (byte) (t.ms() >>> 16), (byte) (t.ms() >>> 8), (byte) t.ms(), (byte) (t.ms() >>> 24), 0, 0, 0});
            out.writeBytes(t.body());
            int size = n + 11;
            out.writeBytes(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
