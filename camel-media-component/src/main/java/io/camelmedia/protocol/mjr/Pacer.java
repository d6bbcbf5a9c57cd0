package io.camelmedia.protocol.mjr;

import java.util.function.LongSupplier;

/**
 * Decides when a replayed frame is delivered: {@link #await} is called with the frame's time on the
 * stream timeline (µs from the start) before the frame goes out, on the caller's thread. The Camel layer
 * picks the thread; nothing here starts one.
 */
@FunctionalInterface
public interface Pacer {
    /** Returns when the frame at {@code streamMicros} is due; may sleep. */
    void await(long streamMicros) throws InterruptedException;

    /** Conversion: every frame at once. */
    static Pacer asFastAsPossible() {
        return t -> { };
    }

    /** Real time on the system clock: the first frame goes at once, frame {@code t} at start + t. */
    static Pacer realTime() {
        return realTime(System::nanoTime, Pacer::sleepNanos);
    }

    /** Real time on a given clock (ns) and sleeper, for tests. */
    static Pacer realTime(LongSupplier nanoClock, Sleeper sleeper) {
        return new RealTimePacer(nanoClock, sleeper);
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }

    /** Sleeps for a number of nanoseconds. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    /** Anchors the stream's first frame at the clock's reading when it is awaited. */
    final class RealTimePacer implements Pacer {
        private final LongSupplier clock;
        private final Sleeper sleeper;
        private long startNanos;
        private long firstMicros = Long.MIN_VALUE;

        RealTimePacer(LongSupplier clock, Sleeper sleeper) {
            this.clock = clock;
            this.sleeper = sleeper;
        }

        @Override
        public void await(long streamMicros) throws InterruptedException {
            if (firstMicros == Long.MIN_VALUE) {
                firstMicros = streamMicros;
                startNanos = clock.getAsLong();
                return;
            }
            long due = startNanos + (streamMicros - firstMicros) * 1000;
            long wait = due - clock.getAsLong();
            if (wait > 0) {
                sleeper.sleep(wait);
            }
        }
    }
}
