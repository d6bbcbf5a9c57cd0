package io.camelmedia.protocol.srt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled ffmpeg (libsrt) as the caller against our listener, carrying an MPEG-TS file byte for byte. */
class SrtFfmpegTest {
    static EventLoopGroup group;
    @TempDir
    static Path dir;
    static Path source;

    @BeforeAll
    static void setUp() throws Exception {
        group = SrtTransport.newGroup(1, "srt-test");
        source = makeSource(dir.resolve("source.ts"), 3);
    }

    /** A TS file of {@code seconds} of H.264 test pattern and AAC tone, a keyframe every second. */
    static Path makeSource(Path file, int seconds) throws Exception {
        Ffmpeg.run(120, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", String.valueOf(seconds), "-c:v", "libopenh264", "-g", "25", "-c:a", "aac", "-f", "mpegts",
                file.toString()).requireSuccess();
        return file;
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    static final class Collect implements SrtConnection.Handler {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile String reason;
        volatile String streamId;
        volatile SrtConnectionStats stats;

        @Override
        public synchronized void payload(SrtConnection c, ByteBuf payload) {
            byte[] b = new byte[payload.readableBytes()];
            payload.getBytes(payload.readerIndex(), b);
            bytes.writeBytes(b);
        }

        synchronized int size() {
            return bytes.size();
        }

        @Override
        public void closed(SrtConnection c, String why) {
            reason = why;
            streamId = c.streamId();
            stats = c.stats();
            closed.countDown();
        }
    }

    /**
     * Same payloads in the same order, per stream. ffmpeg's remux to SRT re-bases the time stamps, so those are not
     * compared; and libsrt drops what its send buffer still holds when ffmpeg closes the socket (srt-live-transmit as
     * the receiver loses the same tail), so the last {@value #CLOSE_TAIL_MS} ms of the source may be missing, and the
     * last packet received may be cut short where that tail began.
     */
    static void assertSamePackets(FrameMd5 sent, FrameMd5 recv) {
        long lastDts = sent.packets().stream().mapToLong(FrameMd5.Packet::dts).max().orElse(0);
        for (int stream : sent.streams().keySet()) {
            List<String> a = sent.packets(stream).stream().map(p -> p.size() + "/" + p.md5()).toList();
            List<String> b = recv.packets(stream).stream().map(p -> p.size() + "/" + p.md5()).toList();
            assertTrue(b.size() <= a.size(), "stream " + stream + ": more packets than sent");
            for (int i = 0; i < b.size(); i++) {
                FrameMd5.Packet s = sent.packets(stream).get(i);
                boolean cutByTheTail = i == b.size() - 1 && lastDts - s.dts() <= CLOSE_TAIL_MS * 90
                        && recv.packets(stream).get(i).size() < s.size();
                if (!cutByTheTail) {
                    assertEquals(a.get(i), b.get(i), "stream " + stream + " packet " + i + " of " + a.size() + "/" + b.size());
                }
            }
            List<FrameMd5.Packet> missing = sent.packets(stream).subList(b.size(), a.size());
            for (FrameMd5.Packet p : missing) {
                assertTrue(lastDts - p.dts() <= CLOSE_TAIL_MS * 90, "stream " + stream + ": lost " + missing.size()
                        + " packets, the first at dts " + p.dts() + ", " + (lastDts - p.dts()) / 90 + " ms before the end");
            }
        }
    }

    static final int CLOSE_TAIL_MS = 400;

    @Test
    void ffmpegPublishesToOurListener() throws Exception {
        String ffLog;
        Collect got = new Collect();
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, SrtSettings.defaults(), 10, (sid, peer) ->
                SrtAcceptor.Decision.accept(got), group)) {
            listener.start();
            Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("pub.log"), "-re", "-i", source.toString(), "-c", "copy",
                    "-f", "mpegts", "srt://127.0.0.1:" + listener.port() + "?streamid=publish:live/cam&latency=120000");
            assertEquals(0, ff.await(30), ff.logTail());
            ffLog = ff.logTail();
            assertTrue(got.closed.await(10, TimeUnit.SECONDS));
        }
        assertEquals("publish:live/cam", got.streamId);
        Path received = dir.resolve("received.ts");
        Files.write(received, got.bytes.toByteArray());
        assertEquals(0, got.bytes.size() % 188);
        FrameMd5 sent = FrameMd5.ofPackets(source);
        FrameMd5 recv = FrameMd5.ofPackets(received);
        assertSamePackets(sent, recv);
        assertEquals(0, got.stats.lost(), got.stats.toString());
        assertEquals("peer shut down", got.reason, got.stats + " " + ffLog);
    }

    @Test
    void ffmpegPublishesEncrypted() throws Exception {
        for (int keyLen : new int[] {16, 32}) {
            Collect got = new Collect();
            SrtSettings settings = SrtSettings.defaults().withPassphrase("correct horse battery", 0);
            try (SrtListener listener = new SrtListener("127.0.0.1", 0, settings, 10, (sid, peer) ->
                    SrtAcceptor.Decision.accept(got), group)) {
                listener.start();
                Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("enc.log"), "-re", "-i", source.toString(), "-c", "copy",
                        "-f", "mpegts", "srt://127.0.0.1:" + listener.port()
                                + "?streamid=live/enc&passphrase=correct%20horse%20battery&pbkeylen=" + keyLen);
                assertEquals(0, ff.await(30), ff.logTail());
                assertTrue(got.closed.await(10, TimeUnit.SECONDS));
            }
            assertEquals(0, got.stats.decryptFailures(), got.stats.toString());
            Path received = dir.resolve("received-" + keyLen + ".ts");
            Files.write(received, got.bytes.toByteArray());
            assertSamePackets(FrameMd5.ofPackets(source), FrameMd5.ofPackets(received));
        }
    }

    @Test
    void wrongPassphraseIsRejectedAtTheHandshake() throws Exception {
        Collect got = new Collect();
        SrtSettings settings = SrtSettings.defaults().withPassphrase("correct horse battery", 0);
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, settings, 10, (sid, peer) ->
                SrtAcceptor.Decision.accept(got), group)) {
            listener.start();
            Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("bad.log"), "-re", "-i", source.toString(), "-c", "copy",
                    "-f", "mpegts", "srt://127.0.0.1:" + listener.port() + "?streamid=live/x&passphrase=wrong%20horse%20battery");
            int exit = ff.await(30);
            assertTrue(exit != 0, ff.logTail());
            assertEquals(1, listener.rejected.get());
            assertEquals(0, listener.accepted.get());
            Ffmpeg.Running clear = Ffmpeg.start(dir.resolve("clear.log"), "-re", "-i", source.toString(), "-c", "copy",
                    "-f", "mpegts", "srt://127.0.0.1:" + listener.port() + "?streamid=live/x");
            assertTrue(clear.await(30) != 0, clear.logTail());
            assertEquals(2, listener.rejected.get());
        }
        assertEquals(0, got.bytes.size());
    }

    @Test
    void ourCallerPushesToFfmpegListener() throws Exception {
        for (String pass : new String[] {null, "0123456789abc"}) {
            int port = freeUdpPort();
            Path out = dir.resolve("pulled" + (pass == null ? "" : "-enc") + ".ts");
            String url = "srt://127.0.0.1:" + port + "?mode=listener" + (pass == null ? "" : "&passphrase=" + pass + "&pbkeylen=32");
            Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("listen.log"), "-i", url, "-c", "copy", "-f", "mpegts", "-y", out.toString());
            SrtSettings settings = SrtSettings.defaults().withPassphrase(pass, 32);
            SrtConnection c = connectWithRetry(new InetSocketAddress("127.0.0.1", port), settings, new Collect());
            TsFileSender.send(c, Files.readAllBytes(source)).get(30, TimeUnit.SECONDS);
            c.channel().eventLoop().schedule(() -> c.close("done", true), 300, TimeUnit.MILLISECONDS);
            assertEquals(0, ff.await(30), ff.logTail());
            assertSamePackets(FrameMd5.ofPackets(source), FrameMd5.ofPackets(out));
        }
    }

    @Test
    void ffmpegReadsFromOurListener() throws Exception {
        byte[] ts = Files.readAllBytes(source);
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, SrtSettings.defaults(), 10, (sid, peer) ->
                SrtAcceptor.Decision.accept(new SrtConnection.Handler() {
                    @Override
                    public void opened(SrtConnection c) {
                        TsFileSender.send(c, ts).thenRun(() -> c.channel().eventLoop().schedule(
                                () -> c.close("done", true), 300, TimeUnit.MILLISECONDS));
                    }

                    @Override
                    public void payload(SrtConnection c, ByteBuf payload) {
                    }

                    @Override
                    public void closed(SrtConnection c, String reason) {
                    }
                }), group)) {
            listener.start();
            Path out = dir.resolve("read.ts");
            Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("read.log"), "-i",
                    "srt://127.0.0.1:" + listener.port() + "?streamid=read:live/cam", "-c", "copy", "-f", "mpegts", "-y", out.toString());
            assertEquals(0, ff.await(30), ff.logTail());
            assertSamePackets(FrameMd5.ofPackets(source), FrameMd5.ofPackets(out));
        }
    }

    /**
     * Key refresh both ways: libsrt switching keys every 100 packets (announcing the next in-band 20 before) while
     * publishing to us, and our caller doing the same toward an ffmpeg listener. Every packet decrypts.
     */
    @Test
    void evenOddKeyRefreshInterops() throws Exception {
        Path big = dir.resolve("big.ts");
        Ffmpeg.run(120, "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=25,noise=alls=20:allf=t", "-t", "3",
                "-c:v", "libopenh264", "-b:v", "2M", "-g", "25", "-f", "mpegts", big.toString()).requireSuccess();
        assertTrue(Files.size(big) / SrtPacket.LIVE_PAYLOAD > 400, "enough packets for several key switches");
        String pass = "refresh-me-often";
        Collect got = new Collect();
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, SrtSettings.defaults().withPassphrase(pass, 0), 10,
                (sid, peer) -> SrtAcceptor.Decision.accept(got), group)) {
            listener.start();
            Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("km-pub.log"), "-re", "-i", big.toString(), "-c", "copy",
                    "-f", "mpegts", "srt://127.0.0.1:" + listener.port() + "?passphrase=" + pass
                            + "&kmrefreshrate=100&kmpreannounce=20&streamid=live/km");
            assertEquals(0, ff.await(30), ff.logTail());
            assertTrue(got.closed.await(10, TimeUnit.SECONDS));
        }
        assertEquals(0, got.stats.decryptFailures(), got.stats.toString());
        assertTrue(got.stats.oddKeyReceived() > 0, "libsrt switched to its odd key: " + got.stats);
        Path received = dir.resolve("km-received.ts");
        Files.write(received, got.bytes.toByteArray());
        assertSamePackets(FrameMd5.ofPackets(big), FrameMd5.ofPackets(received));

        int port = freeUdpPort();
        Path out = dir.resolve("km-pulled.ts");
        Ffmpeg.Running sink = Ffmpeg.start(dir.resolve("km-listen.log"), "-i", "srt://127.0.0.1:" + port
                + "?mode=listener&passphrase=" + pass, "-c", "copy", "-f", "mpegts", "-y", out.toString());
        SrtConnection c = connectWithRetry(new InetSocketAddress("127.0.0.1", port),
                SrtSettings.defaults().withPassphrase(pass, 0).withKeyRefresh(100, 20), new Collect());
        TsFileSender.send(c, Files.readAllBytes(big)).get(30, TimeUnit.SECONDS);
        c.channel().eventLoop().schedule(() -> c.close("done", true), 300, TimeUnit.MILLISECONDS);
        assertEquals(0, sink.await(30), sink.logTail());
        assertTrue(c.stats().oddKeySent() > 0, "we switched to the odd key: " + c.stats());
        assertSamePackets(FrameMd5.ofPackets(big), FrameMd5.ofPackets(out));
    }

    /** The stream id forms the README gives, as ffmpeg sends them, parse to the same publish of live/test. */
    @Test
    void readmeStreamIdFormsFromFfmpeg() throws Exception {
        for (String sid : List.of("publish:live/test", "%23!::r=live/test,m=publish", "#!::r=live/test,m=publish",
                "live/test", "publish:live/test:user:key")) {
            Collect got = new Collect();
            try (SrtListener listener = new SrtListener("127.0.0.1", 0, SrtSettings.defaults(), 10, (id, peer) ->
                    SrtAcceptor.Decision.accept(got), group)) {
                listener.start();
                Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("sid.log"), "-f", "lavfi", "-i", "testsrc=size=64x64:rate=5",
                        "-t", "0.5", "-c:v", "libopenh264", "-f", "mpegts", "srt://127.0.0.1:" + listener.port() + "?streamid=" + sid);
                assertEquals(0, ff.await(30), sid + ": " + ff.logTail());
                assertTrue(got.closed.await(10, TimeUnit.SECONDS), sid);
            }
            SrtStreamId parsed = SrtStreamId.parse(got.streamId, null, false);
            assertEquals("live/test", parsed.path(), sid + " arrived as " + got.streamId);
            assertTrue(!parsed.read(), sid);
        }
    }

    static SrtConnection connectWithRetry(InetSocketAddress to, SrtSettings settings, SrtConnection.Handler h) throws Exception {
        return connectWithRetry(group, to, settings, h);
    }

    /** Connects once the peer's listener is up (an external process binds its port some time after it starts). */
    static SrtConnection connectWithRetry(EventLoopGroup group, InetSocketAddress to, SrtSettings settings,
            SrtConnection.Handler h) throws Exception {
        Exception last = null;
        for (int i = 0; i < 20; i++) {
            try {
                return SrtCaller.connect(group, to, settings, null, h).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw last;
    }

    static int freeUdpPort() throws Exception {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
