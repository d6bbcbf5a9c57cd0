package io.camelmedia.process.record;

import java.util.concurrent.atomic.LongAdder;

/**
 * Totals of the live recordings of one endpoint (all its streams, ended ones included), for metrics. Thread-safe.
 */
public final class LiveRecordCounters {
    private final LongAdder droppedParts = new LongAdder();
    private final LongAdder finishedFiles = new LongAdder();

    /** Parts left out because a recording's write queue was full (the disk was behind). */
    public long droppedParts() {
        return droppedParts.sum();
    }

    /** Files finished (renamed from {@code .part} and announced); recovered files are not counted. */
    public long finishedFiles() {
        return finishedFiles.sum();
    }

    void partDropped() {
        droppedParts.increment();
    }

    void fileFinished() {
        finishedFiles.increment();
    }
}
