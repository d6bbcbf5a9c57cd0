package io.camelmedia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/** The bundled ffmpeg 8 for benchmark setups: writes inputs and times ffmpeg doing the same work. */
final class BenchFfmpeg {
    private BenchFfmpeg() {
    }

    /** Runs ffmpeg with {@code args} (at most 300 s); its output (stdout and stderr), or an exception when it fails. */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("ffmpeg", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("ffmpeg failed: " + String.join(" ", cmd) + "\n" + Files.readString(log));
            }
            return Files.readString(log);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
