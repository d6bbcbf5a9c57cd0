package io.camelmedia.protocol.hls;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of segments an origin holds, across all its streams, against a limit: every window is bounded,
 * and so is their sum (DESIGN.md: nothing grows without a bound). Streams shrink their windows while it is
 * exceeded; the origin refuses new streams when even the smallest windows do not fit.
 */
final class HlsMemoryBudget {
    private static final System.Logger LOG = System.getLogger(HlsMemoryBudget.class.getName());

    private final long max;
    private final AtomicLong used = new AtomicLong();
    private volatile boolean warned;

    HlsMemoryBudget(long max) {
        this.max = max;
    }

    void add(long bytes) {
        long now = used.addAndGet(bytes);
        if (now > max && !warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "HLS segments hold " + now / (1024 * 1024) + " MiB, over the origin's"
                    + " budget of " + max / (1024 * 1024) + " MiB: playlist windows shrink to " + HlsConfig.MIN_WINDOW
                    + " segments (raise maxMemory / the heap, or serve from a directory)");
        }
    }

    boolean exceeded() {
        return used.get() > max;
    }

    long used() {
        return used.get();
    }

    long max() {
        return max;
    }
}
