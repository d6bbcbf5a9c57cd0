package io.camelmedia.camel.mjr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import io.camelmedia.camel.media.MediaEndpoint;
import io.camelmedia.camel.media.MediaOperation;
import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** URIs through the generated configurers, declared defaults, and bad options. */
class MjrComponentTest {
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
    void parsesOptions() {
        MjrEndpoint e = camel.getEndpoint("file-mjr:/rec?include=.*-video\\.mjr&move=done&replay=realtime"
                + "&naming=_a.mjr,_v.mjr&streamPrefix=x/&readLockMinAge=5&delay=250", MjrEndpoint.class);
        assertEquals("/rec", e.getPath());
        assertEquals(".*-video\\.mjr", e.getInclude());
        assertEquals("done", e.getMove());
        assertEquals("realtime", e.getReplay());
        assertEquals("_a.mjr", e.naming().audioSuffix());
        assertEquals("_v.mjr", e.naming().videoSuffix());
        assertEquals("x/", e.getStreamPrefix());
        assertEquals(5, e.getReadLockMinAge());
        assertEquals(250, e.getDelay());
    }

    @Test
    void catalogDefaultsAreTheRuntimeDefaults() throws Exception {
        MjrEndpoint e = camel.getEndpoint("file-mjr:/rec", MjrEndpoint.class);
        String json;
        try (var in = getClass().getResourceAsStream("/META-INF/io/camelmedia/camel/mjr/file-mjr.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonObject props = ((JsonObject) Jsoner.deserialize(json)).getMap("properties");
        var configurer = new MjrEndpointConfigurer();
        int checked = 0;
        for (String name : new String[] {"include", "delete", "replay", "naming", "streamPrefix", "readLockMinAge",
                "idempotentCacheSize", "maxFrameSize"}) {
            JsonObject p = (JsonObject) props.get(name);
            assertEquals(String.valueOf(p.get("defaultValue")), String.valueOf(configurer.getOptionValue(e, name, false)),
                    "default of " + name);
            checked++;
        }
        assertEquals(8, checked);
        MediaEndpoint m = camel.getEndpoint("media:record", MediaEndpoint.class);
        assertEquals(MediaOperation.record, m.getOperation());
        assertTrue(m.isFaststart());
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(ResolveEndpointFailedException.class, () -> camel.getEndpoint("file-mjr:/rec?bogus=1"));
        MjrEndpoint e = camel.getEndpoint("file-mjr:/rec?replay=slow", MjrEndpoint.class);
        Exception ex = assertThrows(IllegalArgumentException.class, () -> e.createConsumer(x -> { }));
        assertTrue(ex.getMessage().contains("replay must be fast or realtime"), ex.getMessage());
        MjrEndpoint n = camel.getEndpoint("file-mjr:/rec?naming=onlyone", MjrEndpoint.class);
        ex = assertThrows(IllegalArgumentException.class, n::createProducer);
        assertTrue(ex.getMessage().contains("naming must be"), ex.getMessage());
        MediaEndpoint r = camel.getEndpoint("media:record?format=avi", MediaEndpoint.class);
        ex = assertThrows(IllegalArgumentException.class, r::createProducer);
        assertTrue(ex.getMessage().contains("mp4, webm, opus, wav or auto"), ex.getMessage());
    }
}
