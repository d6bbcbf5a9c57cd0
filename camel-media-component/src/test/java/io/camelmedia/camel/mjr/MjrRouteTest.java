package io.camelmedia.camel.mjr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code file-mjr:} -> {@code media:record} on the real Janus corpus: the merged file ffmpeg reads has the
 * packets of janus-pp-rec's separate references, audio and video are in sync, and the watcher behaves as
 * Camel's {@code file:} does.
 */
class MjrRouteTest {
    /** Longest wait for an exchange; the corpus converts in well under a second. */
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path tmp;
    private CamelContext camel;
    private final BlockingQueue<Exchange> ended = new LinkedBlockingQueue<>();
    private final List<Exchange> all = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    private void route(String from, String to) throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId("mjr")
                        .process(e -> all.add(e.copy()))
                        .to(to)
                        .filter(header(MediaHeaders.EVENT).isEqualTo("ENDED"))
                        .process(e -> ended.add(e.copy()));
            }
        });
        camel.start();
    }

    private static String in(Path dir) {
        return "file-mjr:" + dir + "?readLockMinAge=0&initialDelay=0&delay=50";
    }

    private Path corpusCopy(String... names) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        for (String n : names) {
            Files.copy(Path.of(MjrRouteTest.class.getResource("/mjr/" + n).toURI()), dir.resolve(n));
        }
        return dir;
    }

    private static String resource(String name) throws Exception {
        return Files.readString(Path.of(MjrRouteTest.class.getResource("/mjr/" + name).toURI()), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a-h264-opus, mp4, a-h264-opus-video.mp4.framemd5.txt",
            "b-vp8-opus, webm, b-vp8-opus-video.webm.framemd5.txt"})
    void mergedFileHasJanusPpRecPacketsPerStream(String item, String ext, String videoRef) throws Exception {
        Path in = corpusCopy(item + "-audio.mjr", item + "-video.mjr");
        Path out = tmp.resolve("out");
        route(in(in) + "&move=done", "media:record?directory=" + out);
        Exchange e = ended.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(e, "ENDED");
        assertEquals("janus/" + item + "." + ext, e.getIn().getHeader(Exchange.FILE_NAME));
        File file = e.getIn().getBody(File.class);
        assertEquals(out.resolve("janus/" + item + "." + ext).toFile(), file);
        assertEquals(1601L, e.getIn().getHeader(MediaHeaders.RECORD_FRAMES));
        assertEquals(0L, e.getIn().getHeader(MjrConstants.LOST));
        assertEquals("end of recording", e.getIn().getHeader(MediaHeaders.REASON));
        assertTrue(Files.exists(in.resolve("done/" + item + "-audio.mjr")), "moved to done/");
        assertTrue(Files.exists(in.resolve("done/" + item + "-video.mjr")), "moved to done/");

        FrameMd5 ours = FrameMd5.ofPackets(file.toPath());
        int v = ours.stream(0).mediaType().equals("video") ? 0 : 1;
        MergedFileChecks.assertSamePackets(FrameMd5.parse(resource(videoRef)), 0, ours, v);
        MergedFileChecks.assertSamePackets(FrameMd5.parse(resource(item + "-audio.opus.framemd5.txt")), 0, ours, 1 - v);

        // the STARTED exchange carried the info headers
        Exchange started = all.get(0);
        assertEquals("STARTED", started.getIn().getHeader(MediaHeaders.EVENT));
        assertEquals("opus", started.getIn().getHeader(MjrConstants.AUDIO_CODEC));
        assertEquals(ext.equals("mp4") ? "h264" : "vp8", started.getIn().getHeader(MjrConstants.VIDEO_CODEC));
        assertNotNull(started.getIn().getHeader(MjrConstants.VIDEO_CREATED));
        assertEquals(item, started.getIn().getHeader(MjrConstants.SESSION));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a-h264-opus", "b-vp8-opus"})
    void mergedFileIsInSync(String item) throws Exception {
        Path in = corpusCopy(item + "-audio.mjr", item + "-video.mjr");
        Path out = tmp.resolve("out");
        route(in(in) + "&delete=true", "media:record?directory=" + out);
        Exchange e = ended.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(e, "ENDED");
        assertFalse(Files.exists(in.resolve(item + "-audio.mjr")), "deleted");
        MergedFileChecks.Sync sync = MergedFileChecks.sync(e.getIn().getBody(File.class).toPath());
        System.out.println(item + " A/V sync: " + sync);
        assertTrue(sync.beeps() >= 19, "beeps found: " + sync.beeps());
        assertTrue(sync.worstMillis() <= 20.0, "beep onset vs video frame 30k: worst " + sync.worstMillis() + " ms " + sync);
    }

    /** Audio-only sessions: Opus to .opus with janus-pp-rec's packets; G.711 to .wav (auto), bytes as the body. */
    @Test
    void audioOnlyToOpusAndWav() throws Exception {
        Path in = corpusCopy("a-h264-opus-audio.mjr", "d-pcmu-audio.mjr");
        route(in(in) + "&move=done", "media:record");
        java.util.Map<String, Exchange> byName = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            Exchange e = ended.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(e);
            byName.put(e.getIn().getHeader(Exchange.FILE_NAME, String.class), e);
        }
        Path opus = tmp.resolve("a.opus");
        Files.write(opus, byName.get("janus/a-h264-opus.opus").getIn().getBody(byte[].class));
        MergedFileChecks.assertSamePackets(FrameMd5.parse(resource("a-h264-opus-audio.opus.framemd5.txt")), 0,
                FrameMd5.ofPackets(opus), 0);
        Path wav = tmp.resolve("d.wav");
        Files.write(wav, byName.get("janus/d-pcmu.wav").getIn().getBody(byte[].class));
        String probe = Ffmpeg.probe(30, "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels,duration_ts",
                "-of", "csv=p=0", wav.toString()).requireSuccess().stdout().strip();
        assertEquals("pcm_s16le,8000,1,160000", probe, "20 s of 8 kHz samples");
    }
}
