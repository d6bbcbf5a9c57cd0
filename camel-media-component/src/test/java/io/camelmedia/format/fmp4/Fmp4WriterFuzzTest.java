package io.camelmedia.format.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import org.junit.jupiter.api.Test;

/**
 * Random fragments (seeded): the boxes must tile the output exactly, and each trun's data_offset, sample
 * sizes, durations, flags and offsets must lead back to each frame's bytes and numbers. Random bad
 * numbers must end in {@link Fmp4Exception} and nothing else.
 */
class Fmp4WriterFuzzTest {
    private static final int ROUNDS = 500;

    @Test
    void randomFragmentsReadBack() {
        Random r = new Random(20240611);
        for (int round = 0; round < ROUNDS; round++) {
            List<TrackRun> runs = randomRuns(r);
            long seq = r.nextInt() & 0xFFFF_FFFFL;
            byte[] out = Fmp4Writer.fragment(seq, runs);
            assertEquals(List.of("moof", "mdat"), Boxes.top(out).stream().map(Boxes.Found::type).toList());
            assertEquals((int) seq, Boxes.one(out, "moof/mfhd").buffer().getInt(12));
            List<Boxes.Found> trafs = Boxes.find(out, "moof/traf");
            assertEquals(runs.size(), trafs.size());
            for (int i = 0; i < runs.size(); i++) {
                check(out, runs.get(i), trafs.get(i));
            }
        }
    }

    private static void check(byte[] out, TrackRun run, Boxes.Found traf) {
        List<Boxes.Found> boxes = Boxes.children(traf.bytes(), 8, traf.bytes().length);
        assertEquals(run.track().id(), boxes.get(0).buffer().getInt(12), "tfhd track_ID");
        assertEquals(run.baseMediaDecodeTime(), boxes.get(1).buffer().getLong(12), "tfdt");
        if (run.samples().isEmpty()) {
            assertEquals(2, boxes.size());
            return;
        }
        ByteBuffer trun = boxes.get(2).buffer();
        int flags = trun.getInt(8) & 0xFFFFFF;
        assertEquals(run.samples().size(), trun.getInt(12));
        int data = trun.getInt(16);
        int p = 20;
        for (Sample s : run.samples()) {
            assertEquals(s.duration(), trun.getInt(p) & 0xFFFF_FFFFL);
            int size = trun.getInt(p + 4);
            p += 8;
            if ((flags & TrackFragment.SAMPLE_FLAGS_PRESENT) != 0) {
                assertEquals(s.frame().keyframe() ? TrackFragment.SYNC_SAMPLE_FLAGS : TrackFragment.NON_SYNC_SAMPLE_FLAGS,
                        trun.getInt(p));
                p += 4;
            }
            if ((flags & TrackFragment.SAMPLE_COMPOSITION_TIME_OFFSETS_PRESENT) != 0) {
                assertEquals(s.frame().pts() - s.frame().dts(), trun.getInt(p));
                p += 4;
            }
            assertArrayEquals(s.frame().payloadBytes(), Arrays.copyOfRange(out, data, data + size));
            data += size;
        }
        assertEquals(trun.capacity(), p);
    }

    private static List<TrackRun> randomRuns(Random r) {
        List<TrackRun> runs = new ArrayList<>();
        int tracks = 1 + r.nextInt(3);
        for (int t = 1; t <= tracks; t++) {
            Track track = Track.builder(t, t == 1 ? Codec.H264 : Codec.OPUS).build();
            List<Sample> samples = new ArrayList<>();
            int n = r.nextInt(12);
            long dts = r.nextInt(1 << 20);
            for (int i = 0; i < n; i++) {
                byte[] payload = new byte[r.nextInt(300)];
                r.nextBytes(payload);
                long pts = dts + (r.nextBoolean() ? 0 : r.nextInt(20_000) - 10_000);
                BitstreamFormat format = track.codec().isNalBased() ? BitstreamFormat.AVCC : BitstreamFormat.RAW;
                samples.add(new Sample(MediaFrame.of(track, pts, dts, r.nextInt(4) == 0, format, payload),
                        r.nextInt(5000) & 0xFFFF_FFFFL));
                dts += 1 + r.nextInt(4000);
            }
            runs.add(new TrackRun(track, r.nextLong() & Long.MAX_VALUE, samples));
        }
        return runs;
    }

    @Test
    void randomBadNumbersOnlyThrowFmp4Exception() {
        Random r = new Random(7);
        Track track = Track.builder(1, Codec.H264).build();
        long[] edges = {Long.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 1L << 31, 0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE};
        for (int round = 0; round < ROUNDS; round++) {
            long pts = edges[r.nextInt(edges.length)];
            long dts = edges[r.nextInt(edges.length)];
            long duration = edges[r.nextInt(edges.length)];
            long base = edges[r.nextInt(edges.length)];
            long seq = edges[r.nextInt(edges.length)];
            MediaFrame f = MediaFrame.of(track, pts, dts, true, BitstreamFormat.AVCC, new byte[] {0, 0, 0, 1, 0x65});
            try {
                Fmp4Writer.fragment(seq, List.of(new TrackRun(track, base, List.of(new Sample(f, duration)))));
            } catch (Fmp4Exception expected) {
                // the only allowed failure
            }
        }
    }
}
