package io.camelmedia.camel.webrtc;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback UDP relay between WebRTC clients and the server that drops and reorders datagrams with fixed,
 * seeded probabilities, in both directions. Each client address gets its own socket toward the server, so the
 * server sees one remote per client. Bounded: at most 16 clients; closes its sockets on {@link #close()}.
 */
final class UdpImpairmentRelay implements AutoCloseable {
    private static final int MAX_CLIENTS = 16;
    private final DatagramSocket front;
    private final InetSocketAddress server;
    private final double drop;
    private final double reorder;
    private final Random random = new Random(20260);
    private final Map<SocketAddress, DatagramSocket> back = new ConcurrentHashMap<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private volatile boolean closed;

    UdpImpairmentRelay(int serverPort, double drop, double reorder) throws IOException {
        this.front = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        this.drop = drop;
        this.reorder = reorder;
        Thread t = new Thread(this::clientSide, "relay-front");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return front.getLocalPort();
    }

    long forwarded() {
        return forwarded.get();
    }

    long dropped() {
        return dropped.get();
    }

    long reordered() {
        return reordered.get();
    }

    private void clientSide() {
        byte[] buf = new byte[65_535];
        Held held = new Held();
        while (!closed) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                front.receive(p);
                SocketAddress client = p.getSocketAddress();
                DatagramSocket b = back.computeIfAbsent(client, this::open);
                if (b != null) {
                    impair(b, java.util.Arrays.copyOf(p.getData(), p.getLength()), server, held);
                }
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
            }
        }
    }

    private DatagramSocket open(SocketAddress client) {
        if (back.size() >= MAX_CLIENTS) {
            return null;
        }
        try {
            DatagramSocket b = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> serverSide(b, client), "relay-back");
            t.setDaemon(true);
            t.start();
            return b;
        } catch (IOException e) {
            return null;
        }
    }

    private void serverSide(DatagramSocket b, SocketAddress client) {
        byte[] buf = new byte[65_535];
        Held held = new Held();
        while (!closed) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                b.receive(p);
                impair(front, java.util.Arrays.copyOf(p.getData(), p.getLength()), client, held);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** One datagram, held back for reordering: sent after the next one. */
    private static final class Held {
        byte[] data;
        SocketAddress to;
    }

    private void impair(DatagramSocket out, byte[] data, SocketAddress to, Held held) throws IOException {
        double r;
        synchronized (random) {
            r = random.nextDouble();
        }
        if (r < drop) {
            dropped.incrementAndGet();
            return;
        }
        if (r < drop + reorder && held.data == null) {
            held.data = data;
            held.to = to;
            reordered.incrementAndGet();
            return;
        }
        out.send(new DatagramPacket(data, data.length, to));
        forwarded.incrementAndGet();
        if (held.data != null) {
            out.send(new DatagramPacket(held.data, held.data.length, held.to));
            held.data = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        back.values().forEach(DatagramSocket::close);
    }
}
