package io.camelmedia.protocol.srt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener facing what the Internet sends: garbage, handshake floods from many ports, stream ids it refuses, more
 * callers than it takes, and a peer that goes silent. Every datagram is counted as something, none creates state
 * without a valid cookie, and a real publish at the same time is not disturbed.
 */
class SrtListenerBadInputTest {
    static EventLoopGroup group;
    @TempDir
    static Path dir;
    static final InetAddress LO = InetAddress.getLoopbackAddress();

    @BeforeAll
    static void setUp() {
        group = SrtTransport.newGroup(2, "srt-bad");
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    static byte[] handshake(int type, int version, int cookie, int socketId, List<SrtHandshake.Extension> exts) {
        SrtHandshake hs = new SrtHandshake(version, 0, version == 4 ? SrtHandshake.UDT_DGRAM : SrtHandshake.HS_EXT_HSREQ,
                1234, 1500, 8192, type, socketId, cookie, null, exts);
        ByteBuf b = Unpooled.buffer();
        b.writeInt(0x8000_0000).writeInt(0).writeInt(0).writeInt(0);
        hs.encode(b);
        return ByteBufUtil.getBytes(b);
    }

    static List<SrtHandshake.Extension> hsreq() {
        return List.of(new SrtHandshake.Extension(SrtHandshake.EXT_HSREQ,
                new SrtHandshake.SrtOptions(SrtHandshake.SRT_VERSION, 0x3F, 120, 120).encode()));
    }

    static void send(DatagramSocket s, byte[] b, int port) throws Exception {
        s.send(new DatagramPacket(b, b.length, LO, port));
    }

    /** Waits until {@code value} reaches {@code expected} (the listener's loop catches up), then returns it. */
    static long settle(LongSupplier value, long expected) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (value.getAsLong() < expected && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return value.getAsLong();
    }

    /** Random garbage of every kind; returns how many datagrams it sent. */
    static int garbage(int port, Random rnd, int rounds) throws Exception {
        int sent = 0;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            for (int r = 0; r < rounds; r++) {
                byte[] random = new byte[rnd.nextInt(1, 1500)];
                rnd.nextBytes(random);
                byte[] truncated = new byte[rnd.nextInt(1, SrtPacket.HEADER)];
                rnd.nextBytes(truncated);
                // control packets of types that do not exist, to socket 0 and to a socket that does not exist
                ByteBuf bogus = Unpooled.buffer().writeInt(0x8000_0000 | (rnd.nextInt(9, 0x7FFF) << 16)).writeInt(0)
                        .writeInt(0).writeInt(r % 2 == 0 ? 0 : rnd.nextInt(1, Integer.MAX_VALUE)).writeInt(rnd.nextInt());
                // a handshake to socket 0 whose CIF is cut short
                byte[] shortHs = java.util.Arrays.copyOf(handshake(SrtHandshake.INDUCTION, 4, 0, 7, List.of()),
                        SrtPacket.HEADER + rnd.nextInt(0, 48));
                // a handshake whose extension overruns the packet
                byte[] overrun = handshake(SrtHandshake.CONCLUSION, 5, 0, 7, hsreq());
                overrun[SrtPacket.HEADER + 48 + 3] = 100;
                // a data packet to a socket that does not exist
                byte[] data = new byte[SrtPacket.HEADER + 188];
                rnd.nextBytes(data);
                data[0] &= 0x7F;
                for (byte[] b : new byte[][] {random, truncated, ByteBufUtil.getBytes(bogus), shortHs, overrun, data}) {
                    send(s, b, port);
                    sent++;
                }
                if (r % 20 == 0) {
                    Thread.sleep(1);
                }
            }
        }
        return sent;
    }

    /** What the listener made of what was not a good handshake or a known connection's packet. */
    static long refused(SrtListener l) {
        return l.garbage.get() + l.unknownSocket.get() + l.badCookies.get() + l.rejected.get();
    }

