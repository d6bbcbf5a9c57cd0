package io.camelmedia.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives the app under test free RTMP and SRT ports, so tests never collide with a running server on 1935 / 8890. */
public class FreeRtmpPort implements QuarkusTestResourceLifecycleManager {
    static volatile int port;
    static volatile int srtPort;

    @Override
    public Map<String, String> start() {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // WebRTC's ICE port too (0: a free one), so tests never collide with a running app on 8189
        // and advertises loopback only: tests send to this machine's loopback, never to its other addresses
        try (DatagramSocket s = new DatagramSocket(0)) {
            srtPort = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("camel.media.rtmp.port", Integer.toString(port), "camel.media.webrtc.ice-port", "0",
                "camel.media.webrtc.additional-hosts", "127.0.0.1", "camel.media.srt.port", Integer.toString(srtPort),
                "camel.media.playback.directory", PlaybackServingTest.DIRECTORY);
    }

    /** The SRT port of the app under test. */
    public static int srtPort() {
        return srtPort;
    }

    /** The RTMP port of the app under test (for tests in other packages). */
    public static int port() {
        return port;
    }

    @Override
    public void stop() {
    }
}
