package io.camelmedia.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.TimeUtils;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every component's generated catalog (what Camel tooling, JBang and the docs read) is complete and true: every
 * option has a description, enums are declared where the option takes a fixed set, and every declared default is
 * the value the endpoint really starts with (STYLE 16).
 */
class CatalogTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rtmp, rtmp/rtmp.json, rtmp://0.0.0.0/live",
        "srt, srt/srt.json, srt://0.0.0.0:8890",
        "rtp, rtp/rtp.json, rtp://0.0.0.0:5000",
        "hls, hls/hls.json, hls:catalog",
        "whip, webrtc/whip.json, whip:catalog",
        "whep, webrtc/whep.json, whep:catalog",
        "media, media/media.json, media:annexb",
        "file-mjr, mjr/file-mjr.json, file-mjr:target/catalog",
        "file-media, filemedia/file-media.json, file-media:target/catalog",
        "playback, playback/playback.json, playback:catalog",
    })
    void catalogIsCompleteAndItsDefaultsAreTheRuntimeDefaults(String scheme, String json, String uri) throws Exception {
        JsonObject catalog;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/camelmedia/camel/" + json)) {
            assertNotNull(in, json);
            catalog = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        JsonObject component = (JsonObject) catalog.get("component");
        JsonObject properties = (JsonObject) catalog.get("properties");
        assertEquals(scheme, component.getString("scheme"));
        assertFalse(component.getString("description").isBlank(), scheme + " component description");
        try (CamelContext camel = new DefaultCamelContext()) {
            Endpoint e = camel.getEndpoint(uri);
            PropertyConfigurerGetter configurer = (PropertyConfigurerGetter) PluginHelper.getConfigurerResolver(camel)
                    .resolvePropertyConfigurer(scheme + "-endpoint", camel);
            assertNotNull(configurer, scheme + "-endpoint configurer");
            int defaults = 0;
            for (Map.Entry<String, Object> entry : properties.entrySet()) {
                JsonObject p = (JsonObject) entry.getValue();
                String what = scheme + " option " + entry.getKey();
                assertFalse(p.getStringOrDefault("description", "").isBlank(), what + " has no description");
                Object declared = p.get("defaultValue");
                if (p.get("enum") != null && declared != null) {
                    assertTrue(p.getCollection("enum").contains(String.valueOf(declared)), what + ": default not in its enum");
                }
                // the scheduler group is Camel's ScheduledPollEndpoint's own (-1 there means "the consumer's default")
                if (declared == null || !"parameter".equals(p.getString("kind")) || "scheduler".equals(p.getString("group"))) {
                    continue;
                }
                Object actual = configurer.getOptionValue(e, entry.getKey(), true);
                if (actual instanceof Long && String.valueOf(declared).matches("\\d+(ms|s|m|h)")) {
                    declared = TimeUtils.toMilliSeconds(String.valueOf(declared));
                } else if (actual instanceof java.time.Duration d) {
                    actual = d.toMillis();
                    declared = TimeUtils.toMilliSeconds(String.valueOf(declared));
                }
                assertEquals(String.valueOf(declared), String.valueOf(actual), what + ": catalog default vs runtime");
                defaults++;
            }
            assertTrue(defaults > 0 || properties.size() < 8, scheme + ": " + defaults + " defaults checked");
        }
    }
}
