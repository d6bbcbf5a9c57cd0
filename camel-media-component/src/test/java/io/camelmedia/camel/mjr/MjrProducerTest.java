package io.camelmedia.camel.mjr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.testing.FrameMd5;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code file-mjr:in -> file-mjr:out}: frames packetized again with our RTP packetizers and written as
 * MJR00002; janus-pp-rec (the real one, Debian janus-tools) converts what we wrote into the same packets
 * as its conversion of Janus's original recording.
 */
class MjrProducerTest {
    private static final Path JANUS_PP_REC = Path.of("/usr/bin/janus-pp-rec");

    @TempDir
    Path tmp;
    private CamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a-h264-opus, mp4, a-h264-opus-video.mp4.framemd5.txt",
            "b-vp8-opus, webm, b-vp8-opus-video.webm.framemd5.txt"})
    void janusPpRecConvertsWhatWeWrite(String item, String videoExt, String videoRef) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JANUS_PP_REC) || System.getenv("CI") != null,
                "janus-pp-rec not installed (test.sh installs janus-tools)");
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String kind : List.of("audio", "video")) {
            Files.copy(Path.of(getClass().getResource("/mjr/" + item + "-" + kind + ".mjr").toURI()),
                    in.resolve(item + "-" + kind + ".mjr"));
        }
        Path out = tmp.resolve("out");
        BlockingQueue<Exchange> ended = new LinkedBlockingQueue<>();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file-mjr:" + in + "?readLockMinAge=0&initialDelay=0&delay=50")
                        .to("file-mjr:" + out)
                        .filter(header(MediaHeaders.EVENT).isEqualTo("ENDED"))
                        .process(e -> ended.add(e.copy()));
            }
        });
        camel.start();
        Exchange e = ended.poll(60, TimeUnit.SECONDS);
        assertNotNull(e, "ENDED");
        Path video = out.resolve("janus/" + item + "-video.mjr");
        Path audio = out.resolve("janus/" + item + "-audio.mjr");
        assertEquals(List.of(video.toString(), audio.toString()), e.getIn().getHeader(MjrConstants.FILES));
        assertTrue(new String(Files.readAllBytes(video), 0, 8, StandardCharsets.US_ASCII).equals("MJR00002"));

        Path v = convert(video, videoExt);
        MergedFileChecks.assertSamePackets(FrameMd5.parse(resource(videoRef)), 0, FrameMd5.ofPackets(v), 0);
        Path a = convert(audio, "opus");
        MergedFileChecks.assertSamePackets(FrameMd5.parse(resource(item + "-audio.opus.framemd5.txt")), 0,
                FrameMd5.ofPackets(a), 0);
    }

    private Path convert(Path mjr, String ext) throws Exception {
        Path target = tmp.resolve(mjr.getFileName() + "." + ext);
        Process p = new ProcessBuilder(JANUS_PP_REC.toString(), mjr.toString(), target.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve(mjr.getFileName() + ".log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("janus-pp-rec did not finish");
        }
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(mjr.getFileName() + ".log")));
        return target;
    }

    private static String resource(String name) throws Exception {
        return Files.readString(Path.of(MjrProducerTest.class.getResource("/mjr/" + name).toURI()));
    }
}
