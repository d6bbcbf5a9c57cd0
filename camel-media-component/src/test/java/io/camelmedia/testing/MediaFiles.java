package io.camelmedia.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small media files written by the bundled ffmpeg from its generated test sources, for the file ingest tests. */
public final class MediaFiles {
    private MediaFiles() {
    }

    /** ffmpeg input arguments: a 160x120 25 fps test picture and a 440 Hz tone at 48 kHz, {@code seconds} long. */
    public static String[] testSource(int seconds) {
        return new String[] {"-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-f", "lavfi", "-i",
            "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds)};
    }

    /** H.264 (libopenh264, a key frame a second) + AAC, in the container {@code out}'s extension names. */
    public static Path h264Aac(Path out, int seconds) throws Exception {
        return write(out, testSource(seconds), "-c:v", "libopenh264", "-g", "25", "-c:a", "aac");
    }

    /** Runs {@code ffmpeg -y -v error <input> <output options> out}. */
    public static Path write(Path out, String[] input, String... outputOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("-y", "-v", "error"));
        args.addAll(List.of(input));
        args.addAll(List.of(outputOptions));
        args.add(out.toString());
        Ffmpeg.run(120, args.toArray(String[]::new)).requireSuccess();
        return out;
    }
}
