package io.camelmedia.camel.media;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.process.transcode.AudioTranscoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's audio transcode in {@code media:transcode}: the transcoder runs on the stream's {@link TranscodeLane};
 * the packets it made wait in {@code ready} (bounded) until the stream's next audio exchange takes one. The first error
 * closes the transcoder for good (logged once): that stream's audio is dropped from then on, its video goes on.
 */
final class StreamTranscode {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTranscode.class);
    /** Ready packets kept: an input longer than an output frame makes two at times; more than this is a surplus dropped. */
    static final int MAX_READY = 8;

    private final String path;
    private final TranscodeLane lane;
    private final AudioTranscoder transcoder;
    private final AtomicLong dropped;
    private final ArrayDeque<MediaFrame> ready = new ArrayDeque<>();
    private volatile boolean failed;

    StreamTranscode(String path, TranscodeLane lane, AudioTranscoder transcoder, AtomicLong dropped) {
        this.path = path;
        this.lane = lane;
        this.transcoder = transcoder;
        this.dropped = dropped;
    }

    Track input() {
        return transcoder.inputTrack();
    }

    Track output() {
        return transcoder.outputTrack();
    }

    /** Hands {@code frame} to the pool; counts it as dropped when the lane is full or the transcode has failed. */
    void submit(MediaFrame frame) {
        if (failed || !lane.offer(() -> run(frame), false)) {
            dropped.incrementAndGet();
        }
    }

    /** A packet made from earlier frames, or null. Never waits for the encoder. */
    synchronized MediaFrame take() {
        return ready.poll();
    }

    /** Closes the transcoder after the frames already queued (its last packets are not emitted: the stream ended). */
    void end() {
        lane.offer(transcoder::close, true);
    }

    private void run(MediaFrame frame) {
        if (failed) {
            dropped.incrementAndGet();
            return;
        }
        try {
            List<MediaFrame> out = transcoder.transcode(frame);
            synchronized (this) {
                for (MediaFrame f : out) {
                    if (ready.size() >= MAX_READY) {
                        ready.poll();
                        dropped.incrementAndGet();
                    }
                    ready.add(f);
                }
            }
        } catch (RuntimeException e) {
            failed = true;
            transcoder.close();
            LOG.warn("media:transcode {}: {} -> {} stopped, its audio is dropped from now on: {}", path,
                    input().codec(), output().codec(), e.getMessage());
        }
    }
}
