package io.camelmedia.camel.mjr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/mjr/routes/mjr-convert.yaml as shipped: a folder of recordings becomes merged files, originals in done/. */
class MjrExampleRouteTest {
    private static final Path YAML = Path.of("../examples/mjr/routes/mjr-convert.yaml");

    @TempDir
    Path tmp;

    @Test
    void exampleConvertsAFolder() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("recordings"));
        for (String n : new String[] {"a-h264-opus-audio.mjr", "a-h264-opus-video.mjr", "b-vp8-opus-audio.mjr",
                "b-vp8-opus-video.mjr"}) {
            Files.copy(Path.of(getClass().getResource("/mjr/" + n).toURI()), in.resolve(n));
        }
        Files.write(in.resolve("broken-audio.mjr"), new byte[0]);
        Path out = tmp.resolve("converted");
        try (CamelContext camel = new DefaultCamelContext()) {
            Properties p = new Properties();
            p.setProperty("mjr.in", in + "?readLockMinAge=0&initialDelay=0&delay=50");
            p.setProperty("mjr.out", out.toString());
            camel.getPropertiesComponent().setInitialProperties(p);
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("mjr-convert.yaml", Files.readString(YAML)));
            camel.start();
            Path done = in.resolve("done");
            for (int i = 0; i < 6000 && !(Files.exists(in.resolve("failed/broken-audio.mjr"))
                    && Files.exists(out.resolve("janus/b-vp8-opus.webm")) && Files.exists(out.resolve("janus/a-h264-opus.mp4"))); i++) {
                Thread.sleep(10);
            }
            assertTrue(Files.exists(out.resolve("janus/a-h264-opus.mp4")));
            assertTrue(Files.exists(out.resolve("janus/b-vp8-opus.webm")));
            assertTrue(Files.exists(done.resolve("a-h264-opus-video.mjr")));
            assertTrue(Files.exists(in.resolve("failed/broken-audio.mjr")));
        }
        String probe = io.camelmedia.testing.Ffmpeg.probe(30, "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", out.resolve("janus/a-h264-opus.mp4").toString()).requireSuccess().stdout();
        assertEquals(java.util.List.of("h264", "opus"), probe.lines().map(String::strip).sorted().toList());
    }
}