    @Test
    void garbageIsCountedAndAPublishAtTheSameTimeWorks() throws Exception {
        Path source = SrtFfmpegTest.makeSource(dir.resolve("source.ts"), 3);
        SrtFfmpegTest.Collect got = new SrtFfmpegTest.Collect();
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, SrtSettings.defaults(), 4, (sid, peer) ->
                SrtAcceptor.Decision.accept(got), group)) {
            listener.start();
            Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("pub.log"), "-re", "-i", source.toString(), "-c", "copy",
                    "-f", "mpegts", "srt://127.0.0.1:" + listener.port() + "?streamid=publish:live/cam");
            int sent = garbage(listener.port(), new Random(11), 500);
            assertEquals(0, ff.await(30), ff.logTail());
            assertTrue(got.closed.await(10, TimeUnit.SECONDS));
            // every datagram is counted as one thing or another: none made the handler throw (ffmpeg's last
            // packets may come after its connection is gone, as unknown socket)
            long refused = settle(() -> refused(listener), sent);
            assertTrue(refused >= sent && refused <= sent + 3, sent + " sent; garbage " + listener.garbage
                    + ", unknown socket " + listener.unknownSocket + ", bad cookies " + listener.badCookies);
            assertTrue(listener.inductions.get() >= 1, "ffmpeg's induction");
            // the truncated, the short handshakes, the overruns; the data and half the bogus control to unknown sockets
            assertTrue(listener.garbage.get() >= 3 * 500L, listener.garbage.toString());
            assertTrue(listener.unknownSocket.get() >= 500 + 250, listener.unknownSocket.toString());
            assertEquals(1, listener.accepted.get());
            assertEquals(0, listener.connectionCount());
        }
        assertEquals("peer shut down", got.reason);
        Path received = dir.resolve("received.ts");
        Files.write(received, got.bytes.toByteArray());
        SrtFfmpegTest.assertSamePackets(FrameMd5.ofPackets(source), FrameMd5.ofPackets(received));
    }

    @Test
    void aHandshakeFloodFromManyPortsCreatesNoState() throws Exception {
        int sockets = 200;
        int each = 10;
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, SrtSettings.defaults(), 4, (sid, peer) ->
                SrtAcceptor.Decision.accept(new CounterStream.Sink()), group)) {
            listener.start();
            Random rnd = new Random(3);
            List<DatagramSocket> from = new ArrayList<>();
            try {
                for (int i = 0; i < sockets; i++) {
                    DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0));
                    s.setReceiveBufferSize(1 << 16);
                    from.add(s);
                }
                for (int k = 0; k < each; k++) {
                    for (DatagramSocket s : from) {
                        send(s, handshake(SrtHandshake.INDUCTION, 4, 0, rnd.nextInt(1, Integer.MAX_VALUE), List.of()),
                                listener.port());
                        send(s, handshake(SrtHandshake.CONCLUSION, 5, rnd.nextInt(), rnd.nextInt(1, Integer.MAX_VALUE),
                                hsreq()), listener.port());
                    }
                    Thread.sleep(2);
                }
            } finally {
                from.forEach(DatagramSocket::close);
            }
            long n = (long) sockets * each;
            assertEquals(n, settle(listener.inductions::get, n));
            assertEquals(n, settle(listener.badCookies::get, n));
            assertEquals(0, listener.connectionCount());
            assertEquals(0, listener.accepted.get());
            assertEquals(0, listener.rejected.get(), "a conclusion without a valid cookie is not even answered");
            // and the listener still takes a real caller
            SrtConnection c = SrtCaller.connect(group, new InetSocketAddress("127.0.0.1", listener.port()),
                    SrtSettings.defaults(), "publish:live/after", new CounterStream.Sink()).get(10, TimeUnit.SECONDS);
            assertEquals(1, listener.connectionCount());
            c.channel().eventLoop().submit(() -> c.close("done", true)).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRejectedStreamIdReachesTheCaller() throws Exception {
        SrtAcceptor acceptor = (sid, peer) -> sid != null && sid.endsWith("/allowed")
                ? SrtAcceptor.Decision.accept(new CounterStream.Sink())
                : SrtAcceptor.Decision.reject(SrtRejectReason.NOTFOUND, "no such stream: " + sid);
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, SrtSettings.defaults(), 4, acceptor, group)) {
            listener.start();
            InetSocketAddress at = new InetSocketAddress("127.0.0.1", listener.port());
            ExecutionException e = assertThrows(ExecutionException.class, () -> SrtCaller.connect(group, at,
                    SrtSettings.defaults(), "publish:live/other", new CounterStream.Sink()).get(10, TimeUnit.SECONDS));
            SrtException srt = assertInstanceOf(SrtException.class, e.getCause());
            assertEquals(SrtRejectReason.NOTFOUND, srt.reason());
            assertTrue(srt.getMessage().contains("stream not found (2404)"), srt.getMessage());
            Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("rejected.log"), "-f", "lavfi", "-i", "testsrc=rate=25", "-t", "2",
                    "-c:v", "libopenh264", "-f", "mpegts", "srt://127.0.0.1:" + listener.port() + "?streamid=publish:live/other");
            assertTrue(ff.await(30) != 0, ff.logTail());
            assertTrue(ff.logTail().toLowerCase().contains("reject"), ff.logTail());
            assertEquals(2, listener.rejected.get());
            assertEquals(0, listener.connectionCount());
            // the refusals left nothing behind: an allowed caller still connects
            SrtConnection c = SrtCaller.connect(group, at, SrtSettings.defaults(), "publish:live/allowed",
                    new CounterStream.Sink()).get(10, TimeUnit.SECONDS);
            assertEquals(1, listener.connectionCount());
            c.channel().eventLoop().submit(() -> c.close("done", true)).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void beyondMaxConnectionsIsOverload() throws Exception {
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, SrtSettings.defaults(), 1, (sid, peer) ->
                SrtAcceptor.Decision.accept(new CounterStream.Sink()), group)) {
            listener.start();
            InetSocketAddress at = new InetSocketAddress("127.0.0.1", listener.port());
            CounterStream.Sink first = new CounterStream.Sink();
            SrtConnection c = SrtCaller.connect(group, at, SrtSettings.defaults(), "publish:live/a", first)
                    .get(10, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> SrtCaller.connect(group, at,
                    SrtSettings.defaults(), "publish:live/b", new CounterStream.Sink()).get(10, TimeUnit.SECONDS));
            assertEquals(SrtRejectReason.OVERLOAD, ((SrtException) e.getCause()).reason(), e.getCause().getMessage());
            assertEquals(1, listener.connectionCount());
            assertTrue(c.isOpen());
            c.channel().eventLoop().submit(() -> c.close("done", true)).get(5, TimeUnit.SECONDS);
            assertEquals(1, settle(() -> 1 - listener.connectionCount(), 1), "the closed connection is gone");
            SrtConnection again = SrtCaller.connect(group, at, SrtSettings.defaults(), "publish:live/b",
                    new CounterStream.Sink()).get(10, TimeUnit.SECONDS);
            again.channel().eventLoop().submit(() -> again.close("done", true)).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSilentPeerTimesOut() throws Exception {
        SrtSettings settings = SrtSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5));
        CounterStream.Sink server = new CounterStream.Sink();
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, settings, 4, (sid, peer) ->
                SrtAcceptor.Decision.accept(server), group);
                SrtLossRelay relay = startRelay(listener)) {
            CounterStream.Sink client = new CounterStream.Sink();
            SrtConnection c = SrtCaller.connect(group, new InetSocketAddress("127.0.0.1", relay.port()), settings,
                    "publish:live/quiet", client).get(10, TimeUnit.SECONDS);
            CounterStream.send(c, 50, 2000).get(10, TimeUnit.SECONDS);
            server.await(50, 10);
            // the network goes dark both ways
            relay.loss = 1.0;
            assertTrue(server.closed.await(10, TimeUnit.SECONDS), "the listener's side never timed out");
            assertTrue(client.closed.await(10, TimeUnit.SECONDS), "the caller's side never timed out");
            assertEquals("peer idle timeout (1000 ms)", server.reason);
            assertEquals("peer idle timeout (1000 ms)", client.reason);
            assertEquals(50, server.count());
            assertEquals(0, listener.connectionCount());
            assertEquals(1, settle(() -> c.channel().isOpen() ? 0 : 1, 1), "the caller's socket is closed");
        }
    }

    static SrtLossRelay startRelay(SrtListener listener) throws Exception {
        listener.start();
        return new SrtLossRelay(listener.port(), 0, 0, 0, 1);
    }
}
