package io.camelmedia.camel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import io.camelmedia.camel.media.MediaEndpoint;
import io.camelmedia.camel.rtmp.RtmpConfiguration;
import io.camelmedia.camel.rtmp.RtmpEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What createEndpoint builds from a URI, through the generated configurers. */
class RtmpComponentTest {
    private CamelContext camel;

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
    void parsesHostPortAppAndOptions() {
        RtmpEndpoint e = camel.getEndpoint(
                "rtmp://0.0.0.0:1936/live?idleTimeout=3s&handshakeTimeout=1500&maxFrameSize=1000",
                RtmpEndpoint.class);
        RtmpConfiguration c = e.getConfiguration();
        assertEquals("0.0.0.0", c.getHost());
        assertEquals(1936, c.getPort());
        assertEquals("live", c.getApp());
        assertEquals(3000, c.getIdleTimeout());
        assertEquals(1500, c.getHandshakeTimeout());
        assertEquals(1000, c.getMaxFrameSize());
    }

    @Test
    void portDefaultsTo1935AndAppIsOptional() {
        RtmpConfiguration c = camel.getEndpoint("rtmp://localhost", RtmpEndpoint.class).getConfiguration();
        assertEquals("localhost", c.getHost());
        assertEquals(RtmpConfiguration.DEFAULT_PORT, c.getPort());
        assertNull(c.getApp());
        assertNull(c.getAuthenticator());
    }

    @Test
    void catalogDefaultsAreTheRuntimeDefaults() throws Exception {
        // STYLE 16: every defaultValue the generated catalog declares is what the configuration starts with
        RtmpEndpoint e = camel.getEndpoint("rtmp://0.0.0.0/live", RtmpEndpoint.class);
        String json;
        try (var in = getClass().getResourceAsStream("/META-INF/io/camelmedia/camel/rtmp/rtmp.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        JsonObject props = ((JsonObject) Jsoner.deserialize(json)).getMap("properties");
        var configurer = new io.camelmedia.camel.rtmp.RtmpEndpointConfigurer();
        int checked = 0;
        for (var entry : props.entrySet()) {
            JsonObject p = (JsonObject) entry.getValue();
            Object declared = p.get("defaultValue");
            if (declared == null || !"parameter".equals(p.getString("kind"))) {
                continue;
            }
            Object actual = configurer.getOptionValue(e, entry.getKey(), false);
            if ("java.time.Duration".equals(p.getString("javaType")) || String.valueOf(declared).endsWith("s")
                    && actual instanceof Long) {
                declared = org.apache.camel.util.TimeUtils.toMilliSeconds(String.valueOf(declared));
            }
            assertEquals(String.valueOf(declared), String.valueOf(actual), "default of " + entry.getKey());
            checked++;
        }
        assertTrue(checked >= 6, "checked " + checked + " defaults");
    }

    @Test
    void badUrisGetClearErrors() {
        Exception noHost = assertThrows(ResolveEndpointFailedException.class, () -> camel.getEndpoint("rtmp://:1935/live"));
        assertTrue(noHost.getMessage().contains("needs a host"), noHost.getMessage());
        Exception badPort = assertThrows(ResolveEndpointFailedException.class, () -> camel.getEndpoint("rtmp://0.0.0.0:99999/live"));
        assertTrue(badPort.getMessage().contains("port must be 0..65535"), badPort.getMessage());
        Exception unknown = assertThrows(ResolveEndpointFailedException.class, () -> camel.getEndpoint("rtmp://0.0.0.0/live?bogus=1"));
        assertTrue(unknown.getMessage().contains("bogus"), unknown.getMessage());
    }

    @Test
    void rtmpIsConsumerOnlyForNow() {
        RtmpEndpoint e = camel.getEndpoint("rtmp://127.0.0.1:1935/live", RtmpEndpoint.class);
        Exception ex = assertThrows(UnsupportedOperationException.class, e::createProducer);
        assertTrue(ex.getMessage().contains("not available yet"));
    }

    @Test
    void mediaAnnexbEndpoint() {
        MediaEndpoint e = camel.getEndpoint("media:annexb?format=avcc", MediaEndpoint.class);
        assertEquals("avcc", e.getFormat());
        MediaEndpoint defaults = camel.getEndpoint("media:annexb", MediaEndpoint.class);
        assertNull(defaults.getFormat(), "no format: the operation's default (annexb for media:annexb)");
        assertInstanceOf(org.apache.camel.Producer.class, assertDoesNotThrow(defaults::createProducer));
        Exception unknown = assertThrows(ResolveEndpointFailedException.class, () -> camel.getEndpoint("media:bogus"));
        assertTrue(unknown.getMessage().contains("unknown operation 'bogus'"), unknown.getMessage());
        MediaEndpoint bad = camel.getEndpoint("media:annexb?format=h264", MediaEndpoint.class);
        assertInstanceOf(IllegalArgumentException.class, assertThrows(Exception.class, bad::createProducer));
    }
}
