package io.camelmedia.hub;

/**
 * Bounds of one reader's queue in the fan-out.
 *
 * @param maxQueuedFrames frames waiting for the reader before it overflows (512: ~8 s of 30 fps video + audio)
 * @param maxQueuedBytes  bytes waiting before it overflows (16 MiB: ~50 s of 2.5 Mb/s)
 * @param maxSkips        overflows in a row (without catching up in between) before the reader is dropped
 */
public record ReaderConfig(int maxQueuedFrames, long maxQueuedBytes, int maxSkips) {
    public ReaderConfig {
        if (maxQueuedFrames <= 0 || maxQueuedBytes <= 0 || maxSkips < 0) {
            throw new IllegalArgumentException("reader bounds must be positive: " + maxQueuedFrames + " frames, "
                    + maxQueuedBytes + " bytes, " + maxSkips + " skips");
        }
    }

    public static ReaderConfig defaults() {
        return new ReaderConfig(512, 16L * 1024 * 1024, 3);
    }
}
