package io.camelmedia.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** A JWKS served by a JDK HTTP server on a free loopback port, and JWTs signed with its keys (test scope). */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<String> jwks = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();

    public JwksServer(PublicJsonWebKey... keys) throws IOException {
        publish(keys);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", x -> {
            fetches.incrementAndGet();
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
    }

    /** Serves these public keys from now on. */
    public void publish(PublicJsonWebKey... keys) {
        JsonWebKeySet set = new JsonWebKeySet();
        for (PublicJsonWebKey k : keys) {
            set.addJsonWebKey(k);
        }
        jwks.set(set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** GETs of the JWKS so far. */
    public int fetches() {
        return fetches.get();
    }

    /** A JWS of {@code claim: permissions} by {@code key} ({@code alg}), expiring {@code expSeconds} from now. */
    public static String token(PublicJsonWebKey key, String alg, long expSeconds, String claim,
                               List<Map<String, Object>> permissions) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("camel-media-test");
        NumericDate exp = NumericDate.now();
        exp.addSeconds(expSeconds);
        claims.setExpirationTime(exp);
        claims.setClaim(claim, permissions);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(alg);
        return jws.getCompactSerialization();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
