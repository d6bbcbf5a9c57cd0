package io.camelmedia.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import org.junit.jupiter.api.Test;

/** The one registry (atomic, authorized claims) and the fan-out (GOP start, bounded readers, slow-reader policy). */
class StreamHubTest {
    private static final Track VIDEO = Track.builder(1, Codec.VP8).width(320).height(240).build();
    private static final Track AUDIO = Track.builder(2, Codec.OPUS).sampleRate(48000).channels(2).build();
    private static final StreamInfo INFO = new StreamInfo("live/a", List.of(VIDEO, AUDIO), Map.of());

    private static MediaFrame video(int i, boolean key) {
        return MediaFrame.of(VIDEO, i * 3000L, i * 3000L, key, BitstreamFormat.RAW, new byte[1000]);
    }

    /** Collects what a reader gets. */
    static final class Sink implements ReaderListener {
        final List<Object> got = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void started(StreamInfo info) {
            got.add(info);
        }

        @Override
        public void frame(MediaFrame f) {
            got.add(f);
        }

        @Override
        public void ended(String reason) {
            got.add(reason);
            ended.countDown();
        }

        List<MediaFrame> frames() {
            return got.stream().filter(MediaFrame.class::isInstance).map(MediaFrame.class::cast).toList();
        }
    }

    @Test
    void claimsAreAtomicAndBounded() throws Exception {
        StreamHub hub = new StreamHub(10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger ok = new AtomicInteger();
        for (int i = 0; i < 400; i++) {
            int n = i;
            pool.execute(() -> {
                if (hub.claimAuthorized("live/" + (n % 40), new Object()).status() == StreamHub.Status.OK) {
                    ok.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(10, ok.get(), "exactly maxStreams claims succeed, never more");
        assertEquals(10, hub.size());
        Object owner = new Object();
        StreamHub fresh = new StreamHub();
        StreamHub.Publisher p = fresh.claimAuthorized("x", owner).publisher();
        assertEquals(StreamHub.Status.ALREADY_PUBLISHING, fresh.claimAuthorized("x", new Object()).status());
        assertSame(p, fresh.claimAuthorized("x", owner).publisher());
        p.release();
        assertEquals(StreamHub.Status.OK, fresh.claimAuthorized("x", new Object()).status());
        p.release();   // a stale publisher cannot free the newer claim
        assertTrue(fresh.livePaths().contains("x"));
    }

    @Test
    void aReaderStartsAtTheCachedKeyFrameThenGetsLiveFramesAndTheEnd() throws Exception {
        StreamHub hub = new StreamHub();
        StreamHub.Publisher p = hub.claimAuthorized("live/a", new Object()).publisher();
        p.started(INFO);
        for (int i = 0; i < 10; i++) {
            p.frame(video(i, i == 0 || i == 5));
        }
        Sink s = new Sink();
        StreamHub.Reader r = hub.subscribe("live/a", ReaderConfig.defaults(), s, Runnable::run).reader();
        p.frame(video(10, false));
        p.ended("publisher left");
        assertTrue(s.ended.await(2, TimeUnit.SECONDS));
        assertSame(INFO, s.got.get(0));
        List<MediaFrame> frames = s.frames();
        assertTrue(frames.get(0).keyframe());
        assertEquals(5 * 3000L, frames.get(0).pts(), "the last GOP, from its key frame");
        assertEquals(6, frames.size());
        assertEquals("publisher left", s.got.get(s.got.size() - 1));
        assertEquals(6, r.delivered());
    }

    @Test
    void aSlowReaderSkipsToKeyFramesThenIsDroppedWhileAFastOneGetsEverything() throws Exception {
        StreamHub hub = new StreamHub();
        StreamHub.Publisher p = hub.claimAuthorized("live/a", new Object()).publisher();
        p.started(INFO);
        ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
        Sink slow = new Sink();
        Sink fast = new Sink();
        StreamHub.Reader sr = hub.subscribe("live/a", new ReaderConfig(20, 1 << 20, 2), slow, held::add).reader();
        hub.subscribe("live/a", ReaderConfig.defaults(), fast, Runnable::run);
        List<MediaFrame> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            MediaFrame f = video(i, i % 30 == 0);
            sent.add(f);
            p.frame(f);   // never waits for the held reader
        }
        assertEquals(200, fast.frames().size());
        assertTrue(sr.skips() >= 3, "overflowed " + sr.skips() + " times");
        Runnable task;
        while ((task = held.poll()) != null) {
            task.run();
        }
        assertTrue(slow.got.get(slow.got.size() - 1).toString().startsWith("reader too slow"), slow.got.toString());
        assertEquals(1, p.readers(), "the slow reader is gone, the fast one stays");
        assertNull(hub.subscribe("live/none", ReaderConfig.defaults(), new Sink(), Runnable::run).reader());
    }
}
