package io.camelmedia.camel.mjr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.testing.FrameMd5;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory watcher (file:-like behaviour) and damaged recordings through a route. */
class MjrConsumerTest {
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path tmp;
    private CamelContext camel;
    private final BlockingQueue<Exchange> ended = new LinkedBlockingQueue<>();
    private final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> frames = new ConcurrentHashMap<>();
    private final Map<String, Exchange> recorded = new ConcurrentHashMap<>();
    private final List<Throwable> escaped = java.util.Collections.synchronizedList(new ArrayList<>());

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
                        .process(e -> {
                            String s = e.getIn().getHeader(MediaHeaders.STREAM, String.class);
                            String ev = e.getIn().getHeader(MediaHeaders.EVENT, String.class);
                            if ("STARTED".equals(ev)) {
                                started.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet();
                            } else if ("FRAME".equals(ev)) {
                                frames.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet();
                            } else if ("ENDED".equals(ev)) {
                                ended.add(e.copy());    // before media:record, which stops streams it never saw start
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

    private static byte[] corpus(String name) throws Exception {
        return Files.readAllBytes(Path.of(MjrConsumerTest.class.getResource("/mjr/" + name).toURI()));
    }

    /** Offsets of every record (MEET, 4-byte time, 2-byte length, data) after the JSON header. */
    private static List<Long> records(byte[] f) {
        List<Long> out = new ArrayList<>();
        int at = 10 + (((f[8] & 0xFF) << 8) | (f[9] & 0xFF));
        while (at + 10 <= f.length) {
            out.add((long) at);
            at += 10 + (((f[at + 8] & 0xFF) << 8) | (f[at + 9] & 0xFF));
        }
        return out;
    }

    private Exchange next() throws InterruptedException {
        Exchange e = ended.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(e, "an ENDED exchange");
        return e;
    }

    private static String in(Path dir) {
        return "file-mjr:" + dir + "?readLockMinAge=0&initialDelay=0&delay=50";
    }

    /**
     * The video file cut inside a record: the stream ends with the reason naming the file and offset, every
     * complete frame before the cut is in the merged mp4 (janus-pp-rec's first frames, byte for byte), the
     * audio is complete; the other damaged files end their streams with their reasons and are moved to
     * failed/; the route goes on with the good recording after them; nothing reaches the route as an exception.
     */
    @Test
    void damagedRecordingsThroughTheRoute() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        byte[] video = corpus("a-h264-opus-video.mjr");
        List<Long> recs = records(video);
        long cutRecord = recs.get(recs.size() / 2);
        int cut = (int) cutRecord + 10 + 40;     // inside the record's RTP packet
        Files.write(dir.resolve("a-h264-opus-video.mjr"), Arrays.copyOf(video, cut));
        Files.write(dir.resolve("a-h264-opus-audio.mjr"), corpus("a-h264-opus-audio.mjr"));
        int completeFrames = 0;
        for (long r : recs) {
            if (r >= cutRecord) {
                break;
            }
            completeFrames += (video[(int) r + 10 + 1] & 0x80) != 0 ? 1 : 0;   // marker: a frame's last packet
        }
        byte[] audio = corpus("d-pcmu-audio.mjr");
        String json = new String(audio, 10, ((audio[8] & 0xFF) << 8) | (audio[9] & 0xFF), StandardCharsets.ISO_8859_1);
        byte[] broken = audio.clone();
        broken[10 + json.indexOf(',')] = ';';
        Files.write(dir.resolve("c1-json-audio.mjr"), broken);
        Files.write(dir.resolve("c2-codec-audio.mjr"), mjr("{\"t\":\"a\",\"c\":\"speex\",\"s\":1,\"u\":2}"));
        Files.write(dir.resolve("c3-empty-audio.mjr"), new byte[0]);
        byte[] longLen = audio.clone();
        List<Long> arecs = records(longLen);
        long lenAt = arecs.get(arecs.size() - 3);
        longLen[(int) lenAt + 8] = (byte) 0xEF;
        longLen[(int) lenAt + 9] = (byte) 0x32;
        Files.write(dir.resolve("c4-length-audio.mjr"), longLen);
        Files.write(dir.resolve("z-good-audio.mjr"), corpus("d-pcma-audio.mjr"));

        Path out = tmp.resolve("out");
        route(in(dir) + "&move=done&moveFailed=failed", "media:record?directory=" + out);
        Map<String, Exchange> byStream = new java.util.HashMap<>();
        for (int i = 0; i < 6; i++) {
            Exchange e = next();
            byStream.put(e.getIn().getHeader(MediaHeaders.STREAM, String.class), e);
        }

        Exchange a = byStream.get("janus/a-h264-opus");
        String reason = a.getIn().getHeader(MediaHeaders.REASON, String.class);
        assertTrue(reason.startsWith("recording damaged: a-h264-opus-video.mjr: record at byte " + cutRecord + ": "), reason);
        assertEquals(cutRecord, a.getIn().getHeader(MjrConstants.ERROR_OFFSET));
        assertEquals("a-h264-opus-video.mjr", a.getIn().getHeader(MjrConstants.ERROR_FILE));
        FrameMd5 ours = FrameMd5.ofPackets(recorded.get("janus/a-h264-opus").getIn().getBody(File.class).toPath());
        int v = ours.stream(0).mediaType().equals("video") ? 0 : 1;
        List<FrameMd5.Packet> refVideo = FrameMd5.parse(text("a-h264-opus-video.mp4.framemd5.txt")).packets(0);
        List<FrameMd5.Packet> ourVideo = ours.packets(v);
        assertEquals(completeFrames, ourVideo.size(), "every complete frame before the cut");
        for (int i = 0; i < ourVideo.size(); i++) {
            assertEquals(refVideo.get(i).md5(), ourVideo.get(i).md5(), "video frame " + i);
        }
        assertEquals(1001, ours.packets(1 - v).size(), "the audio file is whole");
        assertTrue(Files.exists(dir.resolve("done/a-h264-opus-video.mjr")), "read (damaged at the end) counts as done");

        assertUnusable(byStream.get("janus/c1-json"), "c1-json-audio.mjr: header at byte ", "info header is not valid JSON");
        assertUnusable(byStream.get("janus/c2-codec"), "c2-codec-audio.mjr: header at byte 0: unknown codec 'speex'", "");
        assertUnusable(byStream.get("janus/c3-empty"), "c3-empty-audio.mjr: header at byte 0: empty file", "");
        for (String f : List.of("c1-json-audio.mjr", "c2-codec-audio.mjr", "c3-empty-audio.mjr")) {
            assertTrue(Files.exists(dir.resolve("failed/" + f)), f + " moved to failed/");
        }

        Exchange len = byStream.get("janus/c4-length");
        assertTrue(len.getIn().getHeader(MediaHeaders.REASON, String.class).contains(
                "c4-length-audio.mjr: record at byte " + lenAt + ": length 61234 past the end of the file"),
                len.getIn().getHeader(MediaHeaders.REASON, String.class));
        assertEquals(arecs.size() - 3, frames.get("janus/c4-length").get(), "every packet before the bad length");

        Exchange good = byStream.get("janus/z-good");
        assertEquals("end of recording", good.getIn().getHeader(MediaHeaders.REASON));
        assertEquals(1000L, good.getIn().getHeader(MjrConstants.FRAMES));
        assertNull(good.getIn().getHeader(MjrConstants.ERROR));
        assertTrue(escaped.isEmpty(), "exceptions in the route: " + escaped);
    }

    private void assertUnusable(Exchange e, String prefix, String contains) {
        assertNotNull(e);
        String reason = e.getIn().getHeader(MediaHeaders.REASON, String.class);
        assertTrue(reason.startsWith("recording unusable: " + prefix) && reason.contains(contains), reason);
        assertNull(started.get(e.getIn().getHeader(MediaHeaders.STREAM, String.class)), "no STARTED for an unusable file");
        assertNotNull(e.getIn().getHeader(MjrConstants.ERROR_OFFSET));
    }

    private static byte[] mjr(String json) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[10 + j.length];
        System.arraycopy("MJR00002".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 8);
        out[8] = (byte) (j.length >> 8);
        out[9] = (byte) j.length;
        System.arraycopy(j, 0, out, 10, j.length);
        return out;
    }

    private static String text(String name) throws Exception {
        return new String(corpus(name), StandardCharsets.UTF_8);
    }

    /**
     * Without move/delete the files stay, and are not replayed again on later polls: a second recording
     * dropped later is processed (so the first was polled again meanwhile), and each stream started once.
     */
    @Test
    void aFileLeftInPlaceIsNotProcessedTwice() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.write(dir.resolve("one-audio.mjr"), corpus("d-pcmu-audio.mjr"));
        route(in(dir), "log:x?level=OFF");
        assertEquals("janus/one", next().getIn().getHeader(MediaHeaders.STREAM));
        Files.write(dir.resolve("two-audio.mjr"), corpus("d-pcma-audio.mjr"));
        assertEquals("janus/two", next().getIn().getHeader(MediaHeaders.STREAM));
        Files.write(dir.resolve("three-audio.mjr"), corpus("d-g722-audio.mjr"));
        assertEquals("janus/three", next().getIn().getHeader(MediaHeaders.STREAM));
        assertEquals(1, started.get("janus/one").get());
        assertEquals(1, started.get("janus/two").get());
        assertTrue(ended.isEmpty(), "nothing processed twice: " + ended);
        assertTrue(Files.exists(dir.resolve("one-audio.mjr")));
    }

