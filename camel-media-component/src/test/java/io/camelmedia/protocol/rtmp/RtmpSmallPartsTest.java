package io.camelmedia.protocol.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Stream names, app names, timestamps, aggregate messages and config validation. */
class RtmpSmallPartsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "test?key=secret, test, secret, secret",
        "test, test, , test",
        "cam1?foo=1&key=k2, cam1, k2, k2",
        "cam1?foo=1, cam1, , cam1",
    })
    void streamNameAndKey(String publishName, String name, String key, String credential) {
        assertEquals(new RtmpStreamName(name, key), RtmpStreamName.parse(publishName));
        assertEquals(credential, RtmpStreamName.parse(publishName).credential());
        assertEquals("live/" + name, RtmpStreamName.parse(publishName).path("live"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"live, live", "live/, live", "live?token=1, live", "/live, live", "a/b, a/b"})
    void appNormalized(String app, String expected) {
        assertEquals(expected, RtmpSessionHandler.normalizeApp(app));
    }

    @ParameterizedTest(name = "extend({0}, {1}) = {2}")
    @CsvSource({
        "0, 1000, 1000",
        "4294967200, 100, 4294967396",      // forward across the wrap
        "4294967396, 4294967200, 4294967200", // a little back, across the wrap again
        "8589934592, 5, 8589934597",
        "1000, 500, 500",                    // small steps back stay in the same turn
    })
    void timestampExtension(long previous, long wire, long expected) {
        assertEquals(expected, RtmpTimestamp.extend(previous, wire));
    }

    @Test
    void aggregateMessageSplitsIntoTags() {
        ByteBuf body = Unpooled.buffer();
        tag(body, RtmpMessageType.VIDEO, 1000, new byte[] {0x17, 1});
        tag(body, RtmpMessageType.AUDIO, 1023, new byte[] {(byte) 0xAF, 1, 2});
        RtmpMessage agg = new RtmpMessage(6, 5000, RtmpMessageType.AGGREGATE, 1, body);
        List<String> seen = new ArrayList<>();
        RtmpAggregateMessage.split(agg, (type, ts, payload) -> seen.add(type + "@" + ts + ":" + payload.readableBytes()));
        assertEquals(List.of("9@5000:2", "8@5023:3"), seen);
        agg.release();
    }

    @Test
    void aggregateOverrunIsRejected() {
        ByteBuf body = Unpooled.buffer().writeByte(9).writeMedium(100).writeMedium(0).writeByte(0).writeMedium(0).writeByte(1);
        RtmpMessage agg = new RtmpMessage(6, 0, RtmpMessageType.AGGREGATE, 1, body);
        RtmpException e = assertThrows(RtmpException.class, () -> RtmpAggregateMessage.split(agg, (t, ts, p) -> { }));
        assertTrue(e.getMessage().contains("overruns"), e.getMessage());
        agg.release();
    }

    private static void tag(ByteBuf out, int type, long ts, byte[] data) {
        out.writeByte(type).writeMedium(data.length).writeMedium((int) ts & 0xFFFFFF).writeByte((int) (ts >>> 24))
                .writeMedium(0).writeBytes(data).writeInt(11 + data.length);
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of(RtmpServerConfig.builder().port(70000), "port must be 0..65535"),
                Arguments.of(RtmpServerConfig.builder().app("/live"), "app must be null or a name"),
                Arguments.of(RtmpServerConfig.builder().maxMessageSize(1 << 24), "maxMessageSize must be 1..16777215"),
                Arguments.of(RtmpServerConfig.builder().maxFrameSize(0), "maxFrameSize must be positive"),
                Arguments.of(RtmpServerConfig.builder().handshakeTimeout(Duration.ZERO), "handshakeTimeout must be positive"),
                Arguments.of(RtmpServerConfig.builder().idleTimeout(Duration.ofSeconds(-1)), "idleTimeout must be positive"),
                Arguments.of(RtmpServerConfig.builder().eventLoopThreads(-1), "eventLoopThreads must be >= 0"),
                Arguments.of(RtmpServerConfig.builder().maxConnections(0), "maxConnections must be positive"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidConfigs")
    void configIsValidated(RtmpServerConfig.Builder builder, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void configDefaults() {
        RtmpServerConfig c = RtmpServerConfig.builder().build();
        assertEquals("0.0.0.0", c.host());
        assertEquals(1935, c.port());
        assertEquals(null, c.app());
        assertTrue(c.authenticator().isOpen(io.camelmedia.hub.AuthAction.PUBLISH));
        assertEquals(8 * 1024 * 1024 + 1024, c.maxMessageSize());
        assertEquals(8 * 1024 * 1024, c.maxFrameSize());
        assertEquals(Duration.ofSeconds(10), c.handshakeTimeout());
        assertEquals(Duration.ofSeconds(30), c.idleTimeout());
        assertEquals(0, c.eventLoopThreads());
        assertEquals(1000, c.maxConnections());
    }
}
