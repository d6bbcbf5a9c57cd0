package io.camelmedia.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.camelmedia.camel.webrtc.WebRtcTesting;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.JwksServer;
import io.camelmedia.testing.MediaFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint asks the context's one authenticator (static keys per path and action, plus JWT): each is refused
 * without a key, with a wrong key, with the key of another path and with an expired JWT, and works with the right
 * key or a valid JWT, with real peers (ffmpeg publishing RTMP, SRT and WHIP; reading HLS, SRT and playback; a WHEP
 * offer over HTTP). An RTMP publish whose stream name is the key is served at its rule's path, never at the key.
 */
class AuthEndpointsIT {
    static final String PUB = "pubkey1";
    static final String READ = "readkey1";
    static final String SRT_KEY = "srtkey1";
    static final String WHIP_KEY = "whipkey1";
    @TempDir
    static Path dir;
    static CamelContext camel;
    static JwksServer jwks;
    static PublicJsonWebKey signer;
    static int http;
    static int rtmp;
    static int srt;
    static Ffmpeg.Running publisher;
    static final Set<String> started = ConcurrentHashMap.newKeySet();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        signer = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        signer.setKeyId("it-1");
        jwks = new JwksServer(signer);
        http = WebRtcTesting.freeTcpPort();
        rtmp = WebRtcTesting.freeTcpPort();
        srt = WebRtcTesting.freeUdpPort();
        Path recordings = Files.createDirectories(dir.resolve("recordings/live/cam1"));
        MediaFiles.write(recordings.resolve("2026-01-02_03-04-05-000.mp4"), MediaFiles.testSource(3), "-c:v", "libopenh264",
                "-g", "25", "-c:a", "aac", "-movflags", "+frag_keyframe+empty_moov+default_base_moof");
        camel = WebRtcTesting.context(http);
        camel.getPropertiesComponent().addInitialProperty(MediaAuth.PUBLISH,
                "live/cam1=" + PUB + ", live/srt=" + SRT_KEY + ", live/whip=" + WHIP_KEY);
        camel.getPropertiesComponent().addInitialProperty(MediaAuth.READ, "live/cam1=" + READ);
        camel.getPropertiesComponent().addInitialProperty(MediaAuth.JWKS_URL, jwks.url());
        String srtUri = "srt://127.0.0.1:" + srt + "?mode=listener";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + rtmp + "/live").process(e -> started(e)).to("hls:live?segmentDuration=1s")
                        .to("whep:live").to(srtUri);
                from(srtUri).process(e -> started(e));
                from("whip:test").process(e -> started(e));
                from("playback:rec?directory=" + dir.resolve("recordings")).log(org.apache.camel.LoggingLevel.DEBUG, "${header.CamelHttpUri}");
            }
        });
        camel.start();
        // the OBS form: the stream key as the stream name
        publisher = Ffmpeg.start(dir.resolve("publisher.log"), publish(rtmpUrl("live/" + PUB), 120));
        while (!started.contains("live/cam1")) {
            assertTrue(publisher.process().isAlive(), publisher.logTail());
            Thread.sleep(100);
        }
        // HLS is served once the first segment is cut
        while (get("/hls/live/cam1/index.m3u8?token=" + READ).statusCode() != 200) {
            Thread.sleep(200);
        }
    }

    private static void started(org.apache.camel.Exchange e) {
        if ("STARTED".equals(e.getIn().getHeader(MediaHeaders.EVENT))) {
            started.add(e.getIn().getHeader(MediaHeaders.STREAM, String.class));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        camel.close();
        jwks.close();
    }

    static String rtmpUrl(String name) {
        return "rtmp://127.0.0.1:" + rtmp + "/" + name;
    }

    static String[] publish(String url, int seconds) {
        return new String[] {"-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-f", "lavfi",
            "-i", "sine=frequency=440:sample_rate=44100", "-t", Integer.toString(seconds), "-c:v", "libopenh264",
            "-g", "25", "-c:a", "aac", "-f", "flv", url};
    }

    static String jwt(long expSeconds, List<Map<String, Object>> permissions) throws Exception {
        return JwksServer.token(signer, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, expSeconds,
                JwtAuthenticator.DEFAULT_CLAIM, permissions);
    }

    static String expired() throws Exception {
        return jwt(-600, List.of(Map.of("action", "publish"), Map.of("action", "read")));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + path))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
    }

    static boolean rtmpPublishes(String name) throws Exception {
        return Ffmpeg.run(60, publish(rtmpUrl(name), 1)).exitCode() == 0;
    }

    @Test
    void rtmpPublishNeedsTheKeyOfItsPath() throws Exception {
        assertFalse(rtmpPublishes("live/cam2"), "no key (the name is taken as one, and it names no stream)");
        assertFalse(rtmpPublishes("live/cam2?key=wrong"));
        assertFalse(rtmpPublishes("live/cam2?key=" + PUB), "the key of live/cam1 does not open live/cam2");
        assertFalse(rtmpPublishes("live/cam2?key=" + expired()), "expired JWT");
        assertTrue(rtmpPublishes("live/jwtcam?key=" + jwt(600, List.of(Map.of("action", "publish", "path", "live/jwtcam")))));
        assertTrue(started.contains("live/jwtcam"));
        assertTrue(started.contains("live/cam1"), "the key-as-name publish is served at its rule's path");
        assertFalse(started.stream().anyMatch(p -> p.contains(PUB)), "never at the key: " + started);
        String readAll = jwt(600, List.of(Map.of("action", "read")));
        assertEquals(404, get("/hls/live/" + PUB + "/index.m3u8?token=" + readAll).statusCode(), "nothing at the key");
        assertEquals(200, get("/hls/live/cam1/index.m3u8?token=" + readAll).statusCode());
        assertTrue(MediaAuth.of(camel).failures().count("rtmp", AuthAction.PUBLISH) >= 4);
    }

    @Test
    void hlsReadNeedsAReadKeyAndPlaylistsCarryIt() throws Exception {
        assertEquals(401, get("/hls/live/cam1/index.m3u8").statusCode());
        assertEquals(403, get("/hls/live/cam1/index.m3u8?token=wrong").statusCode());
        assertEquals(403, get("/hls/live/cam1/index.m3u8?token=" + PUB).statusCode(), "a publish key does not read");
        HttpResponse<String> exp = get("/hls/live/cam1/index.m3u8?token=" + expired());
        assertEquals(403, exp.statusCode());
        assertTrue(exp.body().contains("expired"), exp.body());
        assertEquals(200, get("/hls/live/cam1/index.m3u8", READ).statusCode(), "Bearer header");
        String media = get("/hls/live/cam1/media.m3u8?token=" + READ).body();
        List<String> uris = media.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertFalse(uris.isEmpty(), media);
        assertTrue(uris.stream().allMatch(u -> u.endsWith("?token=" + READ)), media);
        assertTrue(media.contains(".mp4?token=" + READ + "\""), "EXT-X-MAP carries it: " + media);
        assertEquals(401, get("/hls/live/cam1/" + uris.get(0).replaceAll("\\?.*", "")).statusCode(), "segments need it too");
        String url = "http://127.0.0.1:" + http + "/hls/live/cam1/index.m3u8";
        assertNotEquals(0, Ffmpeg.run(60, "-v", "error", "-i", url, "-frames:v", "5", "-f", "null", "-").exitCode());
        Ffmpeg.run(60, "-v", "error", "-i", url + "?token=" + READ, "-frames:v", "50", "-f", "null", "-").requireSuccess();
        String jwtRead = jwt(600, List.of(Map.of("action", "read", "path", "live/cam1")));
        assertEquals(200, get("/hls/live/cam1/index.m3u8?token=" + jwtRead).statusCode(), "a valid JWT reads");
    }

    @Test
    void srtPublishAndReadNeedTheirKeys() throws Exception {
        String out = "srt://127.0.0.1:" + srt + "?streamid=";
        String[] src = {"-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=5", "-t", "1", "-c:v", "libopenh264",
            "-f", "mpegts"};
        assertNotEquals(0, Ffmpeg.run(30, concat(src, out + "publish:live/srt")).exitCode(), "no key");
        assertNotEquals(0, Ffmpeg.run(30, concat(src, out + "publish:live/srt:u:wrong")).exitCode());
        assertNotEquals(0, Ffmpeg.run(30, concat(src, out + "publish:live/srt:u:" + PUB)).exitCode(), "another path's key");
        assertNotEquals(0, Ffmpeg.run(30, concat(src, out + "publish:live/srt:u:" + expired())).exitCode(), "expired JWT");
        Ffmpeg.run(30, concat(src, out + "publish:live/srt:u:" + SRT_KEY)).requireSuccess();
        assertTrue(started.contains("live/srt"));
        String srtJwt = jwt(600, List.of(Map.of("action", "publish", "path", "live/srtjwt")));
        Ffmpeg.run(30, concat(src, out + "publish:live/srtjwt:u:" + srtJwt)).requireSuccess(); // decided on JWT threads
        assertTrue(started.contains("live/srtjwt"));

        String[] read = {"-v", "error", "-frames:v", "10", "-f", "null", "-"};
        assertNotEquals(0, Ffmpeg.run(30, concat(new String[] {"-i", out + "read:live/cam1"}, read)).exitCode());
        assertNotEquals(0, Ffmpeg.run(30, concat(new String[] {"-i", out + "read:live/cam1:u:" + PUB}, read)).exitCode());
        Ffmpeg.run(30, concat(new String[] {"-i", out + "read:live/cam1:u:" + READ}, read)).requireSuccess();
    }

    @Test
    void whipPublishAndWhepReadTakeBearerTokens() throws Exception {
        Path src = MediaFiles.write(dir.resolve("whip.mkv"), MediaFiles.testSource(2), "-c:v", "libopenh264", "-g", "25",
                "-c:a", "libopus", "-ac", "2");
        String url = "http://127.0.0.1:" + http + "/whip/live/whip";
        String[] in = {"-v", "error", "-re", "-i", src.toString(), "-c", "copy", "-f", "whip"};
        assertNotEquals(0, Ffmpeg.run(60, concat(in, url)).exitCode(), "no token");
        assertNotEquals(0, Ffmpeg.run(60, concat(in, "-authorization", "wrong", url)).exitCode());
        assertNotEquals(0, Ffmpeg.run(60, concat(in, "-authorization", expired(), url)).exitCode(), "expired JWT");
        Ffmpeg.run(60, concat(in, "-authorization", WHIP_KEY, url)).requireSuccess();
        assertTrue(started.contains("live/whip"));

        String offer;
        try (InputStream o = getClass().getResourceAsStream("/webrtc/ffmpeg8-whip-offer.sdp")) {
            offer = new String(o.readAllBytes(), StandardCharsets.UTF_8).replace("a=sendonly", "a=recvonly");
        }
        assertEquals(401, whep(null, offer).statusCode());
        assertEquals(403, whep("wrong", offer).statusCode());
        assertEquals(403, whep(expired(), offer).statusCode());
        HttpResponse<String> ok = whep(READ, offer);
        assertEquals(201, ok.statusCode(), ok.body());
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + ok.headers().firstValue("Location").orElseThrow()))
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    private static HttpResponse<String> whep(String token, String offer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/whep/live/cam1"))
                .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(offer));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void playbackNeedsAReadKeyAndItsPlaylistCarriesIt() throws Exception {
        assertEquals(401, get("/recordings/live/cam1/index.m3u8").statusCode());
        assertEquals(403, get("/recordings/live/cam1/index.m3u8?token=wrong").statusCode());
        assertEquals(403, get("/recordings/live/cam1/index.m3u8?token=" + expired()).statusCode());
        assertEquals(401, get("/recordings/list").statusCode(), "the listing needs a read key too");
        assertEquals(200, get("/recordings/list", READ).statusCode());
        String playlist = get("/recordings/live/cam1/index.m3u8?token=" + READ).body();
        assertTrue(playlist.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).allMatch(l -> l.endsWith("token=" + READ)),
                playlist);
        String url = "http://127.0.0.1:" + http + "/recordings/live/cam1/index.m3u8";
        assertNotEquals(0, Ffmpeg.run(60, "-v", "error", "-i", url, "-f", "null", "-").exitCode());
        Ffmpeg.run(60, "-v", "error", "-i", url + "?token=" + READ, "-f", "null", "-").requireSuccess();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