    /**
     * A file still being written (modified within readLockMinAge) is left alone while a finished one beside it
     * is read; once it is complete and old enough, it is read whole.
     */
    @Test
    void aGrowingFileIsLeftAloneUntilStable() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        byte[] whole = corpus("d-pcmu-audio.mjr");
        Path growing = dir.resolve("grow-audio.mjr");
        Files.write(growing, Arrays.copyOf(whole, whole.length / 2));
        Path done = dir.resolve("aaa-audio.mjr");
        Files.write(done, corpus("d-pcma-audio.mjr"));
        Files.setLastModifiedTime(done, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        route("file-mjr:" + dir + "?readLockMinAge=60000&initialDelay=0&delay=50", "log:x?level=OFF");
        assertEquals("janus/aaa", next().getIn().getHeader(MediaHeaders.STREAM));
        Exchange again = next1Poll();
        assertNull(again, "the growing file was not read");
        assertNull(started.get("janus/grow"));
        Files.write(growing, Arrays.copyOfRange(whole, whole.length / 2, whole.length), java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(growing, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Exchange g = next();
        assertEquals("janus/grow", g.getIn().getHeader(MediaHeaders.STREAM));
        assertEquals(1000L, g.getIn().getHeader(MjrConstants.FRAMES), "read whole");
        assertEquals("end of recording", g.getIn().getHeader(MediaHeaders.REASON));
    }

    /** Drops a sentinel file (old, complete) and waits for it: every poll in between also saw the growing file. */
    private Exchange next1Poll() throws Exception {
        Path s = tmp.resolve("in").resolve("sentinel-audio.mjr");
        Files.write(s, corpus("d-g722-audio.mjr"));
        Files.setLastModifiedTime(s, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Exchange e = next();
        assertEquals("janus/sentinel", e.getIn().getHeader(MediaHeaders.STREAM));
        return ended.poll();
    }

    @Test
    void singleFileAndOptions() throws Exception {
        Path f = tmp.resolve("solo.mjr");
        Files.write(f, corpus("d-pcmu-audio.mjr"));
        route("file-mjr:" + f + "?readLockMinAge=0&initialDelay=0&delay=50&streamPrefix=rec/&naming=_a.mjr,_v.mjr",
                "log:x?level=OFF");
        Exchange e = next();
        assertEquals("rec/solo", e.getIn().getHeader(MediaHeaders.STREAM));
        assertEquals(List.of("solo.mjr"), e.getIn().getHeader(MjrConstants.FILES));
        assertEquals("pcmu", e.getIn().getHeader(MjrConstants.AUDIO_CODEC));
        assertFalse(Files.exists(tmp.resolve("done")));
    }

    /**
     * replay=realtime: a 0.5 s cut of a recording is delivered no faster than recorded (frame k not before
     * first + k x 20 ms: the pacer's guarantee, a lower bound, so not timing-flaky).
     */
    @Test
    void realtimeReplayIsPaced() throws Exception {
        byte[] whole = corpus("d-pcmu-audio.mjr");
        List<Long> recs = records(whole);
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.write(dir.resolve("rt-audio.mjr"), Arrays.copyOf(whole, recs.get(26).intValue()));
        List<long[]> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(in(dir) + "&replay=realtime").process(e -> {
                    if ("FRAME".equals(e.getIn().getHeader(MediaHeaders.EVENT))) {
                        arrivals.add(new long[] {System.nanoTime(), e.getIn().getHeader(MediaHeaders.PTS, Long.class)});
                    } else if ("ENDED".equals(e.getIn().getHeader(MediaHeaders.EVENT))) {
                        ended.add(e.copy());
                    }
                });
            }
        });
        // a lower bound that cannot flake: the pacer starts after t0 and never delivers a frame before its due
        // time (its media time since the first frame); exact pacing is tested on a fake clock in MjrSessionTest
        long t0 = System.nanoTime();
        camel.start();
        next();
        assertEquals(26, arrivals.size());
        long firstPts = arrivals.get(0)[1];
        for (long[] a : arrivals) {
            long dueNanos = (a[1] - firstPts) * 1_000_000_000L / 8000;
            assertTrue(a[0] - t0 >= dueNanos, "frame at pts " + a[1] + " delivered " + (a[0] - t0) / 1e6 + " ms in, due "
                    + dueNanos / 1e6);
        }
    }
}
