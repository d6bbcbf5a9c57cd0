package io.camelmedia.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.format.amf.Amf0Decoder;
import io.camelmedia.format.amf.AmfDate;
import io.camelmedia.format.amf.AmfEcmaArray;
import io.camelmedia.format.amf.AmfUndefined;
import io.camelmedia.format.flv.FlvReader;
import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.RecordingMediaListener;
import io.netty.buffer.Unpooled;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StreamInfo to a plain map through Camel's type converter (the generated loader), as a route's convertBodyTo does. */
class StreamInfoConvertersTest {
    private CamelContext camel;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void startedOfAnFfmpegPublishHasPathCodecsPictureSizeAudioFormatAndMetadata() throws Exception {
        StreamInfo info = ffmpegFlv(FlvSamples.all().get(0));   // libopenh264 320x240 25 fps + aac 48 kHz mono
        Exchange exchange = new DefaultExchange(camel);
        MediaExchanges.started(exchange, info);
        long before = exchange.getClock().getCreated();

        Map<?, ?> m = convert(exchange);

        assertEquals(List.of("event", "path", "time", "description", "tracks", "metadata"), new ArrayList<>(m.keySet()));
        assertEquals("STARTED", m.get("event"));
        assertEquals("live/cam1", m.get("path"));
        assertEquals(Instant.ofEpochMilli(before), Instant.parse((String) m.get("time")));
        assertEquals("live/cam1 H264 320x240, AAC 48000Hz 1ch", m.get("description"));
        List<?> tracks = (List<?>) m.get("tracks");
        assertEquals(Map.of("id", 1, "mediaType", "VIDEO", "codec", "H264", "codecs", "avc1.42c014", "clockRate", 90_000,
                "width", 320, "height", 240), tracks.get(0));
        assertEquals(Map.of("id", 2, "mediaType", "AUDIO", "codec", "AAC", "codecs", "mp4a.40.2", "clockRate", 48_000,
                "sampleRate", 48_000, "channels", 1), tracks.get(1));
        Map<?, ?> meta = (Map<?, ?>) m.get("metadata");
        assertEquals(320L, meta.get("width"), "AMF numbers that are integers come out as integers: " + meta);
        assertEquals(25L, meta.get("framerate"), meta.toString());
        assertTrue(((String) meta.get("encoder")).startsWith("Lavf"), meta.toString());
        assertJson(m);
    }

    @Test
    void endedCarriesTheReason() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        StreamInfo info = new StreamInfo("live/cam1", List.of(Track.builder(1, Codec.OPUS).sampleRate(48_000).channels(2).build()),
                Map.of("protocol", "webrtc"));
        MediaExchanges.ended(exchange, "live/cam1", "publisher disconnected", info);

        Map<?, ?> m = convert(exchange);

        assertEquals("ENDED", m.get("event"));
        assertEquals("publisher disconnected", m.get("reason"));
        assertEquals(List.of(Map.of("id", 1, "mediaType", "AUDIO", "codec", "OPUS", "codecs", "opus", "clockRate", 48_000,
                "sampleRate", 48_000, "channels", 2)), m.get("tracks"));
        assertEquals(Map.of("protocol", "webrtc"), m.get("metadata"));
        assertJson(m);
    }

    @Test
    void unknownPictureSizeIsLeftOutNotZero() {
        Track vp9 = Track.builder(1, Codec.VP9).build();
        Map<String, Object> t = StreamInfoConverters.track(vp9);
        assertFalse(t.containsKey("width"), t.toString());
        assertFalse(t.containsKey("sampleRate"), t.toString());
        assertEquals("vp09.00.10.08", t.get("codecs"));
    }

    @Test
    void withoutAnExchangeThereIsNoEventNorTime() throws Exception {
        StreamInfo info = new StreamInfo("live/x", List.of(), Map.of());
        Map<?, ?> m = camel.getTypeConverter().mandatoryConvertTo(Map.class, info);
        assertEquals(List.of("path", "description", "tracks", "metadata"), new ArrayList<>(m.keySet()));
    }

    /** What AMF0 onMetaData can hold that JSON cannot: each becomes JSON-native, nested maps and lists included. */
    @Test
    void amfValuesBecomeJsonValues() throws Exception {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("framerate", 29.97);
        meta.put("width", 1280.0);
        meta.put("audiodatarate", Double.NaN);
        meta.put("videodatarate", Double.POSITIVE_INFINITY);
        meta.put("huge", 1e300);
        meta.put("creationdate", AmfDate.ofEpochMillis(1_700_000_000_000L));
        meta.put("undefined", AmfUndefined.INSTANCE);
        meta.put("null", null);
        meta.put("stereo", true);
        meta.put("trackinfo", List.of(new AmfEcmaArray(Map.of("language", "eng", "timescale", 48000.0))));
        meta.put("bytes", new byte[] {1, 2, 3});
        meta.put("other", new StringBuilder("text"));

        Map<?, ?> m = (Map<?, ?>) StreamInfoConverters.plain(meta);

        assertEquals(29.97, m.get("framerate"));
        assertEquals(1280L, m.get("width"));
        assertEquals(null, m.get("audiodatarate"));
        assertEquals(null, m.get("videodatarate"));
        assertEquals(1e300, m.get("huge"), "beyond 2^53 a double stays a double");
        assertEquals("2023-11-14T22:13:20Z", m.get("creationdate"));
        assertTrue(m.containsKey("undefined") && m.get("undefined") == null);
        assertEquals(true, m.get("stereo"));
        assertEquals(List.of(Map.of("language", "eng", "timescale", 48000L)), m.get("trackinfo"));
        assertInstanceOf(LinkedHashMap.class, ((List<?>) m.get("trackinfo")).get(0), "no AMF types left");
        assertEquals("AQID", m.get("bytes"));
        assertEquals("text", m.get("other"));
        assertJson(m);
    }

    private Map<?, ?> convert(Exchange exchange) {
        return exchange.getContext().getTypeConverter().convertTo(Map.class, exchange, exchange.getIn().getBody());
    }

    /** Writes as JSON with no custom serializer (camel-util's Jsoner refuses other types) and reads back equal. */
    private static void assertJson(Map<?, ?> m) throws DeserializationException {
        String json = Jsoner.serialize(m);
        Object back = Jsoner.deserialize(json);
        assertEquals(normalize(m), normalize(back), json);
    }

    /** Jsoner reads numbers as BigDecimal: compare as text. */
    private static Object normalize(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new HashMap<>();
            map.forEach((k, value) -> out.put((String) k, normalize(value)));
            return out;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(StreamInfoConvertersTest::normalize).toList();
        }
        return v instanceof Number n ? new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString() : v;
    }

    private StreamInfo ffmpegFlv(FlvSamples.Sample sample) throws Exception {
        RecordingMediaListener rec = new RecordingMediaListener();
        FlvStreamAssembler assembler = new FlvStreamAssembler("live/cam1", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        FlvReader.read(sample.writeFlv(dir.resolve("in.flv")), assembler, (ts, body) -> {
            List<Object> values = Amf0Decoder.DEFAULT.decodeAll(Unpooled.wrappedBuffer(body));
            if (values.size() == 2 && "onMetaData".equals(values.get(0)) && values.get(1) instanceof Map<?, ?> props) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) props;
                assembler.metadata(p);
            }
        });
        assembler.end("eof");
        return rec.info();
    }
}
