package io.camelmedia.camel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.hub.Authenticator;
import org.apache.camel.CamelContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Auth by JWT, as MediaMTX does it: the key is a JWS (RS256 or ES256) signed by a key of the JWKS at a URL (fetched
 * once, cached as its Cache-Control says, fetched again for an unknown {@code kid}); {@code exp} and {@code nbf}
 * are checked when present (30 s skew). The claim ({@value #DEFAULT_CLAIM} by default) lists what the bearer may
 * do: {@code [{"action":"publish","path":"live/cam1"}, {"action":"read"}]}; an entry without a path allows every
 * path. Verified on the context's threads (the first JWKS fetch blocks), so callers' event loops never wait.
 */
public final class JwtAuthenticator implements Authenticator {
    public static final String DEFAULT_CLAIM = "camelmedia_permissions";
    /** Threads verifying tokens (signature checks are fast; the JWKS fetch is the slow part). */
    static final int THREADS = 2;
    /** A verification (with a JWKS fetch) that takes longer is denied. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Longest token accepted: real ones are well under 2 KiB; bigger is garbage or an attack on the parser. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;
    /** Tokens with random kids cannot make us fetch the JWKS more than once a second. */
    static final long REFETCH_AFTER_MILLIS = 1000;
    /** Skew between our clock and the issuer's. */
    static final int CLOCK_SKEW_SECONDS = 30;

    private final String claim;
    private final String jwksUrl;
    private final JwtConsumer consumer;
    private final ExecutorService threads;

    public JwtAuthenticator(CamelContext context, String jwksUrl, String claim) {
        this(context, jwksUrl, claim, REFETCH_AFTER_MILLIS);
    }

    /** {@code refetchAfterMillis}: an unknown kid fetches the JWKS again only this long after the last fetch. */
    JwtAuthenticator(CamelContext context, String jwksUrl, String claim, long refetchAfterMillis) {
        this.claim = claim;
        this.jwksUrl = jwksUrl;
        HttpsJwks keys = new HttpsJwks(jwksUrl);
        keys.setRefreshReprieveThreshold(refetchAfterMillis);
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(keys))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setSkipDefaultAudienceValidation()
                .build();
        this.threads = context.getExecutorServiceManager().newFixedThreadPool(this, "CamelMediaAuthJwt", THREADS);
    }

    @Override
    public boolean isOpen(AuthAction action) {
        return false;
    }

    @Override
    public CompletionStage<AuthDecision> authorize(AuthRequest r) {
        if (r.key() == null || r.key().isEmpty()) {
            return CompletableFuture.completedFuture(AuthDecision.deny("a JWT is needed"));
        }
        if (r.key().length() > MAX_TOKEN_LENGTH || r.key().chars().filter(c -> c == '.').count() != 2) {
            return CompletableFuture.completedFuture(AuthDecision.deny("the key is not a JWT"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> decide(r), threads)
                    .completeOnTimeout(AuthDecision.deny("JWT not verified in " + TIMEOUT.toSeconds() + " s (JWKS "
                            + jwksUrl + ")"), TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(AuthDecision.deny("JWT verification unavailable: " + e.getMessage()));
        }
    }

    private AuthDecision decide(AuthRequest r) {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(r.key());
        } catch (InvalidJwtException e) {
            return AuthDecision.deny(reason(e));
        }
        Object permissions = claims.getClaimValue(claim);
        if (!(permissions instanceof List<?> list)) {
            return AuthDecision.deny("the JWT has no " + claim + " list");
        }
        for (Object p : list) {
            if (p instanceof Map<?, ?> m && r.action().label().equals(m.get("action"))) {
                Object path = m.get("path");
                if (path == null || "".equals(path)) {
                    return AuthDecision.allow(r);
                }
                if (path instanceof String s && (r.path() == null || s.equals(r.path()))) {
                    return AuthDecision.allow(r, s);
                }
            }
        }
        return AuthDecision.deny("the JWT may not " + r.action().label() + " " + (r.path() == null ? "a stream" : r.path()));
    }

    private static String reason(InvalidJwtException e) {
        try {
            if (e.hasExpired()) {
                return "the JWT expired at " + e.getJwtContext().getJwtClaims().getExpirationTime();
            }
        } catch (MalformedClaimException | RuntimeException ignored) {
            // fall through to the general reason
        }
        String details = e.getErrorDetails().isEmpty() ? e.getMessage() : e.getErrorDetails().get(0).getErrorMessage();
        return "invalid JWT: " + details;
    }

    @Override
    public String toString() {
        return "JWT (JWKS " + jwksUrl + ", claim " + claim + ")";
    }
}
