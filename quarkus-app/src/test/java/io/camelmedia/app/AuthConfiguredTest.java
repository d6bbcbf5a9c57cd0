package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.camelmedia.camel.MediaAuth;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.SampleFrames;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

/**
 * The app's auth properties as a user sets them: static keys per path for publish and read, and a hook route
 * (direct:app-auth, {@link AuthHookRoute}) for the rest. An OBS-style RTMP publish (the key as the stream name)
 * is served at its rule's path and nowhere else; HLS needs the read key (Bearer or ?token=); the hook maps its
 * key to its own path.
 */
@QuarkusTest
@TestProfile(AuthConfiguredTest.Keys.class)
class AuthConfiguredTest {
    public static class Keys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("camel.media.auth.publish", "live/cam1=apppub1",
                    "camel.media.auth.read", "live/cam1=appread1",
                    "camel.media.auth.hook", "direct:app-auth");
        }
    }

    @TestHTTPResource("/")
    URL base;
    @Inject
    CamelContext camel;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Ffmpeg.Result publish(Path source, String name) throws Exception {
        return Ffmpeg.run(60, "-nostdin", "-loglevel", "error", "-i", source.toString(), "-c", "copy", "-f", "flv",
                "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/" + name);
    }

    /** The media playlist once it lists the whole (ended) stream, or "" if it never does. */
    private String endedPlaylist(String path, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String media = "";
        while (System.nanoTime() < deadline && !media.contains("#EXT-X-ENDLIST")) {
            HttpResponse<String> r = get("/hls/" + path + "/media.m3u8?token=" + token);
            media = r.statusCode() == 200 ? r.body() : "";
            Thread.sleep(100);
        }
        return media;
    }

    @Test
    void keysPerPathTheKeyIsNeverThePublicNameAndTheHookRouteDecides() throws Exception {
        assertTrue(!MediaAuth.of(camel).isOpen(AuthAction.PUBLISH) && !MediaAuth.of(camel).isOpen(AuthAction.READ));
        Path source = SampleFrames.writeH264Aac(Files.createTempDirectory("auth-app").resolve("src.flv"), 3);

        assertNotEquals(0, publish(source, "live/cam1").exitCode(), "no key");
        assertNotEquals(0, publish(source, "live/cam1?key=wrong").exitCode(), "wrong key");
        assertNotEquals(0, publish(source, "live/cam2?key=apppub1").exitCode(), "the key of live/cam1 on live/cam2");
        publish(source, "live/apppub1").requireSuccess(); // OBS: Server rtmp://host/live, Stream Key apppub1

        String media = endedPlaylist("live/cam1", "appread1");
        assertTrue(media.contains("#EXT-X-ENDLIST"), "served at live/cam1: " + media);
        assertTrue(media.contains("?token=appread1"), media);
        assertEquals(401, get("/hls/live/cam1/index.m3u8").statusCode());
        assertEquals(403, get("/hls/live/cam1/index.m3u8?token=apppub1").statusCode(), "a publish key does not read");
        assertNotEquals(200, get("/hls/live/apppub1/index.m3u8?token=appread1").statusCode(), "nothing at the key");
        String url = base.toString().replaceAll("/$", "") + "/hls/live/cam1/index.m3u8?token=appread1";
        Ffmpeg.run(60, "-v", "error", "-i", url, "-f", "null", "-").requireSuccess();

        publish(source, "live/hookkey1").requireSuccess(); // the hook maps the key to live/hooked
        assertTrue(endedPlaylist("live/hooked", "hookkey1").contains("#EXT-X-ENDLIST"), "the hook's path is served");
        assertEquals(403, get("/hls/live/cam1/index.m3u8?token=hookkey1").statusCode(), "the hook allows its path only");
        assertTrue(MediaAuth.of(camel).failures().count("rtmp", AuthAction.PUBLISH) >= 3);
        assertTrue(MediaAuth.of(camel).failures().count("hls", AuthAction.READ) >= 2);
    }

    /** The control API asks the same authenticator: the key names the stream (the rule's path), api calls need api leave. */
    @Test
    void theControlApiTakesTheKeysOfTheRules() throws Exception {
        int port;
        try (java.net.DatagramSocket u = new java.net.DatagramSocket(0)) {
            port = u.getLocalPort();
        }
        String body = "{\"addr\":\"127.0.0.1\",\"port\":" + port + ",\"payloadType\":96,\"codecType\":\"h264\"}";
        double refusedBefore = io.camelmedia.app.metrics.MetricsAndHealthTest.scrape(new java.net.URL(base, "q/metrics"), null)
                .getOrDefault("camelmedia_auth_failures_total{api/publish}", 0.0);
        assertEquals(401, api("POST", "/v1/ingress/rtp", null, body).statusCode());
        HttpResponse<String> wrong = api("POST", "/v1/ingress/rtp", "not-a-key", body);
        assertEquals(403, wrong.statusCode(), wrong.body());
        // refused attempts are counted in the metrics, per protocol and action
        assertEquals(refusedBefore + 1, io.camelmedia.app.metrics.MetricsAndHealthTest.scrape(new java.net.URL(base, "q/metrics"), null)
                .get("camelmedia_auth_failures_total{api/publish}"));
        HttpResponse<String> made = api("POST", "/v1/ingress/rtp", "apppub1", body);
        assertEquals(201, made.statusCode(), made.body());
        assertTrue(made.body().contains("\"stream\" : \"live/cam1\""), "the rule's path, not the key: " + made.body());
        String id = made.body().replaceAll("(?s).*\"id\" : \"([^\"]+)\".*", "$1");
        // listing and deleting are api actions: the publish key alone may not, the hook's key may
        assertEquals(401, api("GET", "/v1/streams", null, null).statusCode());
        assertEquals(403, api("DELETE", "/v1/ingress/" + id, "apppub1", null).statusCode());
        HttpResponse<String> deleted = api("DELETE", "/v1/ingress/" + id, "hookkey1", null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        // the hook maps its key to its path for the API too
        HttpResponse<String> hooked = api("POST", "/v1/ingress/rtp", "hookkey1", body);
        assertEquals(201, hooked.statusCode(), hooked.body());
        assertTrue(hooked.body().contains("\"stream\" : \"live/hooked\""), hooked.body());
        String hookedId = hooked.body().replaceAll("(?s).*\"id\" : \"([^\"]+)\".*", "$1");
        assertEquals(200, api("DELETE", "/v1/ingress/" + hookedId, "hookkey1", null).statusCode());
    }

    /** The player page with a read key in its URL lists and plays a stream that needs one; without it, it cannot. */
    @Test
    @org.junit.jupiter.api.Tag("browser")
    void thePlayerPagePassesItsReadKey() throws Exception {
        io.camelmedia.testing.HeadlessChromium.assumeAvailable();
        Path source = SampleFrames.writeH264Aac(Files.createTempDirectory("auth-page").resolve("src.flv"), 20);
        try (Ffmpeg.Running pub = Ffmpeg.start(Files.createTempFile("auth-page", ".log"), "-re", "-i", source.toString(),
                "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/live/cam1?key=apppub1");
             io.camelmedia.testing.HeadlessChromium chrome = io.camelmedia.testing.HeadlessChromium.start()) {
            chrome.open(base + "?stream=live/cam1&format=fmp4");
            chrome.waitFor("document.querySelector('#stream-list .empty') != null"
                    + " && document.querySelector('#stream-list .empty').textContent.includes('401')", Duration.ofSeconds(20));
            chrome.open(base + "?token=appread1&stream=live/cam1&format=fmp4");
            chrome.waitFor("cmPlayer.decodedFrames > 25", Duration.ofSeconds(30));
            assertEquals(null, chrome.evaluate("cmPlayer.fatalError"));
            assertTrue(String.valueOf(chrome.evaluate("cmPlayer.url")).endsWith("/hls/live/cam1/index.m3u8"));
        }
    }

    private HttpResponse<String> api(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
