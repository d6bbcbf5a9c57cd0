package io.camelmedia.protocol.rtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test-side UDP receiver on a free loopback port: a plain {@link DatagramSocket} and one thread that keeps
 * every datagram (at most {@link #MAX_DATAGRAMS}). {@link #drain()} reads until the socket has been quiet for
 * a moment — call it after the sender exited, when everything it sent is already in the socket buffer.
 */
final class UdpCapture implements AutoCloseable {
    static final int MAX_DATAGRAMS = 200_000;
    private static final int QUIET_MILLIS = 300;

    private final DatagramSocket socket;
    private final List<byte[]> datagrams = new ArrayList<>();
    private final Thread reader;
    private volatile boolean stopping;
    private IOException failure;

    UdpCapture() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(8 * 1024 * 1024);
        socket.setSoTimeout(QUIET_MILLIS);
        reader = new Thread(this::run, "udp-capture-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void run() {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (true) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
                synchronized (datagrams) {
                    if (datagrams.size() < MAX_DATAGRAMS) {
                        datagrams.add(Arrays.copyOfRange(buf, p.getOffset(), p.getOffset() + p.getLength()));
                    }
                }
            } catch (SocketTimeoutException e) {
                if (stopping) {
                    return;
                }
            } catch (IOException e) {
                if (!stopping) {
                    failure = e;
                }
                return;
            }
        }
    }

    /** Waits until the socket was quiet for a moment after this call, then returns every datagram received. */
    List<byte[]> drain() throws IOException, InterruptedException {
        stopping = true;
        reader.join();
        if (failure != null) {
            throw failure;
        }
        synchronized (datagrams) {
            return new ArrayList<>(datagrams);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        socket.close();
        reader.join();
    }
}
