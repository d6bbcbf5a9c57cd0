package io.camelmedia.camel.media;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.process.filein.MediaFileReader;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.ToneProbe;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * media:transcode in a route: a file ffmpeg made (H.264 + Opus, a flash frame and a beep at 1 s) goes through it at real
 * time into media:remux?format=mpegts (the segmenter hls: serves), and ffmpeg decodes the TS: AAC, the tone, in sync.
 */
class TranscodeRouteTest {

    @TempDir
    Path dir;

    @Test
    void opusToAacPlaysFromMpegTsInSync() throws Exception {
        Path src = h264Opus();
        List<Exchange> events = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("media:transcode?codec=aac").process(e -> events.add(e.copy()))
                            .to("media:remux?format=mpegts").process(e -> ts.write(e.getIn().getBody(byte[].class)));
                }
            });
            camel.start();
            feed(camel.createProducerTemplate(), src, true);
        }
        StreamInfo started = (StreamInfo) events.get(0).getIn().getBody();
        assertEquals(Codec.AAC, started.audio().orElseThrow().codec());
        assertEquals(Codec.H264, started.video().orElseThrow().codec());
        assertEquals("ENDED", events.get(events.size() - 1).getIn().getHeader(MediaHeaders.EVENT));
        Path out = Files.write(dir.resolve("out.ts"), ts.toByteArray());
        String probe = Ffmpeg.probe(30, "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", out.toString())
                .requireSuccess().stdout();
        assertTrue(probe.contains("aac") && probe.contains("h264"), probe);
        assertEquals(1000, ToneProbe.frequency(ToneProbe.decodeTone(out, dir)), 5, "tone after Opus -> AAC (Hz)");
        double offset = ToneProbe.beepTime(out) - ToneProbe.flashTime(out);
        System.out.printf("Opus->AAC in MPEG-TS: beep - flash %+.1f ms%n", offset * 1000);
        assertTrue(Math.abs(offset) < 0.020, "beep vs flash " + offset + " s");
    }

    @Test
    void audioAlreadyInTheCodecPassesThrough() throws Exception {
        Path src = h264Opus();
        List<Exchange> events = new CopyOnWriteArrayList<>();
        List<Object> sent = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").process(e -> sent.add(e.getIn().getBody())).to("media:transcode?codec=opus")
                            .process(e -> events.add(e.copy()));
                }
            });
            camel.start();
            feed(camel.createProducerTemplate(), src, false);
        }
        assertEquals(sent.size(), events.size());
        for (int i = 0; i < sent.size(); i++) {
            assertSame(sent.get(i), events.get(i).getIn().getBody());
        }
    }

    @Test
    void withOutputTheRouteKeepsItsExchangesAndACopyIsTranscoded() throws Exception {
        Path src = dir.resolve("aac.mkv");
        Ffmpeg.run(120, "-f", "lavfi", "-i", ToneProbe.FLASH, "-f", "lavfi", "-i", ToneProbe.BEEP, "-pix_fmt", "yuv420p",
                "-c:v", "libopenh264", "-c:a", "aac", src.toString()).requireSuccess();
        List<Object> sent = new CopyOnWriteArrayList<>();
        List<Object> kept = new CopyOnWriteArrayList<>();
        List<Object> copies = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").process(e -> sent.add(e.getIn().getBody()))
                            .to("media:transcode?codec=opus&output=direct:copy").process(e -> kept.add(e.getIn().getBody()));
                    from("direct:copy").process(e -> copies.add(e.getIn().getBody()));
                }
            });
            camel.start();
            feed(camel.createProducerTemplate(), src, true);
        }
        assertEquals(sent, kept);
        assertEquals(Codec.OPUS, ((StreamInfo) copies.get(0)).audio().orElseThrow().codec());
        long opus = copies.stream().filter(b -> b instanceof MediaFrame f && f.codec() == Codec.OPUS).count();
        assertTrue(opus > 50, "Opus packets of 40 ms for 3 s: " + opus);
        assertTrue(copies.stream().noneMatch(b -> b instanceof MediaFrame f && f.codec() == Codec.AAC));
    }

    @Test
    void aStreamBehindRealTimeDropsAudioAndKeepsVideo() throws Exception {
        Path src = h264Opus();
        List<MediaFrame> out = new CopyOnWriteArrayList<>();
        MediaEndpoint endpoint;
        int[] video = new int[1];
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").process(e -> {
                        if (e.getIn().getBody() instanceof MediaFrame f && f.track().mediaType() == MediaType.VIDEO) {
                            video[0]++;
                        }
                    }).to("media:transcode?codec=aac&maxQueuedFrames=1&transcodeThreads=1").process(e -> {
                        if (e.getIn().getBody() instanceof MediaFrame f) {
                            out.add(f);
                        }
                    });
                }
            });
            camel.start();
            endpoint = camel.getEndpoint("media:transcode?codec=aac&maxQueuedFrames=1&transcodeThreads=1", MediaEndpoint.class);
            feed(camel.createProducerTemplate(), src, false);
        }
        assertTrue(endpoint.transcodeDroppedFrames() > 0, "a burst faster than real time drops audio");
        assertEquals(video[0], out.stream().filter(f -> f.track().mediaType() == MediaType.VIDEO).count(), "every video frame passes");
        assertTrue(out.stream().noneMatch(f -> f.codec() == Codec.OPUS), "no Opus leaks through");
    }

    @Test
    void aTranscoderErrorDropsThatStreamsAudioOnly() throws Exception {
        Track aac = Track.builder(1, Codec.AAC).sampleRate(48_000).channels(2)
                .config(new byte[] {0x11, (byte) 0x90}).build();
        Track h264 = Track.builder(0, Codec.H264).width(16).height(16).build();
        List<MediaFrame> out = new CopyOnWriteArrayList<>();
        MediaEndpoint endpoint;
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("media:transcode").process(e -> {
                        if (e.getIn().getBody() instanceof MediaFrame f) {
                            out.add(f);
                        }
                    });
                }
            });
            camel.start();
            endpoint = camel.getEndpoint("media:transcode", MediaEndpoint.class);
            ProducerTemplate t = camel.createProducerTemplate();
            t.send("direct:in", e -> MediaExchanges.started(e, new StreamInfo("live/bad", List.of(h264, aac), null)));
            byte[] garbage = new byte[200];
            for (int i = 0; i < 100; i++) {
                java.util.Arrays.fill(garbage, (byte) (i * 37 + 0x5A));
                long pts = i * 1024L;
                t.send("direct:in", e -> MediaExchanges.frame(e, "live/bad", MediaFrame.of(aac, pts, pts, true, BitstreamFormat.RAW, garbage.clone())));
                long vpts = i * 1920L;
                t.send("direct:in", e -> MediaExchanges.frame(e, "live/bad", MediaFrame.of(h264, vpts, vpts, true, BitstreamFormat.AVCC, new byte[] {0, 0, 0, 1, 0x65})));
                Thread.sleep(2);
            }
        }
        assertEquals(100, out.stream().filter(f -> f.codec() == Codec.H264).count(), "video goes on");
        assertTrue(out.stream().noneMatch(f -> f.codec() == Codec.AAC), "no broken audio comes out");
        assertTrue(endpoint.transcodeDroppedFrames() > 50, "the audio after the error is dropped: " + endpoint.transcodeDroppedFrames());
    }

    @Test
    void optionsAreChecked() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            MediaEndpoint vp8 = camel.getEndpoint("media:transcode?codec=vp8", MediaEndpoint.class);
            assertTrue(assertThrows(IllegalArgumentException.class, vp8::createProducer).getMessage().contains("opus or aac"));
            MediaEndpoint rate = camel.getEndpoint("media:transcode?codec=opus&sampleRate=44100", MediaEndpoint.class);
            assertTrue(assertThrows(IllegalArgumentException.class, rate::createProducer).getMessage().contains("48000"));
        }
    }

    private Path h264Opus() throws Exception {
        Path src = dir.resolve("src.mkv");
        if (!Files.exists(src)) {
            Ffmpeg.run(120, "-f", "lavfi", "-i", ToneProbe.FLASH, "-f", "lavfi", "-i", ToneProbe.BEEP, "-pix_fmt", "yuv420p", "-c:v", "libopenh264",
                    "-c:a", "libopus", "-b:a", "96k", src.toString()).requireSuccess();
        }
        return src;
    }

    /** STARTED, every frame (at the pace of their timestamps when {@code realTime}), ENDED, as an ingest sends them. */
    private static void feed(ProducerTemplate t, Path file, boolean realTime) throws Exception {
        try (MediaFileReader r = MediaFileReader.open(file, Set.of(MediaType.VIDEO, MediaType.AUDIO), 1 << 20)) {
            StreamInfo info = new StreamInfo("live/t", r.tracks(), null);
            t.send("direct:in", e -> MediaExchanges.started(e, info));
            long start = System.nanoTime();
            MediaFrame f;
            while ((f = r.next()) != null) {
                MediaFrame frame = f;
                if (realTime) {
                    long due = start + frame.track().toMicros(frame.dts()) * 1000;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                t.send("direct:in", e -> MediaExchanges.frame(e, "live/t", frame));
            }
            t.send("direct:in", e -> MediaExchanges.ended(e, "live/t", "end of file", info));
        }
    }



}
