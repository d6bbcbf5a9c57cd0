package io.camelmedia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import io.camelmedia.testing.Ffmpeg;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** The example runs on plain Camel Main (no Quarkus) and receives a real ffmpeg publish. */
class RtmpLoggerAppTest {

    @Test
    void plainCamelMainReceivesAnFfmpegPublish() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RtmpLoggerApp.Routes routes = new RtmpLoggerApp.Routes(port);
        Main main = new Main();
        main.configure().addRoutesBuilder(routes);
        main.start();
        try {
            Ffmpeg.run(60, "-nostdin", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                    "-c:v", "libopenh264", "-g", "25", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/example")
                    .requireSuccess();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (routes.frames().get("live/example") == null || routes.frames().get("live/example").get() < 50) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals(50, routes.frames().get("live/example").get(), "2 s at 25 fps");
        } finally {
            main.stop();
        }
    }
}
