package io.camelmedia.camel.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.StreamStats;
import io.camelmedia.testing.RecordingMediaListener;
import io.camelmedia.testing.SampleFrames;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes publishing into live: and routes reading one stream of it, with real frames from an ffmpeg FLV. */
class LiveComponentTest {
    @TempDir
    Path dir;
    private CamelContext camel;
    private final List<Exchange> read = new CopyOnWriteArrayList<>();
    private final List<Exchange> audioOnly = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("live:streams");
                from("live:streams?path=live/test").process(read::add);
                from("live:streams?path=live/test&mediaTypes=audio").process(audioOnly::add);
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void readersGetTheStreamFromAKeyFrameWithTheirTracksAndTheStatsCountIt() throws Exception {
        RecordingMediaListener src = SampleFrames.read(SampleFrames.writeH264Aac(dir.resolve("in.flv"), 3));
        publish(src, "live/test");
        await(() -> ended(read) && ended(audioOnly));

        List<MediaFrame> frames = frames(read);
        assertEquals(fromFirstKeyframe(src), frames, "every frame from the first video key frame on (the hub starts readers there)");
        assertTrue(frames.stream().filter(f -> f.track().mediaType() == MediaType.VIDEO).findFirst().orElseThrow().keyframe());
        assertEquals("STARTED", read.get(0).getIn().getHeader(MediaHeaders.EVENT, String.class));
        StreamInfo info = read.get(0).getIn().getBody(StreamInfo.class);
        assertEquals(2, info.tracks().size());

        StreamInfo audioInfo = audioOnly.get(0).getIn().getBody(StreamInfo.class);
        assertEquals(List.of(MediaType.AUDIO), audioInfo.tracks().stream().map(t -> t.mediaType()).toList());
        long audioFrames = fromFirstKeyframe(src).stream().filter(f -> f.track().mediaType() == MediaType.AUDIO).count();
        assertEquals(audioFrames, frames(audioOnly).size());
        assertTrue(frames(audioOnly).stream().allMatch(f -> f.track().mediaType() == MediaType.AUDIO));
    }

    @Test
    void aReaderStartedBeforeTheStreamJoinsWhenItStartsAndAgainAfterARestart() throws Exception {
        RecordingMediaListener src = SampleFrames.read(SampleFrames.writeH264Aac(dir.resolve("in.flv"), 2));
        publish(src, "live/test");
        await(() -> ended(read));
        int first = read.size();
        publish(src, "live/test");
        await(() -> { List<Exchange> now = List.copyOf(read); return now.size() > first && ended(now.subList(first, now.size())); });
        assertEquals(2, read.stream().filter(e -> "STARTED".equals(e.getIn().getHeader(MediaHeaders.EVENT))).count());
        assertEquals(2 * fromFirstKeyframe(src).size(), frames(read).size());
    }

    @Test
    void statsCountWhatPassedAndTheSource() throws Exception {
        RecordingMediaListener src = SampleFrames.read(SampleFrames.writeH264Aac(dir.resolve("in.flv"), 2));
        ProducerTemplate t = camel.createProducerTemplate();
        Exchange started = t.send("direct:in", e -> MediaExchanges.started(e, src.info()));
        // the two reading routes subscribe on a reader thread once told the stream started
        await(() -> LiveComponent.fanOut(camel, "streams").stats("live/test").orElseThrow().readers() == 2);
        for (MediaFrame f : src.frames()) {
            t.send("direct:in", e -> MediaExchanges.frame(e, "live/test", f));
        }
        StreamStats.Snapshot s = LiveComponent.fanOut(camel, "streams").stats("live/test").orElseThrow();
        assertEquals(src.frames().size(), s.frames());
        assertEquals(src.frames().stream().mapToLong(MediaFrame::payloadLength).sum(), s.bytes());
        assertEquals(src.frames().stream().filter(f -> f.track().mediaType() == MediaType.VIDEO && f.keyframe()).count(),
                s.keyframes());
        assertEquals(1000, s.keyframeIntervalMs(), "a 1 s GOP");
        assertEquals("direct", s.source());
        assertEquals(2, s.readers());
        assertTrue(started.getException() == null);
        t.send("direct:in", e -> MediaExchanges.ended(e, "live/test", "done", src.info()));
        assertTrue(LiveComponent.fanOut(camel, "streams").stats("live/test").isEmpty(), "an ended stream leaves the set");
    }

    private void publish(RecordingMediaListener src, String path) throws InterruptedException {
        ProducerTemplate t = camel.createProducerTemplate();
        t.send("direct:in", e -> MediaExchanges.started(e, src.info()));
        // the reading routes subscribe on a reader thread once told the stream started: let them before the frames
        // (a real publisher is real-time; this one sends the whole file at once)
        await(() -> LiveComponent.fanOut(camel, "streams").stats(path).map(st -> st.readers() == 2).orElse(false));
        for (MediaFrame f : src.frames()) {
            t.send("direct:in", e -> MediaExchanges.frame(e, path, f));
        }
        t.send("direct:in", e -> MediaExchanges.ended(e, path, "done", src.info()));
    }

    private static List<MediaFrame> fromFirstKeyframe(RecordingMediaListener src) {
        List<MediaFrame> all = src.frames();
        int first = 0;
        while (!(all.get(first).keyframe() && all.get(first).track().mediaType() == MediaType.VIDEO)) {
            first++;
        }
        return all.subList(first, all.size());
    }

    private static boolean ended(List<Exchange> events) {
        return !events.isEmpty() && "ENDED".equals(events.get(events.size() - 1).getIn().getHeader(MediaHeaders.EVENT, String.class));
    }

    private static List<MediaFrame> frames(List<Exchange> events) {
        return events.stream().filter(e -> "FRAME".equals(e.getIn().getHeader(MediaHeaders.EVENT, String.class)))
                .map(e -> e.getIn().getBody(MediaFrame.class)).toList();
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in 20 s");
            }
            Thread.sleep(20);
        }
    }
}
