package io.camelmedia.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.testing.JwksServer;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWTs made here with jose4j, checked against a JWKS served by a JDK HTTP server on a free port. */
class JwtAuthenticatorTest {
    private JwksServer jwks;
    private CamelContext camel;
    private PublicJsonWebKey rsa;
    private PublicJsonWebKey ec;
    private JwtAuthenticator jwt;

    @BeforeEach
    void start() throws Exception {
        rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("rsa-1");
        ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        jwks = new JwksServer(rsa, ec);
        camel = new DefaultCamelContext();
        camel.start();
        jwt = new JwtAuthenticator(camel, jwks.url(), JwtAuthenticator.DEFAULT_CLAIM, 0);
    }

    @AfterEach
    void stop() throws Exception {
        jwks.close();
        camel.close();
    }

    private static String token(PublicJsonWebKey key, String alg, float expMinutes, List<Map<String, Object>> permissions)
            throws Exception {
        return JwksServer.token(key, alg, (long) (expMinutes * 60), JwtAuthenticator.DEFAULT_CLAIM, permissions);
    }

    private AuthDecision ask(AuthAction action, String path, String key) {
        return jwt.authorize(new AuthRequest(action, "hls", path, key, "127.0.0.1")).toCompletableFuture().join();
    }

    private static final List<Map<String, Object>> CAM1_PUBLISH_READ_ALL = List.of(
            Map.of("action", "publish", "path", "live/cam1"), Map.of("action", "read"));

    @Test
    void theClaimNamesActionsAndPaths() throws Exception {
        String t = token(rsa, AlgorithmIdentifiers.RSA_USING_SHA256, 5, CAM1_PUBLISH_READ_ALL);
        assertTrue(ask(AuthAction.PUBLISH, "live/cam1", t).allowed());
        AuthDecision other = ask(AuthAction.PUBLISH, "live/cam2", t);
        assertFalse(other.allowed(), "a token for live/cam1 does not publish live/cam2");
        assertEquals("the JWT may not publish live/cam2", other.reason());
        assertTrue(ask(AuthAction.READ, "live/anything", t).allowed(), "read without a path: every path");
        assertFalse(ask(AuthAction.API, null, t).allowed());
        assertEquals("live/cam1", ask(AuthAction.PUBLISH, null, t).path(), "a key-only request gets the claim's path");
        String es = token(ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, 5, CAM1_PUBLISH_READ_ALL);
        assertTrue(ask(AuthAction.PUBLISH, "live/cam1", es).allowed(), "ES256");
        assertEquals(1, jwks.fetches(), "the JWKS is fetched once and cached");
    }

    @Test
    void expiredForgedAndWrongAlgorithmsAreDenied() throws Exception {
        AuthDecision expired = ask(AuthAction.PUBLISH, "live/cam1",
                token(rsa, AlgorithmIdentifiers.RSA_USING_SHA256, -5, CAM1_PUBLISH_READ_ALL));
        assertFalse(expired.allowed());
        assertTrue(expired.reason().contains("expired"), expired.reason());

        PublicJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("rsa-1"); // claims a known kid, signed by another key
        assertFalse(ask(AuthAction.PUBLISH, "live/cam1",
                token(stranger, AlgorithmIdentifiers.RSA_USING_SHA256, 5, CAM1_PUBLISH_READ_ALL)).allowed());

        JsonWebSignature hs = new JsonWebSignature();
        hs.setPayload("{\"" + JwtAuthenticator.DEFAULT_CLAIM + "\":[{\"action\":\"publish\"}]}");
        hs.setKey(new HmacKey(new byte[32]));
        hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        assertFalse(ask(AuthAction.PUBLISH, "live/cam1", hs.getCompactSerialization()).allowed(), "HS256 is not accepted");
        assertFalse(ask(AuthAction.PUBLISH, "live/cam1", "not-a-jwt").allowed());
        assertEquals("a JWT is needed", ask(AuthAction.PUBLISH, "live/cam1", null).reason());
    }

    @Test
    void anUnknownKidFetchesTheJwksAgain() throws Exception {
        assertTrue(ask(AuthAction.READ, "live/a", token(rsa, AlgorithmIdentifiers.RSA_USING_SHA256, 5, CAM1_PUBLISH_READ_ALL)).allowed());
        PublicJsonWebKey rotated = RsaJwkGenerator.generateJwk(2048);
        rotated.setKeyId("rsa-2");
        jwks.publish(rsa, rotated);
        AuthDecision d = ask(AuthAction.READ, "live/a", token(rotated, AlgorithmIdentifiers.RSA_USING_SHA256, 5, CAM1_PUBLISH_READ_ALL));
        assertTrue(d.allowed(), d.reason());
        assertEquals(2, jwks.fetches());
    }
}
