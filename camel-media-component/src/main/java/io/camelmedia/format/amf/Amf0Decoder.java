package io.camelmedia.format.amf;

import static io.camelmedia.format.amf.Amf0Marker.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;

/**
 * Decodes AMF0 values (AMF0 spec §2) from a {@link ByteBuf}, within limits. Every wire length and count is
 * checked against the bytes that remain before anything is allocated, so a hostile length costs nothing.
 * The decoder is immutable and thread-safe; the buffer's {@code readerIndex} advances past what was read,
 * the caller keeps ownership of the buffer.
 */
public final class Amf0Decoder {

    /** Nesting bound: onMetaData is 1-2 levels, an E-RTMP connect with videoFourCcInfoMap 2; 16 bounds the recursion with headroom. */
    public static final int DEFAULT_MAX_DEPTH = 16;
    /** Long-string bound (64 KiB): command and metadata strings (URLs, encoder names) are a few hundred bytes at most. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024;
    /** Properties per object / ECMA array, elements per strict array: onMetaData has about 20; 1024 is ample. */
    public static final int DEFAULT_MAX_PROPERTIES = 1024;
    /** Values per decode call (all levels): bounds the work one message can cause (1024 x 16 nested would be far more). */
    public static final int DEFAULT_MAX_VALUES = 16 * 1024;

    /** The decoder with the default limits. */
    public static final Amf0Decoder DEFAULT = new Amf0Decoder(DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_LENGTH,
            DEFAULT_MAX_PROPERTIES, DEFAULT_MAX_VALUES);

    private static final int UTF8_SHORT_LENGTH = 2;
    private static final int UTF8_LONG_LENGTH = 4;
    private static final int NUMBER_LENGTH = 8;
    private static final int DATE_LENGTH = 8 + 2;
    private static final int COUNT_LENGTH = 4;

    private final int maxDepth;
    private final int maxStringLength;
    private final int maxProperties;
    private final int maxValues;

    public Amf0Decoder(int maxDepth, int maxStringLength, int maxProperties, int maxValues) {
        this.maxDepth = positive("maxDepth", maxDepth);
        this.maxStringLength = positive("maxStringLength", maxStringLength);
        this.maxProperties = positive("maxProperties", maxProperties);
        this.maxValues = positive("maxValues", maxValues);
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** Decodes one value. */
    public Object decode(ByteBuf in) {
        return new Reader(in).value(0);
    }

    /** Decodes values until the buffer is exhausted (the body of an RTMP command or data message). */
    public List<Object> decodeAll(ByteBuf in) {
        Reader reader = new Reader(in);
        List<Object> values = new ArrayList<>();
        while (in.isReadable()) {
            values.add(reader.value(0));
        }
        return values;
    }

    /** The state of one decode call: where the region began (for offsets) and how many values it produced. */
    private final class Reader {
        private final ByteBuf in;
        private final int base;
        private int values;

        Reader(ByteBuf in) {
            this.in = in;
            this.base = in.readerIndex();
        }

        private int offset() {
            return in.readerIndex() - base;
        }

        Object value(int depth) {
            int at = offset();
            need(1, -1, "marker", at);
            int marker = in.readUnsignedByte();
            if (++values > maxValues) {
                throw AmfException.limit("value count", values, maxValues, marker, at);
            }
            switch (marker) {
                case NUMBER:
                    need(NUMBER_LENGTH, marker, "number", at);
                    return in.readDouble();
                case BOOLEAN:
                    need(1, marker, "boolean", at);
                    return in.readUnsignedByte() != 0;
                case STRING:
                    return utf8(UTF8_SHORT_LENGTH, marker, at);
                case LONG_STRING:
                    return utf8(UTF8_LONG_LENGTH, marker, at);
                case NULL:
                    return null;
                case UNDEFINED:
                case UNSUPPORTED: // "unsupported" carries no data; it means "no value here", as undefined does
                    return AmfUndefined.INSTANCE;
                case DATE:
                    need(DATE_LENGTH, marker, "date", at);
                    return new AmfDate(in.readDouble(), in.readShort());
                case OBJECT:
                    return properties(new LinkedHashMap<>(), depth, marker, at);
                case ECMA_ARRAY:
                    need(COUNT_LENGTH, marker, "ecma-array count", at);
                    in.skipBytes(COUNT_LENGTH); // a hint only: encoders write 0 as often as the true count
                    return properties(new AmfEcmaArray(), depth, marker, at);
                case STRICT_ARRAY:
                    return strictArray(depth, marker, at);
                case OBJECT_END:
                    throw new AmfException("object-end marker outside an object (marker "
                            + Amf0Marker.describe(marker) + " at offset " + at + ")");
                default:
                    throw new AmfException("unsupported AMF0 marker " + Amf0Marker.describe(marker)
                            + " at offset " + at + " (references, typed objects, XML and AMF3 are not accepted)");
            }
        }

        /*
         * object-property = (UTF-8 value-type) | (UTF-8-empty object-end-marker)   AMF0 spec §2.5
         * The same key/value list follows an ECMA array's 32-bit count (§2.10).
         */
        private Map<String, Object> properties(Map<String, Object> map, int depth, int marker, int at) {
            checkDepth(depth, marker, at);
            while (true) {
                int keyAt = offset();
                String key = utf8(UTF8_SHORT_LENGTH, marker, keyAt);
                if (key.isEmpty() && in.isReadable() && in.getUnsignedByte(in.readerIndex()) == OBJECT_END) {
                    in.skipBytes(1);
                    return map;
                }
                if (map.size() >= maxProperties) {
                    throw AmfException.limit("property count", map.size() + 1L, maxProperties, marker, at);
                }
                map.put(key, value(depth + 1));
            }
        }

        /* strict-array-type = array-count *(value-type)   AMF0 spec §2.12 */
        private List<Object> strictArray(int depth, int marker, int at) {
            checkDepth(depth, marker, at);
            need(COUNT_LENGTH, marker, "strict-array count", at);
            long count = in.readUnsignedInt();
            if (count > maxProperties) {
                throw AmfException.limit("strict-array count", count, maxProperties, marker, at);
            }
            need(count, marker, "strict-array of " + count + " values", at); // each value is at least its marker
            List<Object> list = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                list.add(value(depth + 1));
            }
            return list;
        }

        private void checkDepth(int depth, int marker, int at) {
            if (depth + 1 > maxDepth) {
                throw AmfException.limit("nesting depth", depth + 1L, maxDepth, marker, at);
            }
        }

        /* UTF-8 = U16 *(UTF8-char), UTF-8-long = U32 *(UTF8-char)   AMF0 spec §1.3 */
        private String utf8(int lengthSize, int marker, int at) {
            need(lengthSize, marker, "string length", at);
            long length = lengthSize == UTF8_SHORT_LENGTH ? in.readUnsignedShort() : in.readUnsignedInt();
            if (length > maxStringLength) {
                throw AmfException.limit("string length", length, maxStringLength, marker, at);
            }
            need(length, marker, "string of " + length + " bytes", at);
            String s = in.toString(in.readerIndex(), (int) length, StandardCharsets.UTF_8);
            in.skipBytes((int) length);
            return s;
        }

        private void need(long bytes, int marker, String what, int at) {
            if (in.readableBytes() < bytes) {
                throw AmfException.truncated(what, bytes, in.readableBytes(), marker, at);
            }
        }
    }
}
