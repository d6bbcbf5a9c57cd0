package io.camelmedia.camel.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.testing.Ffmpeg;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media:demux options and lifecycle without a network: TS chunks sent by a template, the route stopped. */
class MediaDemuxTest {
    @TempDir
    Path tmp;

    @Test
    void optionsAreChecked() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            MediaEndpoint noOutput = camel.getEndpoint("media:demux", MediaEndpoint.class);
            assertTrue(assertThrows(IllegalArgumentException.class, noOutput::createProducer).getMessage().contains("output"));
            MediaEndpoint fmp4 = camel.getEndpoint("media:remux?format=fmp4&packetSize=1316", MediaEndpoint.class);
            assertTrue(assertThrows(IllegalArgumentException.class, fmp4::createProducer).getMessage().contains("mpegts"));
            MediaEndpoint d = camel.getEndpoint("media:demux?output=direct:x", MediaEndpoint.class);
            assertEquals("ts", d.getStream());
            assertEquals(5000, d.getInactivityTimeout());
        }
    }

    @Test
    void chunksBecomeAStreamThatEndsWhenTheRouteStops() throws Exception {
        byte[] ts = Files.readAllBytes(Ffmpeg.h264AacTs(tmp.resolve("in.ts")));
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:events").process(e -> seen.add(e.copy()));
                    from("direct:in").routeId("in").to("media:demux?output=direct:events");
                }
            });
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            CamelExecutionException text = assertThrows(CamelExecutionException.class, () -> t.sendBody("direct:in", "G..."));
            assertTrue(text.getCause().getMessage().contains("udpByteArrayCodec=true"), text.getCause().getMessage());
            for (int at = 0; at < ts.length; at += 1316) {
                byte[] chunk = Arrays.copyOfRange(ts, at, Math.min(ts.length, at + 1316));
                // every body type a UDP or file consumer gives
                Object body = at % 3 == 0 ? chunk : at % 3 == 1 ? ByteBuffer.wrap(chunk) : new java.io.ByteArrayInputStream(chunk);
                t.sendBodyAndHeader("direct:in", body, MediaHeaders.STREAM, "live/a");
            }
            assertEquals("STARTED", seen.get(0).getIn().getHeader(MediaHeaders.EVENT));
            assertTrue(seen.stream().allMatch(e -> "live/a".equals(e.getIn().getHeader(MediaHeaders.STREAM))));
            assertTrue(seen.size() > 250, "frames: " + seen.size());
            camel.getRouteController().stopRoute("in");
            Exchange last = seen.get(seen.size() - 1);
            assertEquals("ENDED", last.getIn().getHeader(MediaHeaders.EVENT));
            assertEquals("route stopped", last.getIn().getHeader(MediaHeaders.REASON));
        }
    }
}
