package io.camelmedia.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The md5 of every decoded frame of one stream of a file or URL, as ffmpeg's decoder sees it
 * ({@code -f framemd5} without {@code -c copy}): two inputs whose lists are equal decode to the same
 * pictures / samples, whatever their container or bitstream framing.
 */
public final class DecodedMd5 {
    private DecodedMd5() {
    }

    /** Fails with a short message (counts and the first difference) unless both decode to the same frames. */
    public static void assertSameFrames(List<String> expected, List<String> actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        int first = 0;
        while (first < Math.min(expected.size(), actual.size()) && expected.get(first).equals(actual.get(first))) {
            first++;
        }
        long differing = java.util.stream.IntStream.range(0, Math.min(expected.size(), actual.size()))
                .filter(i -> !expected.get(i).equals(actual.get(i))).count();
        throw new AssertionError(what + ": " + expected.size() + " decoded frames expected, " + actual.size()
                + " got; first difference at frame " + first + ", " + differing + " frames differ");
    }

    /**
     * {@code actual} decodes to a run of {@code expected}'s frames: from where its frame {@code skip} (after
     * warm-up frames: an AAC decoder's first output depends on the frame before) is found, to its end less
     * {@value #CUT_TAIL} frames (a live sender or reader may cut the last frame short, and with B-frames that frame
     * can come out up to a reorder depth before the end), and at least {@code min} frames long. For a reader that
     * joined a live stream mid-way.
     */
    /** Output frames at the end left uncompared: one cut frame, shown anywhere in a B-frame reorder window (4). */
    static final int CUT_TAIL = 4;

    public static void assertRunOf(List<String> expected, List<String> actual, int skip, int min, String what) {
        if (actual.size() <= skip + min) {
            throw new AssertionError(what + ": only " + actual.size() + " decoded frames");
        }
        int at = expected.indexOf(actual.get(skip));
        if (at < 0) {
            throw new AssertionError(what + ": frame " + skip + " of the output is not in the source");
        }
        List<String> run = actual.subList(skip, actual.size() - CUT_TAIL);
        if (at + run.size() > expected.size()) {
            throw new AssertionError(what + ": more frames than the source has after " + at);
        }
        assertSameFrames(expected.subList(at, at + run.size()), run, what);
    }

    /** {@code stream} is an ffmpeg stream specifier such as {@code 0:v} or {@code 0:a}. */
    public static List<String> of(String input, String stream) throws Exception {
        Ffmpeg.Result r = Ffmpeg.run(120, "-nostdin", "-loglevel", "error", "-i", input, "-map", stream,
                "-f", "framemd5", "-").requireSuccess();
        List<String> md5s = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            md5s.add(f[f.length - 1].trim());
        }
        return md5s;
    }
}
