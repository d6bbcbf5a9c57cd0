package io.camelmedia.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/**
 * The real peer of our tests: the ffmpeg 8 executables that ship inside the JavaCV FFmpeg jar.
 * Every process started here is destroyed by the caller (try-with-resources on {@link Running}).
 */
public final class Ffmpeg {
    private static volatile String ffmpegPath;
    private static volatile String ffprobePath;

    private Ffmpeg() {
    }

    public static synchronized String ffmpeg() {
        if (ffmpegPath == null) {
            ffmpegPath = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        }
        return ffmpegPath;
    }

    public static synchronized String ffprobe() {
        if (ffprobePath == null) {
            ffprobePath = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        }
        return ffprobePath;
    }

    /** Result of a finished process: exit code and everything it printed (stdout then stderr). */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("ffmpeg exited " + exitCode + ":\n" + tail(stderr, 4000));
            }
            return this;
        }
    }

    /** Runs ffmpeg with {@code args} (without the leading "ffmpeg") to completion, bounded by {@code timeoutSeconds}. */
    public static Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return exec(ffmpeg(), timeoutSeconds, args);
    }

    /**
     * Writes a 4 s MPEG-TS of generated H.264 (libopenh264, 320x240, 25 fps, a key frame every second) and AAC
     * (a 440 Hz tone, 48 kHz): a live encoder's usual output.
     */
    public static Path h264AacTs(Path out) throws IOException, InterruptedException {
        run(120, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "4", "-c:v", "libopenh264", "-g", "25", "-c:a", "aac",
                "-f", "mpegts", out.toString()).requireSuccess();
        return out;
    }

    public static Result probe(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return exec(ffprobe(), timeoutSeconds, args);
    }

    private static Result exec(String exe, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe);
        cmd.add("-hide_banner");
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("ffmpeg-out", ".txt");
        Path err = Files.createTempFile("ffmpeg-err", ".txt");
        try {
            Process p = builder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd)
                        + "\n" + tail(Files.readString(err, StandardCharsets.UTF_8), 4000));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts ffmpeg in the background; its stderr goes to {@code log}. Close to kill it. */
    public static Running start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ffmpeg());
        cmd.add("-hide_banner");
        cmd.add("-nostdin");
        cmd.addAll(List.of(args));
        Process p = builder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Running(p, log);
    }

    /** The executables need the libraries unpacked beside them (libva, libav*), which they do not find alone. */
    private static ProcessBuilder builder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String dir = Path.of(cmd.get(0)).getParent().toString();
        String old = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", old == null || old.isEmpty() ? dir : dir + ":" + old);
        return pb;
    }

    /** A background ffmpeg process. */
    public record Running(Process process, Path log) implements AutoCloseable {
        /** Waits for a normal end (e.g. a publish of a finite file). */
        public int await(long timeoutSeconds) throws InterruptedException, IOException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("ffmpeg still running after " + timeoutSeconds + " s\n" + logTail());
            }
            return process.exitValue();
        }

        public String logTail() throws IOException {
            return tail(Files.readString(log, StandardCharsets.UTF_8), 4000);
        }

        @Override
        public void close() throws InterruptedException {
            SystemTools.stop(process);
        }
    }

    static String tail(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }
}
