package io.camelmedia.protocol.rtmp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;

/** A thread-safe listener for server tests: per path, its StreamInfo, frame counts and end reason. */
final class StreamRecorder implements MediaListener {

    static final class Stream {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicInteger videoFrames = new AtomicInteger();
        final AtomicInteger audioFrames = new AtomicInteger();
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger ends = new AtomicInteger();
        volatile StreamInfo info;
        volatile String endReason;
        volatile boolean frameAfterEnd;

        boolean awaitStarted(long seconds) throws InterruptedException {
            return started.await(seconds, TimeUnit.SECONDS);
        }

        boolean awaitEnded(long seconds) throws InterruptedException {
            return ended.await(seconds, TimeUnit.SECONDS);
        }

        int frames() {
            return videoFrames.get() + audioFrames.get();
        }
    }

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();

    Stream stream(String path) {
        return streams.computeIfAbsent(path, p -> new Stream());
    }

    Map<String, Stream> all() {
        return streams;
    }

    @Override
    public void started(StreamInfo info) {
        Stream s = stream(info.path());
        s.info = info;
        s.starts.incrementAndGet();
        s.started.countDown();
    }

    @Override
    public void frame(String path, MediaFrame frame) {
        Stream s = stream(path);
        if (s.ended.getCount() == 0) {
            s.frameAfterEnd = true;
        }
        if (frame.track().mediaType() == MediaType.VIDEO) {
            s.videoFrames.incrementAndGet();
        } else {
            s.audioFrames.incrementAndGet();
        }
    }

    @Override
    public void ended(String path, String reason) {
        Stream s = stream(path);
        s.endReason = reason;
        s.ends.incrementAndGet();
        s.ended.countDown();
    }
}
