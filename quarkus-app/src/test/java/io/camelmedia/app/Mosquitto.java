package io.camelmedia.app;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.camelmedia.testing.SystemTools;

/**
 * Debian's Eclipse Mosquitto broker (package {@code mosquitto}, which {@code test.sh} installs), started by a test as
 * its own process on a free loopback port with a minimal configuration (anonymous, no persistence), never the system
 * service. Close to stop it.
 */
final class Mosquitto implements AutoCloseable {
    static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");
    private static final long START_TIMEOUT_MS = 10_000;

    private final Process process;
    private final Path log;
    private final int port;

    private Mosquitto(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Skips the calling test when mosquitto is not installed, except in CI (CI set), where its absence fails. */
    static void assumeAvailable() {
        SystemTools.assumeInstalled(EXECUTABLE, "MQTT tests", "mosquitto");
    }

    /** Starts a broker listening on 127.0.0.1 only; a port taken in between is retried with another. */
    static Mosquitto start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("mosquitto");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path conf = Files.writeString(dir.resolve("mosquitto-" + port + ".conf"),
                    "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n");
            Path log = dir.resolve("mosquitto-" + port + ".log");
            Process p = new ProcessBuilder(EXECUTABLE.toString(), "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Mosquitto broker = new Mosquitto(p, log, port);
            try {
                broker.awaitListening();
                return broker;
            } catch (IOException e) {
                broker.close();
                last = e;
            }
        }
        throw last;
    }

    /** {@code tcp://127.0.0.1:<port>}, as paho's brokerUrl. */
    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited " + process.exitValue() + ":\n" + logText());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("mosquitto not listening on " + port + " after " + START_TIMEOUT_MS + " ms:\n" + logText());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        SystemTools.stop(process);
    }
}
