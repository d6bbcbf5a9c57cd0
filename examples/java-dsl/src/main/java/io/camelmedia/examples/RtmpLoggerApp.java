package io.camelmedia.examples;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.camelmedia.camel.MediaHeaders;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Camel Media embedded in a plain Camel Main application (no Quarkus), routes in the Java DSL.
 * Accepts RTMP publishes on {@code rtmp://localhost:1935/live/<key>}, logs each stream's tracks when it
 * starts and its frame count when it ends.
 *
 * <pre>
 *   ./mvnw -q -pl examples/java-dsl -am install -DskipTests
 *   ./mvnw -q -pl examples/java-dsl exec:java            # then publish:
 *   ffmpeg -re -i input.mp4 -c copy -f flv rtmp://localhost:1935/live/test
 * </pre>
 */
public final class RtmpLoggerApp {

    /** The routes: one RTMP ingest, frames counted per stream. */
    public static final class Routes extends RouteBuilder {
        private final int port;
        private final Map<String, AtomicLong> frames = new ConcurrentHashMap<>();

        public Routes(int port) {
            this.port = port;
        }

        /** Frames seen so far per stream path (kept after the stream ends, for the test to read). */
        public Map<String, AtomicLong> frames() {
            return frames;
        }

        @Override
        public void configure() {
            from("rtmp://0.0.0.0:" + port + "/live").routeId("rtmp-logger")
                .choice()
                    .when(header(MediaHeaders.EVENT).isEqualTo("STARTED"))
                        .process(e -> frames.put(e.getIn().getHeader(MediaHeaders.STREAM, String.class), new AtomicLong()))
                        .log("started ${header.CamelMediaStream}: ${body}")
                    .when(header(MediaHeaders.EVENT).isEqualTo("FRAME"))
                        .process(e -> frames.computeIfAbsent(e.getIn().getHeader(MediaHeaders.STREAM, String.class),
                                k -> new AtomicLong()).incrementAndGet())
                    .otherwise()
                        .process(e -> e.getIn().setHeader("frames",
                                frames.getOrDefault(e.getIn().getHeader(MediaHeaders.STREAM, String.class), new AtomicLong())))
                        .log("ended ${header.CamelMediaStream} after ${header.frames} frames (${header.CamelMediaReason})");
        }
    }

    private RtmpLoggerApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 1935;
        Main main = new Main();
        main.configure().addRoutesBuilder(new Routes(port));
        main.run(args);
    }
}
