package io.camelmedia.hub;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;

/**
 * What one published stream has carried, counted as its frames pass the fan-out (under the publisher's lock: no
 * atomics on the frame path). Rates are those of the last complete {@value #WINDOW_MS} ms window, so a scrape
 * sees a steady figure rather than one frame's jitter. The snapshot is what {@code /v1/streams} and the metrics
 * read.
 */
public final class StreamStats {
    static final long WINDOW_MS = 2000;

    private final long startedAtMillis = System.currentTimeMillis();
    private long frames;
    private long bytes;
    private long videoFrames;
    private long audioFrames;
    private long keyframes;
    private long lastKeyPts = Long.MIN_VALUE;
    private long keyframeIntervalMs;
    private long windowStartNanos = System.nanoTime();
    private long windowBytes;
    private long windowVideoFrames;
    private long windowAudioFrames;
    private long bitrate;
    private double fps;
    private double audioFps;
    private long restarts;

    void frame(MediaFrame f) {
        frames++;
        bytes += f.payloadLength();
        windowBytes += f.payloadLength();
        if (f.track().mediaType() == MediaType.VIDEO) {
            videoFrames++;
            windowVideoFrames++;
            if (f.keyframe()) {
                keyframes++;
                if (lastKeyPts != Long.MIN_VALUE && f.pts() > lastKeyPts && f.track().clockRate() > 0) {
                    keyframeIntervalMs = (f.pts() - lastKeyPts) * 1000 / f.track().clockRate();
                }
                lastKeyPts = f.pts();
            }
        } else if (f.track().mediaType() == MediaType.AUDIO) {
            audioFrames++;
            windowAudioFrames++;
        }
        long now = System.nanoTime();
        long elapsed = now - windowStartNanos;
        if (elapsed >= WINDOW_MS * 1_000_000L) {
            double seconds = elapsed / 1e9;
            bitrate = (long) (windowBytes * 8 / seconds);
            fps = windowVideoFrames / seconds;
            audioFps = windowAudioFrames / seconds;
            windowStartNanos = now;
            windowBytes = 0;
            windowVideoFrames = 0;
            windowAudioFrames = 0;
        }
    }

    void restarted() {
        restarts++;
        lastKeyPts = Long.MIN_VALUE;
    }

    Snapshot snapshot(String path, StreamInfo info, String source, int readers, long framesOut, long skippedOut,
                      long droppedReaders) {
        return new Snapshot(path, info, source, startedAtMillis, frames, bytes, videoFrames, audioFrames, keyframes,
                keyframeIntervalMs, bitrate, fps, audioFps, restarts, readers, framesOut, skippedOut, droppedReaders);
    }

    /**
     * One stream's figures at one moment.
     *
     * @param info               the tracks; null before STARTED or after ENDED
     * @param source             who publishes (the ingest's protocol, e.g. {@code rtmp}), null if not told
     * @param startedAtMillis    wall clock of the first STARTED of this publisher
     * @param keyframeIntervalMs media time between the last two video key frames; 0 before two
     * @param bitrate            bits per second of payload over the last window; 0 before a window completed
     * @param fps                video frames per second over the last window
     * @param audioFps           audio frames per second over the last window
     * @param restarts           STARTED events after the first (a publisher reconnecting, new codec parameters)
     * @param framesOut          frames handed to readers, including readers that have left
     * @param skippedOut         frames readers never got because they overflowed and skipped
     * @param droppedReaders     readers dropped as too slow
     */
    public record Snapshot(String path, StreamInfo info, String source, long startedAtMillis, long frames, long bytes,
                           long videoFrames, long audioFrames, long keyframes, long keyframeIntervalMs, long bitrate,
                           double fps, double audioFps, long restarts, int readers, long framesOut, long skippedOut,
                           long droppedReaders) {
        public long uptimeMillis() {
            return Math.max(0, System.currentTimeMillis() - startedAtMillis);
        }
    }
}
