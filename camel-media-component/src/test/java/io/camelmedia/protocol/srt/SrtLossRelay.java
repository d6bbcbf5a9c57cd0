package io.camelmedia.protocol.srt;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bad network between one caller and one listener, on loopback: every datagram, either way, data and control
 * alike, is lost with probability {@link #loss}, held back and sent after the next one with probability
 * {@code reorder}, and delayed by a random 0 to {@code maxJitterMs} ms. The caller connects to {@link #port()};
 * the first address that sends there is the caller. Seeded, so a run's decisions repeat (their timing does not).
 */
final class SrtLossRelay implements AutoCloseable {
    /** One direction: its own randomness, its held-back packet and its counters. */
    private final class Direction {
        final Random random;
        final AtomicLong forwarded = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong reordered = new AtomicLong();
        private byte[] held;

        Direction(long seed) {
            random = new Random(seed);
        }

        /** Called by this direction's reader thread only. */
        void pass(byte[] data, DatagramSocket out, InetSocketAddress to) {
            if (random.nextDouble() < loss) {
                lost.incrementAndGet();
                return;
            }
            if (held == null && random.nextDouble() < reorder) {
                held = data;
                reordered.incrementAndGet();
                return;
            }
            schedule(data, out, to);
            if (held != null) {
                schedule(held, out, to);
                held = null;
            }
        }

        private void schedule(byte[] data, DatagramSocket out, InetSocketAddress to) {
            long delayUs = maxJitterMs == 0 ? 0 : random.nextLong(maxJitterMs * 1000L + 1);
            timer.schedule(() -> {
                try {
                    out.send(new DatagramPacket(data, data.length, to));
                    forwarded.incrementAndGet();
                } catch (IOException e) {
                    // closed
                }
            }, delayUs, TimeUnit.MICROSECONDS);
        }
    }

    volatile double loss;
    private final double reorder;
    private final int maxJitterMs;
    private final InetSocketAddress target;
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "srt-relay-timer");
        t.setDaemon(true);
        return t;
    });
    final Direction toListener;
    final Direction toCaller;
    private volatile InetSocketAddress caller;
    private volatile boolean closed;

    SrtLossRelay(int targetPort, double loss, double reorder, int maxJitterMs, long seed) throws SocketException {
        this.loss = loss;
        this.reorder = reorder;
        this.maxJitterMs = maxJitterMs;
        InetAddress lo = InetAddress.getLoopbackAddress();
        this.target = new InetSocketAddress(lo, targetPort);
        this.front = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.back = new DatagramSocket(new InetSocketAddress(lo, 0));
        for (DatagramSocket s : new DatagramSocket[] {front, back}) {
            s.setReceiveBufferSize(4 << 20);
            s.setSendBufferSize(4 << 20);
        }
        this.toListener = new Direction(seed);
        this.toCaller = new Direction(seed * 31 + 7);
        reader("srt-relay-in", front, true).start();
        reader("srt-relay-out", back, false).start();
    }

    int port() {
        return front.getLocalPort();
    }

    private Thread reader(String name, DatagramSocket in, boolean fromCaller) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (!closed) {
                try {
                    p.setLength(buf.length);
                    in.receive(p);
                } catch (IOException e) {
                    return;
                }
                byte[] data = java.util.Arrays.copyOf(buf, p.getLength());
                if (fromCaller) {
                    if (caller == null) {
                        caller = (InetSocketAddress) p.getSocketAddress();
                    }
                    toListener.pass(data, back, target);
                } else if (caller != null) {
                    toCaller.pass(data, front, caller);
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String toString() {
        return "relay: to listener " + toListener.forwarded + " forwarded, " + toListener.lost + " lost, "
                + toListener.reordered + " reordered; to caller " + toCaller.forwarded + " forwarded, " + toCaller.lost
                + " lost, " + toCaller.reordered + " reordered";
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        back.close();
        timer.shutdownNow();
    }
}
