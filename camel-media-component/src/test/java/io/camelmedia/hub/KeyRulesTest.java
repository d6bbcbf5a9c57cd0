package io.camelmedia.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Static keys per action and path, the key-to-path mapping, and the guard (count, log, slow down). */
class KeyRulesTest {
    private static final KeyRules RULES = KeyRules.parse("live/cam1=k1, live/studio/*=k2, *=admin", "live/cam1=v1", null);

    private static AuthDecision decide(AuthAction a, String path, String key) {
        return RULES.decide(new AuthRequest(a, "test", path, key, "10.0.0.1:5000"));
    }

    @Test
    void aKeyOpensOnlyThePathsItsRulesName() {
        assertTrue(decide(AuthAction.PUBLISH, "live/cam1", "k1").allowed());
        assertFalse(decide(AuthAction.PUBLISH, "live/cam2", "k1").allowed(), "k1 is for live/cam1 only");
        assertTrue(decide(AuthAction.PUBLISH, "live/studio/a", "k2").allowed());
        assertFalse(decide(AuthAction.PUBLISH, "live/studio", "k2").allowed(), "prefix/* is below the prefix");
        assertFalse(decide(AuthAction.PUBLISH, "live/studio/../cam1", "k2").allowed(), "no way out of the prefix");
        assertFalse(decide(AuthAction.PUBLISH, "live/cam1", "k2").allowed());
        assertTrue(decide(AuthAction.PUBLISH, "any/where", "admin").allowed());
        assertFalse(decide(AuthAction.PUBLISH, "live/cam1", null).allowed());
        assertFalse(decide(AuthAction.PUBLISH, "live/cam1", "K1").allowed(), "keys are case-sensitive");
        assertFalse(decide(AuthAction.READ, "live/cam1", "k1").allowed(), "a publish key does not read");
        assertTrue(decide(AuthAction.READ, "live/cam1", "v1").allowed());
        assertEquals("the key may not publish live/cam2", decide(AuthAction.PUBLISH, "live/cam2", "k1").reason());
    }

    @Test
    void actionsWithoutRulesAreOpen() {
        assertFalse(RULES.isOpen(AuthAction.PUBLISH));
        assertFalse(RULES.isOpen(AuthAction.READ));
        assertTrue(RULES.isOpen(AuthAction.API));
        assertTrue(decide(AuthAction.API, "live/x", null).allowed());
    }

    @Test
    void aKeyWithoutAPathGetsThePathItsRuleNames() {
        assertEquals("live/cam1", decide(AuthAction.PUBLISH, null, "k1").path());
        String studio = decide(AuthAction.PUBLISH, null, "k2").path();
        assertTrue(studio.startsWith("live/studio/") && !studio.contains("k2"), studio);
        assertEquals(AuthDecision.keyPath("live/", "admin"), decide(AuthAction.PUBLISH, null, "admin").path());
        assertFalse(decide(AuthAction.PUBLISH, null, "nope").allowed());
    }

    @Test
    void openAuthMapsAKeyToItsHashNeverToItself() {
        AuthDecision d = Authenticator.OPEN.authorize(new AuthRequest(AuthAction.API, "api", null, "streamkey", "x"))
                .toCompletableFuture().join();
        // SHA-256("streamkey") starts with these 16 hex digits (sha256sum of the bytes)
        assertEquals("live/" + sha16("streamkey"), d.path());
        assertNotEquals("live/streamkey", d.path());
        assertEquals("a stream key is needed", Authenticator.OPEN.authorize(new AuthRequest(AuthAction.API, "api", null,
                null, "x")).toCompletableFuture().join().reason());
        assertEquals("live/a", Authenticator.OPEN.authorize(new AuthRequest(AuthAction.READ, "hls", "live/a", null, "x"))
                .toCompletableFuture().join().path());
    }

    @Test
    void badRulesAreNamedWithoutTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyRules.parse("live/cam1", null, null));
        assertTrue(e.getMessage().contains("is not path=key"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KeyRules.parse("live/*/x=secret", null, null));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void guardCountsFailuresAndSlowsARemoteThatKeepsGuessing() {
        GuardedAuthenticator g = new GuardedAuthenticator(RULES, Duration.ofMillis(300));
        AuthRequest wrong = new AuthRequest(AuthAction.PUBLISH, "rtmp", "live/cam1", "guess", "/10.0.0.9:4000");
        CompletableFuture<AuthDecision> first = g.authorize(wrong).toCompletableFuture();
        assertTrue(first.isDone(), "a first failure is answered at once");
        CompletableFuture<AuthDecision> second = g.authorize(new AuthRequest(AuthAction.PUBLISH, "rtmp", "live/cam1",
                "guess2", "/10.0.0.9:4001")).toCompletableFuture();
        assertFalse(second.isDone(), "the same host guessing again waits for the delay");
        assertFalse(second.join().allowed());
        AuthDecision right = g.authorize(new AuthRequest(AuthAction.PUBLISH, "rtmp", "live/cam1", "k1", "/10.0.0.9:4002"))
                .toCompletableFuture().getNow(null);
        assertTrue(right != null && right.allowed(), "an allowed answer is never delayed");
        assertEquals(2, g.failures().count("rtmp", AuthAction.PUBLISH));
        assertEquals(0, g.failures().count("rtmp", AuthAction.READ));
        assertEquals(2L, g.failures().snapshot().get(new AuthFailures.Kind("rtmp", AuthAction.PUBLISH)));
    }

    @Test
    void aFailingAuthenticatorDenies() {
        Authenticator broken = new Authenticator() {
            @Override
            public java.util.concurrent.CompletionStage<AuthDecision> authorize(AuthRequest r) {
                throw new IllegalStateException("database down");
            }

            @Override
            public boolean isOpen(AuthAction a) {
                return false;
            }
        };
        AuthDecision d = new GuardedAuthenticator(broken).authorize(new AuthRequest(AuthAction.READ, "hls", "a", "k", "h"))
                .toCompletableFuture().join();
        assertFalse(d.allowed());
        assertTrue(d.reason().contains("database down"), d.reason());
    }

    @Test
    void remoteHosts() {
        assertEquals("10.0.0.9", AuthFailures.host("/10.0.0.9:4000"));
        assertEquals("10.0.0.9", AuthFailures.host("10.0.0.9"));
        assertEquals("::1", AuthFailures.host("[::1]:5000"));
        assertEquals("fe80::1", AuthFailures.host("fe80::1"));
    }

    private static String sha16(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
