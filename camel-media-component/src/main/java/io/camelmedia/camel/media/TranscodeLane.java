package io.camelmedia.camel.media;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One stream's work on the endpoint's shared pool, run in order and one task at a time, with at most {@code bound}
 * tasks waiting: a stream whose transcoder is behind real time is refused more work instead of growing a queue.
 */
final class TranscodeLane {
    private final Executor pool;
    private final int bound;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    TranscodeLane(Executor pool, int bound) {
        this.pool = pool;
        this.bound = bound;
    }

    /** Queues {@code task}; false (and nothing queued) when {@code bound} tasks already wait, unless {@code always}. */
    synchronized boolean offer(Runnable task, boolean always) {
        if (!always && tasks.size() >= bound) {
            return false;
        }
        tasks.add(task);
        if (!running) {
            running = true;
            pool.execute(this::drain);
        }
        return true;
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            next.run();
        }
    }
}
