package io.camelmedia.protocol.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.hub.KeyRules;
import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.protocol.rtp.sdp.SessionDescription;
import io.camelmedia.protocol.webrtc.ice.IceServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WHIP/WHEP HTTP semantics (RFC 9725) on ffmpeg 8's real WHIP offer: 201 with answer/Location/ETag, the
 * error codes with their reasons, PATCH/DELETE on the session URL, and 1000 offers that never do ICE: they
 * expire, the server stays bounded and still takes a new publisher.
 */
class WebRtcResourceTest {
    private WebRtcServer server;
    private StreamHub hub;
    private WhipResource whip;
    private WhepResource whep;
    private String offer;

    private static final MediaListener IGNORE = new MediaListener() {
        @Override
        public void started(StreamInfo info) {
        }

        @Override
        public void frame(String path, MediaFrame frame) {
        }

        @Override
        public void ended(String path, String reason) {
        }
    };

    @BeforeEach
    void start() throws Exception {
        IceServerConfig ice = new IceServerConfig("127.0.0.1", 0, false, List.of(), 2000, Duration.ofMillis(800),
                Duration.ofSeconds(30), 1);
        server = new WebRtcServer(WebRtcServerConfig.defaults().withIce(ice).withIceServers(List.of("stun:stun.example.org")));
        server.start();
        hub = new StreamHub();
        whip = new WhipResource(server, "/whip", hub, KeyRules.parse("*=secret", null, null), WhipResource.DEFAULT_CODECS, IGNORE);
        whep = new WhepResource(server, "/whep", new StreamHub(), Authenticator.OPEN, ReaderConfig.defaults());
        try (InputStream in = getClass().getResourceAsStream("/webrtc/ffmpeg8-whip-offer.sdp")) {
            offer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static HttpRequest post(String path, String type, String token, String body) {
        return new HttpRequest("POST", path, type, token == null ? null : "Bearer " + token, null,
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    @Test
    void aGoodOfferGetsAnAnswerLocationAndEtag() {
        HttpResponse r = whip.handle(post("live/cam", "application/sdp", "secret", offer));
        assertEquals(201, r.status(), r.bodyText());
        assertEquals("application/sdp", r.headers().get("Content-Type"));
        String location = r.headers().get("Location");
        assertTrue(location.matches("/whip/live/cam/sessions/[0-9a-f]{32}"), location);
        assertTrue(r.headers().get("ETag").startsWith("\""));
        assertTrue(r.headers().get("Link").contains("<stun:stun.example.org>; rel=\"ice-server\""));
        SessionDescription answer = SessionDescription.parse(r.bodyText());
        assertEquals("BUNDLE 0 1", answer.attribute("group").orElseThrow());
        assertTrue(answer.attribute("ice-lite").isPresent());
        assertEquals("active", answer.media().get(0).attribute("setup").orElseThrow(), "ffmpeg offers passive");
        assertEquals("recvonly", answer.media().get(1).direction().attribute());
        assertTrue(r.bodyText().contains("a=rtpmap:106 H264/90000"));
        assertTrue(r.bodyText().contains("a=candidate:1 1 udp "));

        String id = location.substring(location.lastIndexOf('/') + 1);
        HttpRequest badEtag = new HttpRequest("PATCH", "live/cam/sessions/" + id, "application/trickle-ice-sdpfrag", null,
                "\"nope\"", "a=ice-ufrag:x\r\na=ice-pwd:y\r\n".getBytes(StandardCharsets.UTF_8), "127.0.0.1");
        assertEquals(412, whip.handle(badEtag).status());
        HttpRequest trickle = new HttpRequest("PATCH", "live/cam/sessions/" + id, "application/trickle-ice-sdpfrag", null,
                null, "a=mid:0\r\na=candidate:1 1 udp 1 127.0.0.1 5000 typ host\r\n".getBytes(StandardCharsets.UTF_8), "127.0.0.1");
        assertEquals(204, whip.handle(trickle).status());
        assertEquals(409, whip.handle(post("live/cam", "application/sdp", "secret", offer)).status(), "path already published");
        assertEquals(404, whep.handle(new HttpRequest("DELETE", "live/cam/sessions/" + id, null, null, null, new byte[0], "x")).status(),
                "a WHEP URL cannot end a publisher");
        assertEquals(200, whip.handle(new HttpRequest("DELETE", "live/cam/sessions/" + id, null, null, null, new byte[0], "x")).status());
        assertEquals(404, whip.handle(new HttpRequest("DELETE", "live/cam/sessions/" + id, null, null, null, new byte[0], "x")).status());
    }

    @Test
    void aPathLiveOverRtmpIsRefusedToWhipOneNamespace() {
        io.camelmedia.hub.StreamRegistry rtmp = new io.camelmedia.hub.StreamRegistry(hub);
        Object rtmpPublisher = new Object();
        assertEquals(io.camelmedia.hub.StreamRegistry.Claim.OK, rtmp.claim("live/both", rtmpPublisher));
        assertEquals(409, whip.handle(post("live/both", "application/sdp", "secret", offer)).status());
        assertTrue(rtmp.release("live/both", rtmpPublisher));
        assertEquals(201, whip.handle(post("live/both", "application/sdp", "secret", offer)).status());
        assertEquals(io.camelmedia.hub.StreamRegistry.Claim.ALREADY_PUBLISHING, rtmp.claim("live/both", new Object()));
    }

    @Test
    void errorsHaveTheSpecsCodesAndSayWhy() {
        assertEquals(415, whip.handle(post("live/a", "text/plain", "secret", offer)).status());
        HttpResponse noToken = whip.handle(post("live/a", "application/sdp", null, offer));
        assertEquals(401, noToken.status());
        assertEquals("Bearer", noToken.headers().get("WWW-Authenticate"));
        assertEquals(403, whip.handle(post("live/a", "application/sdp", "wrong", offer)).status());
        HttpResponse garbage = whip.handle(post("live/a", "application/sdp", "secret", "hello\r\nworld"));
        assertEquals(400, garbage.status());
        assertTrue(garbage.bodyText().startsWith("malformed SDP offer"), garbage.bodyText());
        assertEquals(400, whip.handle(post("live/a", "application/sdp", "secret", offer.replaceAll("a=fingerprint.*\r?\n", ""))).status());
        assertEquals(413, whip.handle(post("live/a", "application/sdp", "secret", offer + "a=x:" + "y".repeat(70_000))).status());
        HttpResponse noCodec = whip.handle(post("live/a", "application/sdp", "secret",
                offer.replace("H264/90000", "X-NOPE/90000").replace("opus/48000/2", "X-NOPE2/48000")));
        assertEquals(406, noCodec.status(), noCodec.bodyText());
        assertEquals(404, whep.handle(post("live/none", "application/sdp", null, offer)).status());
        HttpResponse options = whip.handle(new HttpRequest("OPTIONS", "live/a", null, null, null, new byte[0], "x"));
        assertEquals(204, options.status());
        assertEquals("application/sdp", options.headers().get("Accept-Post"));
        assertEquals("*", options.headers().get("Access-Control-Allow-Origin"));
        assertEquals(0, hub.size(), "no refused offer holds a path");
    }

    @Test
    void offersThatNeverDoIceExpireAndTheServerStaysBounded() throws Exception {
        for (int i = 0; i < 1000; i++) {
            assertEquals(201, whip.handle(post("live/flood" + i, "application/sdp", "secret", offer)).status());
        }
        assertEquals(1000, server.sessions().size());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((!server.sessions().isEmpty() || hub.size() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, server.sessions().size(), "every session expired without ICE");
        assertEquals(0, hub.size(), "and freed its path");
        assertEquals(0, server.ice().sessions());
        assertEquals(201, whip.handle(post("live/after", "application/sdp", "secret", offer)).status());
    }
}
