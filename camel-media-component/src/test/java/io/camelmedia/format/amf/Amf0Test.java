package io.camelmedia.format.amf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Amf0Test {

    static Stream<Arguments> roundTrips() {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", "live");
        connect.put("type", "nonprivate");
        connect.put("flashVer", "FMLE/3.0 (compatible; Lavf62.3.100)");
        connect.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        connect.put("fourCcList", List.of("av01", "vp09", "hvc1"));
        AmfEcmaArray meta = new AmfEcmaArray();
        meta.put("duration", 0.0);
        meta.put("width", 1280.0);
        meta.put("videocodecid", 7.0);
        meta.put("encoder", "Lavf62.3.100");
        meta.put("stereo", true);
        return Stream.of(
                Arguments.of("number", 29.97),
                Arguments.of("negative zero", -0.0),
                Arguments.of("boolean true", true),
                Arguments.of("boolean false", false),
                Arguments.of("empty string", ""),
                Arguments.of("utf-8 string", "caméra ☃"),
                Arguments.of("long string (70000 bytes)", "x".repeat(70_000).substring(0, 60_000) + "y".repeat(5_536)),
                Arguments.of("null", null),
                Arguments.of("undefined", AmfUndefined.INSTANCE),
                Arguments.of("date", new AmfDate(1.7e12, (short) 0)),
                Arguments.of("ffmpeg connect object", connect),
                Arguments.of("onMetaData ecma array", meta),
                Arguments.of("strict array mixed", Arrays.asList(1.0, "a", null, List.of(), Map.of())),
                Arguments.of("nested objects", Map.of("a", Map.of("b", Map.of("c", 1.0)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void roundTrip(String name, Object value) {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeByte(0xEE); // decode at a non-zero offset
            buf.readByte();
            Amf0Encoder.encode(buf, value);
            int end = buf.writerIndex();
            Object back = new Amf0Decoder(16, 100_000, 1024, 100_000).decode(buf);
            assertEquals(value, back);
            assertEquals(end, buf.readerIndex(), "reads exactly the value");
            if (value instanceof AmfEcmaArray) {
                assertTrue(back instanceof AmfEcmaArray, "ECMA array stays an ECMA array");
            }
        } finally {
            buf.release();
        }
    }

    @Test
    void decodesFfmpegPublishCommand() {
        // publish(txn 5, null, "test?key=secret", "live") as ffmpeg writes it
        byte[] bytes = ByteBufUtil.decodeHexDump(
                "02" + "0007" + hex("publish")
                + "00" + "4014000000000000"                      // number 5
                + "05"                                           // null
                + "02" + "000f" + hex("test?key=secret")
                + "02" + "0004" + hex("live"));
        List<Object> values = Amf0Decoder.DEFAULT.decodeAll(Unpooled.wrappedBuffer(bytes));
        assertEquals(Arrays.asList("publish", 5.0, null, "test?key=secret", "live"), values);
    }

    @Test
    void ecmaArrayCountIsOnlyAHint() {
        // count 0, one property: encoders (ffmpeg's flvenc, some OBS versions) disagree on the count
        byte[] bytes = ByteBufUtil.decodeHexDump("08" + "00000000" + "0001" + hex("a") + "0101" + "000009");
        assertEquals(Map.of("a", true), Amf0Decoder.DEFAULT.decode(Unpooled.wrappedBuffer(bytes)));
    }

    static Stream<Arguments> rejects() {
        return Stream.of(
                Arguments.of("deep nesting", nested(17), "nesting depth 17 exceeds limit 16"),
                Arguments.of("huge long string", "0c" + "7fffffff", "string length 2147483647 exceeds limit 65536"),
                Arguments.of("string longer than the message", "02" + "0010" + "6162", "string of 16 bytes needs 16 bytes but 2 remain"),
                Arguments.of("strict array count beyond limit", "0a" + "00100000", "strict-array count 1048576 exceeds limit 1024"),
                Arguments.of("strict array count beyond bytes", "0a" + "00000100" + "05", "needs 256 bytes but 1 remain"),
                Arguments.of("truncated number", "00" + "4014", "number needs 8 bytes but 2 remain"),
                Arguments.of("object without end", "03" + "0001" + hex("a") + "0101", "string length needs 2 bytes but 0 remain"),
                Arguments.of("reference", "07" + "0001", "unsupported AMF0 marker 0x07 reference at offset 0"),
                Arguments.of("typed object", "10" + "0001" + hex("A"), "0x10 typed-object"),
                Arguments.of("AMF3 switch", "11" + "06", "0x11 avmplus-object (AMF3 switch)"),
                Arguments.of("invalid marker", "42", "0x42 invalid"),
                Arguments.of("stray object end", "09", "object-end marker outside an object"),
                Arguments.of("too many properties", manyProperties(1025), "property count 1025 exceeds limit 1024"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejects")
    void rejectsWithAClearMessage(String name, String hex, String expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        AmfException e = assertThrows(AmfException.class, () -> Amf0Decoder.DEFAULT.decodeAll(buf));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void totalValueLimit() {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            list.add(1.0);
        }
        ByteBuf buf = Unpooled.buffer();
        Amf0Encoder.encode(buf, list);
        AmfException e = assertThrows(AmfException.class, () -> new Amf0Decoder(16, 100, 100, 10).decode(buf));
        assertTrue(e.getMessage().startsWith("value count 11 exceeds limit 10"), e.getMessage());
    }

    static String nested(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("03").append("0001").append(hex("a"));
        }
        sb.append("05");
        sb.append("000009".repeat(depth));
        return sb.toString();
    }

    static String manyProperties(int n) {
        StringBuilder sb = new StringBuilder("03");
        for (int i = 0; i < n; i++) {
            String key = Integer.toString(i);
            sb.append(String.format("%04x", key.length())).append(hex(key)).append("05");
        }
        return sb.append("000009").toString();
    }

    static String hex(String s) {
        return ByteBufUtil.hexDump(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
