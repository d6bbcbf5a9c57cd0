package io.camelmedia.camel.filemedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.MediaHubs;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.MediaFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code file-media:} in a route, on files the bundled ffmpeg wrote: recorded by {@code media:record}, the packets
 * are the source's (framemd5); a file that is no media and one cut short do not stop the route; mediaTypes;
 * realtime pacing; looped real-time files read side by side on the consumer's threads.
 */
class FileMediaConsumerTest {
    private static final long WAIT_SECONDS = 60;

    @TempDir
    static Path sources;
    @TempDir
    Path tmp;
    private CamelContext camel;
    private final BlockingQueue<Exchange> ended = new LinkedBlockingQueue<>();
    private final Map<String, Exchange> started = new ConcurrentHashMap<>();
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> endedNanos = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> frames = new ConcurrentHashMap<>();
    private final Map<String, Exchange> recorded = new ConcurrentHashMap<>();
    private final List<Throwable> escaped = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void writeSources() throws Exception {
        MediaFiles.h264Aac(sources.resolve("h264-aac.mp4"), 2);
        MediaFiles.write(sources.resolve("vp9-opus.webm"), MediaFiles.testSource(2), "-c:v", "libvpx-vp9", "-deadline",
                "realtime", "-cpu-used", "8", "-g", "25", "-c:a", "libopus");
        MediaFiles.write(sources.resolve("faststart.mp4"), new String[] {"-i", sources.resolve("h264-aac.mp4").toString()},
                "-c", "copy", "-movflags", "+faststart");
    }

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
                from(from).routeId("files")
                        .process(e -> {
                            String s = e.getIn().getHeader(MediaHeaders.STREAM, String.class);
                            String ev = e.getIn().getHeader(MediaHeaders.EVENT, String.class);
                            if ("STARTED".equals(ev)) {
                                started.put(s, e.copy());
                                startedNanos.put(s, System.nanoTime());
                            } else if ("FRAME".equals(ev)) {
                                frames.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet();
                            } else if ("ENDED".equals(ev)) {
                                endedNanos.put(s, System.nanoTime());
                                ended.add(e.copy());
                            }
                        })
                        .to(to)
                        .process(e -> {
                            if (e.getException() != null) {
                                escaped.add(e.getException());
                            }
                            if ("ENDED".equals(e.getIn().getHeader(MediaHeaders.EVENT))) {
                                recorded.put(e.getIn().getHeader(MediaHeaders.STREAM, String.class), e.copy());
                            }
                        });
            }
        });
        camel.start();
    }

    private static String in(Path dir) {
        return "file-media:" + dir + "?readLockMinAge=0&initialDelay=0&delay=50";
    }

    private Exchange next() throws InterruptedException {
        Exchange e = ended.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(e, "an ENDED exchange");
        return e;
    }

    private static String reason(Exchange e) {
        return e.getIn().getHeader(MediaHeaders.REASON, String.class);
    }

    /** Per stream of {@code ref}, the MD5s of its packets, in order. */
    private static Map<String, List<String>> md5ByMediaType(FrameMd5 ref) {
        Map<String, List<String>> out = new HashMap<>();
        ref.streams().values().forEach(s -> out.put(s.mediaType(), ref.packets(s.index()).stream().map(FrameMd5.Packet::md5).toList()));
        return out;
    }

    /**
     * A directory with an H.264+AAC MP4, a VP9+Opus WebM, a file that is no media and an MP4 cut in half: the two
     * good files recorded by media:record hold exactly the source's packets; the junk file starts nothing, is
     * moved to failed/; the cut file plays up to the cut, ends with the reason, is moved to done/; the route goes on.
     */
    @Test
    void aDirectoryOfFilesThroughTheRoute() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.copy(sources.resolve("h264-aac.mp4"), dir.resolve("a.mp4"));
        Files.copy(sources.resolve("vp9-opus.webm"), dir.resolve("b.webm"));
        Files.write(dir.resolve("c-junk.mp4"), "not media ".repeat(200).getBytes());
        byte[] whole = Files.readAllBytes(sources.resolve("faststart.mp4"));
        Files.write(dir.resolve("d-cut.mp4"), Arrays.copyOf(whole, whole.length / 2));
        Path out = tmp.resolve("out");
        route(in(dir) + "&move=done&moveFailed=failed", "media:record?directory=" + out);

        Map<String, Exchange> byStream = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            Exchange e = next();
            byStream.put(e.getIn().getHeader(MediaHeaders.STREAM, String.class), e);
        }
        for (String s : List.of("files/a", "files/b")) {
            assertEquals("end of file", reason(byStream.get(s)), s);
        }
        Exchange cut = byStream.get("files/d-cut");
        assertTrue(reason(cut).startsWith("file truncated: end of file after "), reason(cut));
        assertTrue(frames.get("files/d-cut").get() > 0);

        assertEquals(md5ByMediaType(FrameMd5.ofPackets(sources.resolve("h264-aac.mp4"))),
                md5ByMediaType(FrameMd5.ofPackets(recorded.get("files/a").getIn().getBody(File.class).toPath())));
        assertEquals(md5ByMediaType(FrameMd5.ofPackets(sources.resolve("vp9-opus.webm"))),
                md5ByMediaType(FrameMd5.ofPackets(recorded.get("files/b").getIn().getBody(File.class).toPath())));
        assertEquals("a.mp4", byStream.get("files/a").getIn().getHeader(FileMediaConstants.FILE));
        assertEquals(frames.get("files/a").longValue(), byStream.get("files/a").getIn().getHeader(FileMediaConstants.FRAMES));

        assertNull(started.get("files/c-junk"), "no STARTED for a file that is no media");
        awaitFile(dir.resolve("failed/c-junk.mp4"));
        for (String f : List.of("a.mp4", "b.webm", "d-cut.mp4")) {
            assertTrue(Files.exists(dir.resolve("done/" + f)), f + " moved to done/");
        }
        assertTrue(escaped.isEmpty(), "exceptions in the route: " + escaped);
    }

    private static void awaitFile(Path f) throws InterruptedException {
        for (int i = 0; i < WAIT_SECONDS * 20 && !Files.exists(f); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(f), f + " exists");
    }

    @Test
    void mediaTypesAudioReadsOnlyTheAudio() throws Exception {
        route(in(sources.resolve("h264-aac.mp4")) + "&mediaTypes=audio", "log:x?level=OFF");
        Exchange e = next();
        assertEquals("end of file", reason(e));
        StreamInfo info = started.get("files/h264-aac").getIn().getBody(StreamInfo.class);
        assertEquals(1, info.tracks().size());
        assertEquals(MediaType.AUDIO, info.tracks().get(0).mediaType());
        int audioPackets = FrameMd5.ofPackets(sources.resolve("h264-aac.mp4")).packets(1).size();
        assertEquals(audioPackets, frames.get("files/h264-aac").get());
    }

    /** realtime=true: a 2 s file takes about 2 s (asserted: at least 0.8 of it, never an upper bound). */
    @Test
    void realtimePacesAtTheFilesPace() throws Exception {
        route(in(sources.resolve("vp9-opus.webm")) + "&realtime=true", "log:x?level=OFF");
        assertEquals("end of file", reason(next()));
        double seconds = (endedNanos.get("files/vp9-opus") - startedNanos.get("files/vp9-opus")) / 1e9;
        System.out.printf("realtime: a 2 s file played in %.2f s%n", seconds);
        assertTrue(seconds >= 0.8 * 2, "played in " + seconds + " s");
    }

    /**
     * Two looped real-time files in one directory: both play at once, each on a thread of the consumer's pool (one
     * never-ending file does not hold up the other); stopping the route ends both streams ("stopped").
     */
    @Test
    void loopedFilesPlaySideBySideAndStopCleanly() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("loop"));
        Files.copy(sources.resolve("h264-aac.mp4"), dir.resolve("one.mp4"));
        Files.copy(sources.resolve("vp9-opus.webm"), dir.resolve("two.webm"));
        route(in(dir) + "&realtime=true&loop=true", "log:x?level=OFF");
        for (int i = 0; i < WAIT_SECONDS * 20 && (frames.get("files/one") == null || frames.get("files/two") == null); i++) {
            Thread.sleep(50);
        }
        assertNotNull(frames.get("files/one"), "files/one plays");
        assertNotNull(frames.get("files/two"), "files/two plays while files/one loops");
        StreamHub hub = MediaHubs.of(camel);
        assertTrue(hub.isLive("files/one") && hub.isLive("files/two"), "both claimed in the hub: " + hub.livePaths());
        camel.stop();
        assertFalse(hub.isLive("files/one") || hub.isLive("files/two"), "paths given up: " + hub.livePaths());
        List<String> reasons = new ArrayList<>();
        for (Exchange e = ended.poll(); e != null; e = ended.poll()) {
            reasons.add(reason(e));
        }
        assertEquals(List.of("stopped", "stopped"), reasons);
        assertTrue(Files.exists(dir.resolve("one.mp4")), "a stopped file stays in place");
        assertFalse(Files.exists(dir.resolve("done")));
    }
}
