package io.camelmedia.protocol.srt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.camelmedia.testing.FrameMd5;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with libsrt's own sample application, Debian's srt-live-transmit (package srt-tools): it publishes a TS
 * file from its stdin to our listener, and receives from our caller into its stdout, clear and with a passphrase;
 * the TS packets must come out as they went in. Skipped when the binary is missing, except in CI (CI=true).
 */
class SrtLiveTransmitTest {
    static final Path BINARY = Path.of("/usr/bin/srt-live-transmit");
    static EventLoopGroup group;
    @TempDir
    static Path dir;
    static Path source;

    @BeforeAll
    static void setUp() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            assertTrue(System.getenv("CI") == null, BINARY + " is missing in CI: test.sh installs srt-tools");
            Assumptions.abort(BINARY + " missing (apt-get install srt-tools)");
        }
        group = SrtTransport.newGroup(1, "srt-slt");
        source = SrtFfmpegTest.makeSource(dir.resolve("source.ts"), 3);
    }

    /**
     * {@code ts} padded with null TS packets (PID 0x1FFF, which demuxers skip) to whole 1316-byte chunks:
     * srt-live-transmit never sends a last partial chunk of its stdin.
     */
    static Path padToChunks(Path ts) throws IOException {
        byte[] data = Files.readAllBytes(ts);
        int chunk = 7 * 188;
        byte[] padded = java.util.Arrays.copyOf(data, (data.length + chunk - 1) / chunk * chunk);
        for (int at = data.length; at < padded.length; at += 188) {
            padded[at] = 0x47;
            padded[at + 1] = 0x1F;
            padded[at + 2] = (byte) 0xFF;
            padded[at + 3] = 0x10;
            java.util.Arrays.fill(padded, at + 4, at + 188, (byte) 0xFF);
        }
        Path out = ts.resolveSibling("padded-" + ts.getFileName());
        Files.write(out, padded);
        return out;
    }

    @AfterAll
    static void tearDown() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * srt-live-transmit, exiting when its connection ends (no auto-reconnect), 1316-byte chunks (7 TS packets).
     * {@code in} goes to its stdin through a pipe (it polls stdin, which a regular file cannot be), in 64 KB steps
     * every 20 ms once {@code connected} says so: what it reads before its SRT target is connected, it drops.
     */
    static Process slt(Path in, BooleanSupplier connected, Path out, Path log, String from, String to) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-a:no", "-c:1316", "-loglevel:note", from, to));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        Process p = pb.start();
        Thread feeder = new Thread(() -> {
            try (var stdin = p.getOutputStream()) {
                byte[] data = in == null ? new byte[0] : Files.readAllBytes(in);
                while (in != null && !connected.getAsBoolean() && p.isAlive()) {
                    Thread.sleep(10);
                }
                Thread.sleep(100);
                for (int at = 0; at < data.length; at += 65536) {
                    stdin.write(data, at, Math.min(65536, data.length - at));
                    stdin.flush();
                    Thread.sleep(20);
                }
                if (in == null) {
                    p.waitFor();
                }
            } catch (IOException | InterruptedException e) {
                // the process ended
            }
        }, "slt-stdin");
        feeder.setDaemon(true);
        feeder.start();
        return p;
    }

    static String options(String pass) {
        return pass.isEmpty() ? "" : "&passphrase=" + pass + "&pbkeylen=16";
    }

    static int await(Process p, Path log) throws Exception {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("srt-live-transmit still running:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return p.exitValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "slt-passphrase-42"})
    void publishesToOurListener(String pass) throws Exception {
        SrtFfmpegTest.Collect got = new SrtFfmpegTest.Collect();
        SrtSettings settings = SrtSettings.defaults().withPassphrase(pass, 0);
        Path log = dir.resolve("pub" + pass.length() + ".log");
        try (SrtListener listener = new SrtListener("127.0.0.1", 0, settings, 4, (sid, peer) ->
                SrtAcceptor.Decision.accept(got), group)) {
            listener.start();
            Path input = padToChunks(source);
            Process p = slt(input, () -> listener.accepted.get() > 0, null, log, "file://con",
                    "srt://127.0.0.1:" + listener.port() + "?streamid=publish:live/slt" + options(pass));
            // at the end of its stdin it keeps its connection open: stop it once everything came
            long size = Files.size(input);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < size && p.isAlive() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            p.destroy();
            await(p, log);
            assertTrue(got.closed.await(10, TimeUnit.SECONDS), Files.readString(log));
        }
        assertEquals("publish:live/slt", got.streamId);
        assertEquals(0, got.stats.decryptFailures(), got.stats.toString());
        Path received = dir.resolve("received" + pass.length() + ".ts");
        Files.write(received, got.bytes.toByteArray());
        SrtFfmpegTest.assertSamePackets(FrameMd5.ofPackets(source), FrameMd5.ofPackets(received));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "slt-passphrase-42"})
    void receivesFromOurCaller(String pass) throws Exception {
        int port = SrtFfmpegTest.freeUdpPort();
        Path out = dir.resolve("pulled" + pass.length() + ".ts");
        Path log = dir.resolve("listen" + pass.length() + ".log");
        Process p = slt(null, null, out, log, "srt://:" + port + "?mode=listener" + options(pass), "file://con");
        try {
            SrtConnection c = SrtFfmpegTest.connectWithRetry(group, new InetSocketAddress("127.0.0.1", port),
                    SrtSettings.defaults().withPassphrase(pass, 16), new SrtFfmpegTest.Collect());
            TsFileSender.send(c, Files.readAllBytes(source)).get(30, TimeUnit.SECONDS);
            c.channel().eventLoop().schedule(() -> c.close("done", true), 500, TimeUnit.MILLISECONDS);
            await(p, log);
        } finally {
            p.destroyForcibly();
        }
        SrtFfmpegTest.assertSamePackets(FrameMd5.ofPackets(source), FrameMd5.ofPackets(out));
    }
}
