package io.camelmedia.format.amf;

import static io.camelmedia.format.amf.Amf0Marker.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Encodes Java values as AMF0 (the inverse of {@link Amf0Decoder}'s mapping). Any {@link Number} becomes an
 * AMF0 number; a string longer than 65535 UTF-8 bytes becomes a long string; an {@link AmfEcmaArray} an ECMA
 * array, any other {@link Map} an object; a {@link List} a strict array.
 */
public final class Amf0Encoder {
    private static final int MAX_SHORT_STRING = 0xFFFF;

    private Amf0Encoder() {
    }

    /** Writes every value in order (an RTMP command: name, transaction id, command object, arguments). */
    public static void encodeAll(ByteBuf out, Object... values) {
        for (Object v : values) {
            encode(out, v);
        }
    }

    public static void encode(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Number n) {
            out.writeByte(NUMBER).writeDouble(n.doubleValue());
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN).writeByte(b ? 1 : 0);
        } else if (value instanceof CharSequence s) {
            string(out, s.toString());
        } else if (value instanceof AmfEcmaArray a) {
            out.writeByte(ECMA_ARRAY).writeInt(a.size());
            properties(out, a);
        } else if (value instanceof Map<?, ?> m) {
            out.writeByte(OBJECT);
            properties(out, m);
        } else if (value instanceof List<?> list) {
            out.writeByte(STRICT_ARRAY).writeInt(list.size());
            for (Object v : list) {
                encode(out, v);
            }
        } else if (value instanceof AmfUndefined) {
            out.writeByte(UNDEFINED);
        } else if (value instanceof AmfDate d) {
            out.writeByte(DATE).writeDouble(d.epochMillis()).writeShort(d.timeZone());
        } else {
            throw new IllegalArgumentException("no AMF0 encoding for " + value.getClass().getName());
        }
    }

    private static void string(ByteBuf out, String s) {
        int length = ByteBufUtil.utf8Bytes(s);
        if (length <= MAX_SHORT_STRING) {
            out.writeByte(STRING).writeShort(length);
        } else {
            out.writeByte(LONG_STRING).writeInt(length);
        }
        out.writeCharSequence(s, StandardCharsets.UTF_8);
    }

    private static void properties(ByteBuf out, Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            key(out, String.valueOf(e.getKey()));
            encode(out, e.getValue());
        }
        out.writeShort(0).writeByte(OBJECT_END);
    }

    private static void key(ByteBuf out, String key) {
        int length = ByteBufUtil.utf8Bytes(key);
        if (length > MAX_SHORT_STRING) {
            throw new IllegalArgumentException("AMF0 property name longer than 65535 bytes");
        }
        out.writeShort(length).writeCharSequence(key, StandardCharsets.UTF_8);
    }
}
