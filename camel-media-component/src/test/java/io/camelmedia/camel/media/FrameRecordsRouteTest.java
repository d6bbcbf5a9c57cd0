package io.camelmedia.camel.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelmedia.camel.MediaHeaderFilterStrategy;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.format.frames.FrameRecordException;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.testing.Ffmpeg;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * media:remux?format=frames then media:demux?format=frames: a stream (H.264 + AAC from ffmpeg, through the TS
 * demuxer) comes back frame for frame; a reader that joins late starts at a described key frame.
 */
class FrameRecordsRouteTest {
    @TempDir
    Path tmp;

    @Test
    void aStreamSurvivesRecordsFrameForFrame() throws Exception {
        byte[] ts = Files.readAllBytes(Ffmpeg.h264AacTs(tmp.resolve("in.ts")));
        List<Exchange> original = new CopyOnWriteArrayList<>();
        List<byte[]> records = new CopyOnWriteArrayList<>();
        List<Exchange> rebuilt = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ts").routeId("ts").to("media:demux?output=direct:events");
                    from("direct:events").process(e -> original.add(e.copy()))
                            .to("media:remux?format=frames").process(e -> records.add(e.getIn().getBody(byte[].class)));
                    from("direct:records").to("media:demux?format=frames&output=direct:rebuilt");
                    from("direct:rebuilt").process(e -> rebuilt.add(e.copy()));
                }
            });
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            for (int at = 0; at < ts.length; at += 1316) {
                t.sendBodyAndHeader("direct:ts", Arrays.copyOfRange(ts, at, Math.min(ts.length, at + 1316)),
                        MediaHeaders.STREAM, "live/a");
            }
            camel.getRouteController().stopRoute("ts");
            assertEquals("ENDED", original.get(original.size() - 1).getIn().getHeader(MediaHeaders.EVENT));

            for (byte[] r : records) {
                t.sendBody("direct:records", r);
            }
            assertEquals(original.size(), rebuilt.size());
            for (int i = 0; i < original.size(); i++) {
                assertSameEvent(original.get(i), rebuilt.get(i), "live/a");
            }
            // ENDED gave the path up: the same stream again, under another path, from the middle
            int join = records.size() / 2;
            for (byte[] r : records.subList(join, records.size())) {
                t.sendBodyAndHeader("direct:records", r, MediaHeaders.STREAM, "copy/a");
            }
            List<Exchange> late = rebuilt.subList(original.size(), rebuilt.size());
            assertEquals("STARTED", late.get(0).getIn().getHeader(MediaHeaders.EVENT));
            MediaFrame first = late.get(1).getIn().getBody(MediaFrame.class);
            assertTrue(first.keyframe() && first.track().mediaType() == io.camelmedia.frame.MediaType.VIDEO, first.toString());
            int at = indexOfFrame(original, first);
            assertTrue(at > original.size() / 3, "joined at " + at);
            for (int i = 1; i < late.size(); i++) {
                assertSameEvent(original.get(at + i - 1), late.get(i), "copy/a");
            }

            CamelExecutionException bad = assertThrows(CamelExecutionException.class,
                    () -> t.sendBody("direct:records", "CMF\u0009xyz".getBytes()));
            assertInstanceOf(FrameRecordException.class, bad.getCause());
        }
    }

    @Test
    void optionsAreChecked() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            MediaEndpoint segment = camel.getEndpoint("media:segment?format=frames", MediaEndpoint.class);
            assertTrue(assertThrows(IllegalArgumentException.class, segment::createProducer).getMessage().contains("not of segments"));
            MediaEndpoint packets = camel.getEndpoint("media:remux?format=frames&packetSize=1316", MediaEndpoint.class);
            assertTrue(assertThrows(IllegalArgumentException.class, packets::createProducer).getMessage().contains("packetSize"));
            MediaEndpoint demux = camel.getEndpoint("media:demux?format=webm&output=direct:x", MediaEndpoint.class);
            assertTrue(assertThrows(IllegalArgumentException.class, demux::createProducer).getMessage().contains("mpegts or frames"));
        }
    }

    @Test
    void mediaHeadersCrossTransportsOtherCamelHeadersDoNot() {
        MediaHeaderFilterStrategy s = new MediaHeaderFilterStrategy();
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        assertTrue(!s.applyFilterToCamelHeaders(MediaHeaders.STREAM, "live/a", e));
        assertTrue(!s.applyFilterToCamelHeaders(MediaHeaders.PTS, 1L, e));
        assertTrue(s.applyFilterToCamelHeaders("CamelFileName", "x", e));
        assertTrue(s.applyFilterToCamelHeaders("kafka.KEY", "x", e));
        assertTrue(!s.applyFilterToCamelHeaders("tenant", "x", e));
        assertTrue(!s.applyFilterToExternalHeaders(MediaHeaders.EVENT, "FRAME".getBytes(), e));
        assertTrue(s.applyFilterToExternalHeaders("CamelHttpUri", "x", e));
    }

    private static int indexOfFrame(List<Exchange> events, MediaFrame f) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getIn().getBody() instanceof MediaFrame o && o.pts() == f.pts() && o.track().id() == f.track().id()) {
                return i;
            }
        }
        throw new AssertionError("not in the original: " + f);
    }

    private static void assertSameEvent(Exchange expected, Exchange actual, String path) {
        String event = expected.getIn().getHeader(MediaHeaders.EVENT, String.class);
        assertEquals(event, actual.getIn().getHeader(MediaHeaders.EVENT));
        assertEquals(path, actual.getIn().getHeader(MediaHeaders.STREAM));
        Object a = actual.getIn().getBody();
        Object b = expected.getIn().getBody();
        if (b instanceof MediaFrame f) {
            MediaFrame g = assertInstanceOf(MediaFrame.class, a);
            assertEquals(f.track(), g.track());
            assertEquals(f.pts(), g.pts());
            assertEquals(f.dts(), g.dts());
            assertEquals(f.keyframe(), g.keyframe());
            assertEquals(f.format(), g.format());
            assertArrayEquals(f.payloadBytes(), g.payloadBytes());
            for (String h : List.of(MediaHeaders.TRACK, MediaHeaders.CODEC, MediaHeaders.PTS, MediaHeaders.DTS, MediaHeaders.KEYFRAME)) {
                assertEquals(expected.getIn().getHeader(h), actual.getIn().getHeader(h), h);
            }
        } else if (b instanceof StreamInfo info) {
            assertEquals(info.tracks(), assertInstanceOf(StreamInfo.class, a).tracks());
        }
        if ("ENDED".equals(event)) {
            assertEquals(expected.getIn().getHeader(MediaHeaders.REASON), actual.getIn().getHeader(MediaHeaders.REASON));
        }
    }
}
