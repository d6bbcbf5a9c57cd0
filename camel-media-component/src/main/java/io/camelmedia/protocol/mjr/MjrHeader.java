package io.camelmedia.protocol.mjr;

import io.camelmedia.format.json.JsonText;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The info header of one {@code .mjr} recording (Janus {@code record.c}, written before the first packet):
 *
 * <pre>
 * {"t":"v","c":"h264","f":"profile-level-id=42e01f","x":{"1":"urn:ietf:params:rtp-hdrext:sdes:mid"},
 *  "s":1795237173206599,"u":1795237173802643,"or":63,"e":true}
 * </pre>
 *
 * @param format             which layout the file has
 * @param kind               {@code t}: audio, video or data
 * @param codecName          {@code c} exactly as written (see {@link MjrCodec}); "vp8"/"opus"/"text" for
 *                           {@link MjrFormat#LEGACY} files, which name no codec
 * @param fmtp               {@code f}: the SDP fmtp line of the codec, or null
 * @param data               {@code d} as text (a string value as is, anything else as JSON), or null
 * @param extensions         {@code x}: RTP header extension id to URI (RFC 8285 extmap), empty if none
 * @param createdMicros      {@code s}: wall-clock µs (Unix epoch) the recorder was created, or -1
 * @param firstPacketMicros  {@code u}: wall-clock µs the first packet was written, or -1; MJR00002 arrival
 *                           offsets count from here
 * @param opusRedPayloadType {@code or}: payload type of RFC 2198 RED-wrapped Opus, 0 if none
 * @param e2ee               {@code e}: the payloads are end-to-end encrypted (insertable streams)
 * @param rawJson            the JSON text as written, or null for {@link MjrFormat#LEGACY}
 * @param recordsOffset      byte offset of the first record
 */
public record MjrHeader(MjrFormat format, MjrMediaKind kind, String codecName, String fmtp, String data,
                        Map<Integer, String> extensions, long createdMicros, long firstPacketMicros,
                        int opusRedPayloadType, boolean e2ee, String rawJson, long recordsOffset) {

    public MjrHeader {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codecName, "codecName");
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(extensions));
    }

    /**
     * The codec, checked.
     *
     * @throws MjrException naming {@code file} when {@code c} is not a codec Janus records
     */
    public MjrCodec codec(String file) {
        MjrCodec c = MjrCodec.of(codecName);
        if (c == null) {
            throw MjrException.header(file, 0, "unknown codec '" + codecName + "' in the info header "
                    + "(known: opus, multiopus, pcmu, pcma, g711, g722, l16, l16-48, vp8, vp9, h264, h265, av1, text, binary)");
        }
        boolean kindMatches = switch (kind) {
            case AUDIO -> c.codec().mediaType() == io.camelmedia.frame.MediaType.AUDIO;
            case VIDEO -> c.codec().mediaType() == io.camelmedia.frame.MediaType.VIDEO;
            case DATA -> c.codec() == io.camelmedia.frame.Codec.DATA;
        };
        if (!kindMatches) {
            throw MjrException.header(file, 0, "codec '" + codecName + "' does not fit a recording of type '"
                    + kind.code() + "'");
        }
        return c;
    }

    /** The codec if {@code c} names a known one, else null (no check of the kind). */
    public MjrCodec codecOrNull() {
        return MjrCodec.of(codecName);
    }

    /**
     * Reads the JSON info header (MJR00001/MJR00002).
     *
     * @param file      for messages
     * @param offset    byte offset of the JSON text in the file, for messages
     * @param recordsAt byte offset of the first record
     * @throws MjrException when the JSON is malformed or {@code t}, {@code c}, {@code s} or {@code u} are
     *                      missing or of the wrong type (janus-pp-rec refuses those files too)
     */
    static MjrHeader parse(String file, long offset, MjrFormat format, String json, long recordsAt) {
        Object parsed;
        try {
            parsed = MjrJson.parse(json);
        } catch (IllegalArgumentException e) {
            int at = e instanceof MjrJson.JsonError je ? je.at : 0;
            throw MjrException.header(file, offset + at, "info header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw MjrException.header(file, offset, "info header is not a JSON object");
        }
        MjrMediaKind kind = MjrMediaKind.of(string(m, "t", file, offset, true));
        if (kind == null) {
            throw MjrException.header(file, offset, "info header: unsupported recording type 't'=" + m.get("t")
                    + " (expected \"a\", \"v\" or \"d\")");
        }
        String codec = string(m, "c", file, offset, true);
        long s = integer(m, "s", file, offset);
        long u = integer(m, "u", file, offset);
        Object or = m.get("or");
        Object e = m.get("e");
        Object d = m.get("d");
        return new MjrHeader(format, kind, codec, string(m, "f", file, offset, false),
                d == null || d == MjrJson.NULL ? null : d instanceof String ds ? ds : String.valueOf(d),
                extensions(m.get("x")), s, u, or instanceof Long l ? (int) Math.max(0, Math.min(127, l)) : 0,
                Boolean.TRUE.equals(e), json, recordsAt);
    }

    /** The header of a {@link MjrFormat#LEGACY} file: kind only, codec assumed as janus-pp-rec does. */
    static MjrHeader legacy(MjrMediaKind kind, long recordsAt) {
        String codec = switch (kind) {
            case VIDEO -> "vp8";
            case AUDIO -> "opus";
            case DATA -> "text";
        };
        return new MjrHeader(MjrFormat.LEGACY, kind, codec, null, null, Map.of(), -1, -1, 0, false, null, recordsAt);
    }

    /**
     * This header as Janus writes it: t, c, f, d, x, s, u, or, e (absent values left out), in jansson's
     * default (non-compact) layout {@code {"t": "a", "c": "opus", ...}} so our files equal Janus's byte for byte.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "t", JsonText.quote(kind.code()));
        field(sb, "c", JsonText.quote(codecName));
        if (fmtp != null) {
            field(sb, "f", JsonText.quote(fmtp));
        }
        if (data != null) {
            field(sb, "d", JsonText.quote(data));
        }
        if (!extensions.isEmpty()) {
            StringBuilder x = new StringBuilder("{");
            extensions.forEach((id, uri) -> field(x, String.valueOf(id), JsonText.quote(uri)));
            field(sb, "x", x.append('}').toString());
        }
        field(sb, "s", Long.toString(createdMicros));
        field(sb, "u", Long.toString(firstPacketMicros));
        if (opusRedPayloadType > 0) {
            field(sb, "or", Integer.toString(opusRedPayloadType));
        }
        if (e2ee) {
            field(sb, "e", "true");
        }
        return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, String name, String jsonValue) {
        if (sb.length() > 1) {
            sb.append(", ");
        }
        sb.append(JsonText.quote(name)).append(": ").append(jsonValue);
    }

    private static String string(Map<?, ?> m, String key, String file, long offset, boolean required) {
        Object v = m.get(key);
        if (v == null || v == MjrJson.NULL) {
            if (required) {
                throw MjrException.header(file, offset, "info header has no '" + key + "'");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw MjrException.header(file, offset, "info header: '" + key + "' must be a string, was " + v);
        }
        return s;
    }

    private static long integer(Map<?, ?> m, String key, String file, long offset) {
        Object v = m.get(key);
        if (!(v instanceof Long l)) {
            throw MjrException.header(file, offset, "info header: '" + key + "' must be an integer (µs), was "
                    + (v == null ? "missing" : v));
        }
        return l;
    }

    private static Map<Integer, String> extensions(Object x) {
        if (!(x instanceof Map<?, ?> xm)) {
            return Map.of();
        }
        Map<Integer, String> out = new LinkedHashMap<>();
        xm.forEach((k, v) -> {
            try {
                int id = Integer.parseInt(String.valueOf(k));
                if (v instanceof String uri) {
                    out.put(id, uri);
                }
            } catch (NumberFormatException ignored) {
                // janus-pp-rec skips what it cannot use; so do we
            }
        });
        return out;
    }

    /** A builder for the writer's headers. */
    public static Builder builder(MjrMediaKind kind, String codecName) {
        return new Builder(kind, codecName);
    }

    /** Builds a header to write ({@link MjrFormat#MJR00002}). */
    public static final class Builder {
        private final MjrMediaKind kind;
        private final String codecName;
        private String fmtp;
        private String data;
        private Map<Integer, String> extensions = Map.of();
        private long createdMicros = -1;
        private long firstPacketMicros = -1;
        private int opusRedPayloadType;
        private boolean e2ee;

        private Builder(MjrMediaKind kind, String codecName) {
            this.kind = Objects.requireNonNull(kind);
            this.codecName = Objects.requireNonNull(codecName);
        }

        public Builder fmtp(String fmtp) {
            this.fmtp = fmtp;
            return this;
        }

        public Builder data(String data) {
            this.data = data;
            return this;
        }

        public Builder extensions(Map<Integer, String> extensions) {
            this.extensions = extensions;
            return this;
        }

        public Builder createdMicros(long createdMicros) {
            this.createdMicros = createdMicros;
            return this;
        }

        public Builder firstPacketMicros(long firstPacketMicros) {
            this.firstPacketMicros = firstPacketMicros;
            return this;
        }

        public Builder opusRedPayloadType(int pt) {
            this.opusRedPayloadType = pt;
            return this;
        }

        public Builder e2ee(boolean e2ee) {
            this.e2ee = e2ee;
            return this;
        }

        public MjrHeader build() {
            return new MjrHeader(MjrFormat.MJR00002, kind, codecName, fmtp, data, extensions, createdMicros,
                    firstPacketMicros, opusRedPayloadType, e2ee, null, -1);
        }
    }
}
