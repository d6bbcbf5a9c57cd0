package io.camelmedia.protocol.srt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A synthetic MPEG-TS byte stream whose payloads say where they belong: payload {@code n} is 7 TS packets (sync
 * byte, then {@code 7n + i}, then filler made of that number), so a receiver can tell order, gaps, duplicates and
 * corruption from the bytes alone.
 */
final class CounterStream {
    static final int TS = 188;
    static final int PER_PAYLOAD = 7;

    private CounterStream() {
    }

    static byte[] payload(int n) {
        byte[] b = new byte[TS * PER_PAYLOAD];
        for (int i = 0; i < PER_PAYLOAD; i++) {
            int counter = n * PER_PAYLOAD + i;
            int at = i * TS;
            b[at] = 0x47;
            for (int k = 1; k < TS; k++) {
                b[at + k] = (byte) (k < 5 ? counter >>> (8 * (4 - k)) : counter * 31 + k);
            }
        }
        return b;
    }

    /** The payload number {@code p} carries, or -1 when its bytes are not exactly what {@link #payload} made. */
    static int numberOf(ByteBuf p) {
        if (p.readableBytes() != TS * PER_PAYLOAD) {
            return -1;
        }
        int n = p.getInt(p.readerIndex() + 1) / PER_PAYLOAD;
        byte[] got = new byte[p.readableBytes()];
        p.getBytes(p.readerIndex(), got);
        return java.util.Arrays.equals(got, payload(n)) ? n : -1;
    }

    /** Sends payloads 0..count-1 on {@code c}, one every {@code periodMicros}, paced on the connection's loop. */
    static CompletableFuture<Void> send(SrtConnection c, int count, long periodMicros) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] next = {0};
        c.channel().eventLoop().scheduleAtFixedRate(() -> {
            if (next[0] < count && c.isOpen()) {
                c.send(Unpooled.wrappedBuffer(payload(next[0]++)));
            }
            if (next[0] >= count || !c.isOpen()) {
                done.complete(null);
                throw new IllegalStateException("done: stops the schedule");
            }
        }, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        return done;
    }

    /** A receiving handler that records each payload's number (-1 for a corrupt one) and how the connection ended. */
    static final class Sink implements SrtConnection.Handler {
        final List<Integer> numbers = new ArrayList<>();
        final CountDownLatch opened = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile SrtConnection connection;
        volatile String reason;
        volatile SrtConnectionStats finalStats;

        @Override
        public void opened(SrtConnection c) {
            connection = c;
            opened.countDown();
        }

        @Override
        public synchronized void payload(SrtConnection c, ByteBuf payload) {
            numbers.add(numberOf(payload));
        }

        @Override
        public void closed(SrtConnection c, String why) {
            reason = why;
            finalStats = c.stats();
            closed.countDown();
        }

        synchronized List<Integer> numbers() {
            return List.copyOf(numbers);
        }

        synchronized int count() {
            return numbers.size();
        }

        /** Waits until {@code n} payloads were delivered or dropped, or the connection ended, at most {@code seconds}. */
        void await(int n, long seconds) throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (closed.getCount() > 0 && System.nanoTime() < end && count() + stats().dropped() < n) {
                Thread.sleep(20);
            }
        }

        /** The connection's counters, read on its event loop (or as it closed). */
        SrtConnectionStats stats() throws Exception {
            SrtConnection c = connection;
            if (finalStats != null || c == null) {
                return finalStats;
            }
            return c.channel().eventLoop().submit(c::stats).get(5, TimeUnit.SECONDS);
        }
    }

    static SrtConnectionStats statsOf(SrtConnection c) throws Exception {
        return c.channel().eventLoop().submit(c::stats).get(5, TimeUnit.SECONDS);
    }

    static List<Integer> range(int count) {
        List<Integer> l = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            l.add(i);
        }
        return l;
    }
}
