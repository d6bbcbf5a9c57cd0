package io.camelmedia.camel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.codec.CodecStrings;
import io.camelmedia.format.amf.AmfDate;
import io.camelmedia.format.amf.AmfUndefined;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns a stream event ({@code STARTED} / {@code ENDED}, body {@link StreamInfo}) into plain data that any data
 * format writes without knowing Camel Media: {@code convertBodyTo: java.util.Map}, then {@code marshal: json}
 * gives what a webhook, an MQTT topic or a Kafka record wants:
 *
 * <pre>{@code
 * {"event":"STARTED","path":"live/cam1","time":"2025-05-01T12:00:00.123Z",
 *  "description":"live/cam1 H264 1280x720, AAC 44100Hz 2ch",
 *  "tracks":[{"id":1,"mediaType":"VIDEO","codec":"H264","codecs":"avc1.64001f","clockRate":90000,"width":1280,"height":720},
 *            {"id":2,"mediaType":"AUDIO","codec":"AAC","codecs":"mp4a.40.2","clockRate":44100,"sampleRate":44100,"channels":2}],
 *  "metadata":{"encoder":"obs-output module (libobs version 30.0.0)","framerate":30, ...}}
 * }</pre>
 *
 * {@code event}, {@code reason} (ENDED) and {@code time} (when the consumer made the exchange, ISO-8601 UTC) come
 * from the exchange, so they are absent when there is none. Values are JSON's own types only: String, Long,
 * Double, Boolean, null, Map, List.
 */
@Converter(generateLoader = true)
public final class StreamInfoConverters {
    /** Largest double up to which every integer is exact (2^53). */
    private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992d;

    private StreamInfoConverters() {
    }

    /** The event as a map: see the class comment for its keys. */
    @Converter
    public static Map<String, Object> toMap(StreamInfo info, Exchange exchange) {
        Map<String, Object> m = new LinkedHashMap<>();
        Message in = exchange == null ? null : exchange.getIn();
        if (in != null && in.getHeader(MediaHeaders.EVENT) != null) {
            m.put("event", in.getHeader(MediaHeaders.EVENT, String.class));
        }
        m.put("path", info.path());
        if (exchange != null) {
            m.put("time", Instant.ofEpochMilli(exchange.getClock().getCreated()).toString());
        }
        if (in != null && in.getHeader(MediaHeaders.REASON) != null) {
            m.put("reason", in.getHeader(MediaHeaders.REASON, String.class));
        }
        m.put("description", info.describe());
        List<Object> tracks = new ArrayList<>(info.tracks().size());
        for (Track t : info.tracks()) {
            tracks.add(track(t));
        }
        m.put("tracks", tracks);
        m.put("metadata", plain(info.metadata()));
        return m;
    }

    /** A track's codec, clock and what its configuration tells; picture size or audio format only when known. */
    static Map<String, Object> track(Track t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("mediaType", t.mediaType().name());
        m.put("codec", t.codec().name());
        m.put("codecs", CodecStrings.of(t));
        m.put("clockRate", t.clockRate());
        putKnown(m, "width", t.width());
        putKnown(m, "height", t.height());
        putKnown(m, "sampleRate", t.sampleRate());
        putKnown(m, "channels", t.channels());
        return m;
    }

    private static void putKnown(Map<String, Object> m, String key, int value) {
        if (value > 0) {
            m.put(key, value);
        }
    }

    /**
     * A metadata value as JSON-native data. RTMP's onMetaData is AMF0: numbers are doubles (integral ones become
     * longs: {@code "width":1280}, not {@code 1280.0}), undefined becomes null, dates ISO-8601 strings; NaN and
     * infinities, which JSON cannot write, become null. Anything else is its {@code toString()}.
     */
    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            return v;
        }
        if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, value) -> out.put(String.valueOf(k), plain(value)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(e -> out.add(plain(e)));
            return out;
        }
        if (v instanceof AmfDate d) {
            return Double.isFinite(d.epochMillis()) ? Instant.ofEpochMilli((long) d.epochMillis()).toString() : null;
        }
        if (v == AmfUndefined.INSTANCE) {
            return null;
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return v.toString();
    }

    private static Object number(double d) {
        if (!Double.isFinite(d)) {
            return null;
        }
        if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_INTEGER) {
            return (long) d;
        }
        return d;
    }
}
