package io.camelmedia.camel.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.testing.Images;
import io.camelmedia.testing.MediaFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code media:snapshot} as a route step on a file the bundled ffmpeg wrote (5 s, a key frame each second) played in
 * real time by {@code file-media:}: with {@code interval=2s} the key frames at 0, 2 and 4 s come out as images, in
 * order, each named after the stream, with the key frame's timestamps; nothing else leaves the step.
 */
class SnapshotIntervalTest {
    @TempDir
    Path tmp;

    @Test
    void oneSnapshotPerIntervalOfStreamTime() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        MediaFiles.h264Aac(tmp.resolve("cam.mp4"), 5);
        BlockingQueue<Exchange> out = new LinkedBlockingQueue<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("file-media:" + in + "?readLockMinAge=0&initialDelay=0&delay=50&realtime=true")
                            .to("media:snapshot?interval=2s&width=80")
                            .process(e -> out.add(e.copy()));
                }
            });
            camel.start();
            Files.move(tmp.resolve("cam.mp4"), in.resolve("cam.mp4"));
            List<Long> pts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Exchange e = out.poll(30, TimeUnit.SECONDS);
                assertNotNull(e, "snapshot " + i);
                String stream = e.getIn().getHeader(MediaHeaders.STREAM, String.class);
                assertEquals(stream + ".jpg", e.getIn().getHeader(Exchange.FILE_NAME));
                assertEquals(true, e.getIn().getHeader(MediaHeaders.KEYFRAME));
                Path jpg = Files.write(tmp.resolve("s" + i + ".jpg"), e.getIn().getBody(byte[].class));
                assertEquals("mjpeg 80x60", Images.probe(jpg));
                pts.add(e.getIn().getHeader(MediaHeaders.PTS, Long.class));
            }
            assertEquals(List.of(180_000L, 180_000L), List.of(pts.get(1) - pts.get(0), pts.get(2) - pts.get(1)),
                    "2 s apart in the 90 kHz clock: " + pts);
        }
    }
}
