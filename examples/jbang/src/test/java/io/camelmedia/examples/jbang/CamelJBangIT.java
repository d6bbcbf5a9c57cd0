package io.camelmedia.examples.jbang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.camelmedia.testing.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component on Camel JBang, run the way a user runs it: JBang (its jar from Maven Central) runs Camel's
 * {@code camel} launcher ({@code src/test/jbang/camel.java}, which resolves Camel JBang), and
 * {@code camel run rtmp-to-hls.yaml --dep=io.camelmedia:camel-media-component:<version>} resolves the component and
 * its dependencies from the local Maven repository at run time (this module's build installs the component there,
 * as {@code ./mvnw install} does). ffmpeg publishes over RTMP; the route must log the stream's start and end, and
 * serve it as HLS over Camel JBang's own HTTP server, every frame readable again by ffprobe.
 */
class CamelJBangIT {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);   // a fresh machine downloads Camel JBang first
    private static final String STREAM = "live/jbang";
    private static final int FRAMES = 100;   // 4 s at 25 fps

    @Test
    void camelRunServesAnRtmpPublishAsHls(@TempDir Path dir) throws Exception {
        int rtmpPort = freePort();
        int httpPort = freePort();
        String example = Files.readString(Path.of(property("jbang.route")));
        String rtmp = "rtmp://0.0.0.0:1935/";
        assertTrue(example.contains(rtmp), "the example listens on " + rtmp);
        Path route = Files.writeString(dir.resolve("rtmp-to-hls.yaml"), example.replace(rtmp, "rtmp://0.0.0.0:" + rtmpPort + "/"));
        Path log = dir.resolve("camel.log");

        long t0 = System.nanoTime();
        // camel run <route> --dep=<component>: the README's command; --port for a free HTTP port; no Apache
        // snapshot repository (this build reaches Maven Central only); a bound on the run should the test die
        String command = jbang(dir, log, property("jbang.launcher"), "run", route.getFileName().toString(),
                "--dep=io.camelmedia:camel-media-component:" + property("component.version"),
                "--port=" + httpPort, "--maven-apache-snapshot-enabled=false", "--logging-color=false", "--max-seconds=600");
        long resolved = System.nanoTime();
        Process camel = new ProcessBuilder("bash", "-c", "exec " + command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            awaitLog(camel, log, START_TIMEOUT, s -> s.contains("HLS origin hls:live") && s.contains("serves /hls"));
            long started = System.nanoTime();

            Ffmpeg.run(60, "-nostdin", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "4",
                    "-c:v", "libopenh264", "-g", "25", "-f", "flv", "rtmp://127.0.0.1:" + rtmpPort + "/" + STREAM)
                    .requireSuccess();
            String text = awaitLog(camel, log, Duration.ofSeconds(20), s -> s.contains("stream ended: " + STREAM));
            assertTrue(text.contains("stream started: " + STREAM + " H264 320x240"), tail(text));

            String base = "http://127.0.0.1:" + httpPort + "/hls/" + STREAM + "/";
            String multivariant = get(base + "index.m3u8");
            assertTrue(multivariant.startsWith("#EXTM3U") && multivariant.contains("avc1."), multivariant);
            String media = get(base + mediaPlaylist(multivariant));
            assertTrue(media.contains("#EXTINF:") && media.contains("#EXT-X-ENDLIST"), media);
            String frames = Ffmpeg.probe(60, "-v", "error", "-count_frames", "-select_streams", "v:0",
                    "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", base + "index.m3u8").requireSuccess().stdout();
            // one line for the stream, and one again under its HLS program
            assertEquals(List.of(String.valueOf(FRAMES)), frames.lines().filter(l -> !l.isBlank()).distinct().toList(),
                    "frames served as HLS under Camel JBang");
            System.out.printf("Camel JBang: launcher resolved in %d ms, camel run started in %d ms, stream checked in %d ms%n",
                    ms(resolved - t0), ms(started - resolved), ms(System.nanoTime() - started));
        } finally {
            stop(camel);
            Files.copy(log, Path.of(property("jbang.log")), StandardCopyOption.REPLACE_EXISTING);   // for a failed run
        }
    }

    /**
     * Runs JBang as its {@code jbang} shell script does: {@code dev.jbang.Main} resolves and builds the script, then
     * exits 255 with the command to run on stdout (for bash). Returns that command.
     */
    private static String jbang(Path dir, Path log, String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", property("jbang.jar"),
                "-Dcamel.jbang.version=" + property("camel.version"),
                "-R-Dmaven.repo.local=" + property("maven.repo.local"), script));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("jbang.out");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));   // the JDK running the tests, never a download
        env.put("JBANG_DIR", property("jbang.dir"));             // JBang's cache under target/, not ~/.jbang
        env.put("JBANG_REPO", property("maven.repo.local"));     // Maven's local repository, as Camel's --dep uses
        env.put("JBANG_RUNTIME_SHELL", "bash");
        env.put("JBANG_STDIN_NOTTY", "true");
        Process p = pb.start();
        if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("jbang still resolving after " + START_TIMEOUT + "\n" + tail(Files.readString(log)));
        }
        String command = Files.readString(out, StandardCharsets.UTF_8).trim();
        assertEquals(255, p.exitValue(), "jbang exits 255 with the command to run; stdout: " + command + "\n" + tail(Files.readString(log)));
        return command;
    }

    private static String awaitLog(Process p, Path log, Duration timeout, Predicate<String> done)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = Files.readString(log);
            if (done.test(text)) {
                return text;
            }
            if (!p.isAlive()) {
                throw new AssertionError("camel run exited " + p.exitValue() + ":\n" + tail(text));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("camel run: not seen within " + timeout + ":\n" + tail(text));
            }
            Thread.sleep(100);
        }
    }

    /** The first media playlist a multivariant playlist names. */
    private static String mediaPlaylist(String multivariant) {
        return multivariant.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst()
                .orElseThrow(() -> new AssertionError("no media playlist in\n" + multivariant));
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    /** SIGTERM (Camel shuts down), then SIGKILL if it lingers. */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + name + " is set by this module's failsafe configuration");
        }
        return v;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
    }
}
