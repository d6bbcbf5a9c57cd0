package io.camelmedia.format.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.camelmedia.testing.MediaFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fragments of a real ffmpeg 8 fMP4 re-timed into one answer: from 0, on across files, renumbered. */
class FragmentRetimerTest {
    @TempDir
    static Path dir;
    static byte[] file;
    static FragmentIndex index;

    @BeforeAll
    static void write() throws Exception {
        Path mp4 = MediaFiles.write(dir.resolve("rec.mp4"), MediaFiles.testSource(6), "-c:v", "libopenh264", "-g", "25",
                "-c:a", "aac", "-movflags", "+frag_keyframe+empty_moov+default_base_moof");
        file = Files.readAllBytes(mp4);
        index = index(file);
    }

    private static FragmentIndex index(byte[] bytes) throws Exception {
        Path p = Files.write(Files.createTempFile(dir, "f", ".mp4"), bytes);
        try (java.nio.channels.SeekableByteChannel ch = java.nio.channels.FileChannel.open(p)) {
            return FragmentIndex.read(ch, bytes.length);
        }
    }

    /** init + the fragments {@code from..to} of each "file" (all this one file), re-timed in that order. */
    private static byte[] joined(int[][] runs) {
        FragmentRetimer retimer = new FragmentRetimer(index.tracks());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, (int) index.initLength());
        for (int[] run : runs) {
            for (int f = run[0]; f < run[1]; f++) {
                FragmentIndex.Fragment fr = index.fragments().get(f);
                byte[] bytes = Arrays.copyOfRange(file, (int) fr.offset(), (int) fr.end());
                int moof = ByteBuffer.wrap(bytes).getInt(0);
                byte[] head = Arrays.copyOf(bytes, moof);
                retimer.retime(head, f == run[0], out.size() - fr.offset());
                System.arraycopy(head, 0, bytes, 0, moof);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toByteArray();
    }

    @Test
    void aSpanStartsAtZeroAndKeepsItsTiming() throws Exception {
        // fragments 2..5 of one file, taken as two files of one timeline (the recorder's): only moved to 0
        FragmentIndex got = index(joined(new int[][] {{2, 4}, {4, 6}}));
        assertEquals(4, got.fragments().size());
        double origin = index.fragments().get(2).start();
        for (int i = 0; i < 4; i++) {
            assertEquals(index.fragments().get(i + 2).start() - origin, got.fragments().get(i).start(), 1e-6);
            assertEquals(index.fragments().get(i + 2).duration(), got.fragments().get(i).duration(), 1e-9);
        }
        assertEquals(0.0, got.fragments().get(0).start(), 1e-9);
        assertEquals(List.of(1, 2, 3, 4), sequenceNumbers(got, joined(new int[][] {{2, 4}, {4, 6}})));
    }

    @Test
    void aFileWhoseClockRestartsContinuesWhereTheAnswerGotTo() throws Exception {
        // the whole file twice: the second copy's tfdt go back to 0, the answer runs on
        int n = index.fragments().size();
        byte[] bytes = joined(new int[][] {{0, n}, {0, n}});
        FragmentIndex got = index(bytes);
        assertEquals(2 * n, got.fragments().size());
        for (int i = 1; i < 2 * n; i++) {
            FragmentIndex.Fragment prev = got.fragments().get(i - 1);
            // video runs on frame after frame (one 90 kHz tick of rounding at most)
            assertEquals(prev.start() + prev.duration(), got.fragments().get(i).start(), 2.0 / 90_000, "fragment " + i);
        }
        assertEquals(2 * index.duration(), got.duration(), 0.05);
        assertEquals(2 * n, sequenceNumbers(got, bytes).get(2 * n - 1));
    }

    @Test
    void refusesWhatIsNotAMoof() {
        FragmentRetimer retimer = new FragmentRetimer(index.tracks());
        byte[] init = Arrays.copyOf(file, (int) index.initLength());
        assertThrows(Fmp4Exception.class, () -> retimer.retime(init, true, 0));
    }

    private static List<Integer> sequenceNumbers(FragmentIndex got, byte[] bytes) {
        // mfhd is the moof's first child: size(4) 'mfhd'(4) version+flags(4) sequence_number(4)
        return got.fragments().stream().map(f -> ByteBuffer.wrap(bytes).getInt((int) f.offset() + 8 + 12)).toList();
    }
}
