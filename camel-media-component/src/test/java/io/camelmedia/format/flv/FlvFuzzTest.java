package io.camelmedia.format.flv;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import io.camelmedia.codec.CodecException;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of real tag bodies (ffmpeg 8: H.264/AAC legacy, HEVC/AAC and VP9/Opus enhanced) and of a
 * whole file. The only outcomes allowed are success, {@link FlvException} or {@link CodecException}; any
 * other throwable fails with the seed, the iteration and the body. Seeded, so a failure is reproducible.
 */
class FlvFuzzTest {
    private static final long SEED = 0x466C76L;
    private static final int BODY_ITERATIONS = 30_000;
    private static final int FILE_ITERATIONS = 300;
    /** Header-first-byte values worth forcing: legacy AVC/HEVC, every ExHeader packet type, AAC, ExAudio. */
    private static final int[] INTERESTING_FIRST_BYTES = {0x17, 0x27, 0x1c, 0x57, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95,
        0x96, 0x97, 0xa3, 0xd4, 0xaf, 0x2e, 0x90, 0x94, 0x95, 0x97};

    @TempDir
    static Path dir;
    static final List<FlvTestFiles.Tag> SEEDS = new ArrayList<>();
    static byte[] file;

    @BeforeAll
    static void collectRealBodies() throws Exception {
        Path h264 = FlvTestFiles.h264Aac(dir);
        SEEDS.addAll(FlvTestFiles.tags(h264));
        SEEDS.addAll(FlvTestFiles.tags(FlvTestFiles.hevcAac(dir)));
        SEEDS.addAll(FlvTestFiles.tags(FlvTestFiles.vp9Opus(dir)));
        SEEDS.removeIf(t -> t.type() == FlvTagHeader.TAG_TYPE_SCRIPT_DATA);
        file = Files.readAllBytes(h264);
    }

    @Test
    void mutatedTagBodiesOnlySucceedOrFailWithOurExceptions() {
        Random random = new Random(SEED);
        FlvStreamAssembler asm = freshAssembler();
        for (int i = 0; i < BODY_ITERATIONS; i++) {
            if (i % 500 == 0) {
                asm = freshAssembler();
            }
            FlvFuzzTest.Mutant m = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            try {
                if (m.type == FlvTagHeader.TAG_TYPE_VIDEO) {
                    asm.video(m.ms, m.body, m.offset, m.length);
                } else {
                    asm.audio(m.ms, m.body, m.offset, m.length);
                }
            } catch (FlvException | CodecException expected) {
                asm = freshAssembler();
            } catch (Throwable t) {
                fail("iteration " + i + " (seed " + SEED + "): " + t + " on " + (m.type == 9 ? "video" : "audio")
                        + " body " + HexFormat.of().formatHex(m.body, m.offset, Math.min(m.offset + m.length,
                        m.offset + 64)), t);
            }
        }
    }

    @Test
    void mutatedFilesOnlySucceedOrFailWithOurExceptions() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < FILE_ITERATIONS; i++) {
            byte[] f = file.clone();
            int flips = 1 + random.nextInt(8);
            for (int k = 0; k < flips; k++) {
                f[random.nextInt(Math.min(f.length, 4096))] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(f.length) : f.length;
            try {
                new FlvReader(new ByteArrayInputStream(f, 0, length), freshAssembler(), null).read();
            } catch (FlvException | CodecException expected) {
                // refused: fine
            } catch (Throwable t) {
                fail("file iteration " + i + " (seed " + (SEED + 1) + "): " + t, t);
            }
        }
    }

    private record Mutant(int type, long ms, byte[] body, int offset, int length) {
    }

    private static Mutant mutate(FlvTestFiles.Tag tag, Random random) {
        byte[] b = tag.body().clone();
        switch (random.nextInt(5)) {
            case 0 -> b[0] = (byte) INTERESTING_FIRST_BYTES[random.nextInt(INTERESTING_FIRST_BYTES.length)];
            case 1 -> {
                int n = 1 + random.nextInt(4);
                for (int k = 0; k < n && b.length > 0; k++) {
                    b[random.nextInt(Math.min(b.length, 32))] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                for (int k = 0; k < 1 + random.nextInt(8) && b.length > 0; k++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            default -> { }
        }
        int offset = 0;
        int length = b.length;
        if (random.nextInt(3) == 0 && length > 0) {
            length = random.nextInt(Math.min(length, 40) + 1);
        }
        if (random.nextBoolean() && length > 1) {
            offset = random.nextInt(2);
            length -= offset;
        }
        return new Mutant(tag.type(), tag.timestampMs(), b, offset, length);
    }

    private static FlvStreamAssembler freshAssembler() {
        FlvStreamAssembler asm = new FlvStreamAssembler("fuzz", NO_OP, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        for (FlvTestFiles.Tag t : SEEDS.subList(0, Math.min(4, SEEDS.size()))) {
            try {
                if (t.type() == FlvTagHeader.TAG_TYPE_VIDEO) {
                    asm.video(t.timestampMs(), t.body(), 0, t.body().length);
                } else {
                    asm.audio(t.timestampMs(), t.body(), 0, t.body().length);
                }
            } catch (FlvException | CodecException e) {
                throw new AssertionError("a real seed body was refused: " + e.getMessage(), e);
            }
        }
        return asm;
    }

    private static final MediaListener NO_OP = new MediaListener() {
        @Override
        public void started(StreamInfo info) {
        }

        @Override
        public void frame(String path, MediaFrame frame) {
        }

        @Override
        public void ended(String path, String reason) {
        }
    };
}
