package io.camelmedia.bench;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.codec.bits.EmulationPrevention;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.process.annexb.AnnexbConverter;
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

/**
 * {@link AnnexbConverter} on a 720p30 H.264 GOP shaped like a 3 Mbit/s live stream (the real libopenh264
 * 720p 3M GOP this was sized from averages 12.6 KB per frame; this one 11.7 KB): one IDR
 * access unit (AUD, SEI, 4 slices, 60 KB) and 29 P access units (AUD, 1 slice, ~10 KB), slice bytes random
 * with emulation prevention applied so they contain no start codes. Throughput is frames per second,
 * cycling through the GOP (so parameter-set insertion happens once per 30 frames, as live).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AnnexbBenchmark {
    private static final int GOP = 30;
    private static final int IDR_SLICE_BYTES = 15_000;
    private static final int IDR_SLICES = 4;
    private static final int P_SLICE_BYTES = 10_000;

    private Track track;
    private MediaFrame[] avcc;
    private MediaFrame[] annexB;
    private AnnexbConverter toAnnexB;
    private AnnexbConverter toAvcc;
    private int i;
    private int j;

    @Setup(Level.Trial)
    public void setUp() {
        track = BenchTracks.h264720p(1);
        Random random = new Random(42);
        avcc = new MediaFrame[GOP];
        annexB = new MediaFrame[GOP];
        for (int f = 0; f < GOP; f++) {
            boolean key = f == 0;
            byte[][] nals = key ? idr(random) : p(random);
            avcc[f] = MediaFrame.of(track, f * 3000L, f * 3000L, key, BitstreamFormat.AVCC, join(nals, false));
            annexB[f] = MediaFrame.of(track, f * 3000L, f * 3000L, key, BitstreamFormat.ANNEX_B, join(nals, true));
        }
        toAnnexB = new AnnexbConverter();
        toAvcc = new AnnexbConverter();
    }

    @Benchmark
    public MediaFrame avccToAnnexB() {
        MediaFrame f = avcc[i];
        i = (i + 1) % GOP;
        return toAnnexB.toAnnexB(f);
    }

    @Benchmark
    public MediaFrame annexBToAvcc() {
        MediaFrame f = annexB[j];
        j = (j + 1) % GOP;
        return toAvcc.toAvcc(f);
    }

    private static byte[][] idr(Random random) {
        byte[][] nals = new byte[2 + IDR_SLICES][];
        nals[0] = hex("0910");
        nals[1] = hex("0605 10 dc45e9bde6d948b7962cd820d923eeef 80");
        for (int s = 0; s < IDR_SLICES; s++) {
            nals[2 + s] = slice(random, (byte) 0x65, IDR_SLICE_BYTES);
        }
        return nals;
    }

    private static byte[][] p(Random random) {
        return new byte[][]{hex("0930"), slice(random, (byte) 0x41, P_SLICE_BYTES + random.nextInt(2000) - 1000)};
    }

    private static byte[] slice(Random random, byte header, int size) {
        byte[] rbsp = new byte[size];
        random.nextBytes(rbsp);
        rbsp[0] = header;
        rbsp[1] = (byte) 0x88; // first_mb_in_slice 0
        rbsp[size - 1] = (byte) 0x80; // rbsp_stop_one_bit
        return EmulationPrevention.insert(rbsp, 0, size);
    }

    private static byte[] join(byte[][] nals, boolean startCodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            if (startCodes) {
                out.writeBytes(new byte[]{0, 0, 0, 1});
            } else {
                out.writeBytes(new byte[]{(byte) (n.length >>> 24), (byte) (n.length >>> 16), (byte) (n.length >>> 8),
                    (byte) n.length});
            }
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
