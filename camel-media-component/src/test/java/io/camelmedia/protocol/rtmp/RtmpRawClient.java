package io.camelmedia.protocol.rtmp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

/** A blocking socket client for hostile-input tests: raw bytes, a real handshake, and "did the server close?". */
final class RtmpRawClient implements AutoCloseable {
    private final Socket socket;
    private final RtmpTestPeer peer = new RtmpTestPeer();

    RtmpRawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(200);
    }

    RtmpRawClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    RtmpRawClient send(RtmpMessage... messages) throws IOException {
        return send(peer.encode(messages));
    }

    /** C0+C1, read S0+S1+S2, C2. */
    RtmpRawClient handshake() throws IOException {
        ByteBuf hello = RtmpHandshake.clientHello(UnpooledByteBufAllocator.DEFAULT, 3);
        send(ByteBufUtil.getBytes(hello));
        hello.release();
        socket.setSoTimeout(5000);
        byte[] s = socket.getInputStream().readNBytes(1 + 2 * RtmpHandshake.PACKET_SIZE);
        if (s.length != 1 + 2 * RtmpHandshake.PACKET_SIZE) {
            throw new IOException("short S0/S1/S2: " + s.length);
        }
        socket.setSoTimeout(200);
        return send(new byte[RtmpHandshake.PACKET_SIZE]);
    }

    /** True when the server closes the connection (EOF or reset) within {@code millis}. */
    boolean closedByServerWithin(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        while (System.currentTimeMillis() < deadline) {
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // keep waiting
            } catch (IOException e) {
                return true; // connection reset
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        peer.close();
        socket.close();
    }
}
