package io.camelmedia.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.hub.GuardedAuthenticator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Camel route decides auth: headers and JSON in, allowed / refused / mapped path out, failures and timeouts. */
class HookAuthenticatorTest {
    private CamelContext camel;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:auth").process(e -> bodies.add(e.getIn().getBody(String.class)))
                        .choice()
                        .when(simple("${header.CamelMediaAuthKey} == 'good' && ${header.CamelMediaAuthPath} == 'live/a'"))
                            .log("allowed")
                        .when(simple("${header.CamelMediaAuthKey} == 'obs'"))
                            .setHeader("CamelMediaAuthPath", constant("live/studio"))
                        .when(simple("${header.CamelMediaAuthKey} == 'boom'"))
                            .throwException(new IllegalStateException("user database down"))
                        .when(simple("${header.CamelMediaAuthKey} == 'slow'"))
                            .process(e -> release.await(10, TimeUnit.SECONDS))
                        .otherwise()
                            .setHeader("CamelMediaAuthAllowed", constant(false))
                            .setHeader("CamelMediaAuthReason", constant("unknown key"));
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        camel.close();
    }

    private static AuthDecision ask(Authenticator a, String path, String key) {
        return a.authorize(new AuthRequest(AuthAction.PUBLISH, "rtmp", path, key, "10.1.2.3:555")).toCompletableFuture().join();
    }

    @Test
    void theRouteDecides() {
        HookAuthenticator hook = new HookAuthenticator(camel, "direct:auth");
        assertFalse(hook.isOpen(AuthAction.READ));
        AuthDecision ok = ask(hook, "live/a", "good");
        assertTrue(ok.allowed());
        assertEquals("live/a", ok.path());
        assertEquals("{\"action\":\"publish\",\"protocol\":\"rtmp\",\"path\":\"live/a\",\"key\":\"good\",\"remote\":\"10.1.2.3:555\"}",
                bodies.get(0));
        AuthDecision other = ask(hook, "live/b", "good");
        assertFalse(other.allowed(), "the key of live/a does not open live/b");
        assertEquals("unknown key", other.reason());
        AuthDecision mapped = ask(hook, null, "obs");
        assertEquals("live/studio", mapped.path(), "the reply header maps the key to its path");
        AuthDecision failed = ask(hook, "live/a", "boom");
        assertFalse(failed.allowed());
        assertTrue(failed.reason().contains("user database down"), failed.reason());
    }

    @Test
    void anHttpHookAllowsOn2xx() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/auth", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posted.add(x.getRequestMethod() + " " + body);
            x.sendResponseHeaders(body.contains("\"key\":\"good\"") ? 204 : 403, -1);
            x.close();
        });
        server.start();
        try {
            HookAuthenticator hook = new HookAuthenticator(camel, "http://127.0.0.1:" + server.getAddress().getPort() + "/auth");
            assertTrue(ask(hook, "live/a", "good").allowed());
            AuthDecision refused = ask(hook, "live/a", "bad");
            assertFalse(refused.allowed());
            assertTrue(refused.reason().contains("403"), refused.reason());
            assertEquals("POST {\"action\":\"publish\",\"protocol\":\"rtmp\",\"path\":\"live/a\",\"key\":\"good\","
                    + "\"remote\":\"10.1.2.3:555\"}", posted.get(0));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aHookThatDoesNotAnswerDenies() {
        HookAuthenticator hook = new HookAuthenticator(camel, "direct:auth", Duration.ofMillis(300));
        AuthDecision d = ask(hook, "live/a", "slow");
        assertFalse(d.allowed());
        assertTrue(d.reason().contains("did not answer"), d.reason());
    }

    @Test
    void theContextAuthenticatorComesFromProperties() throws Exception {
        try (CamelContext c = new DefaultCamelContext()) {
            c.getPropertiesComponent().addInitialProperty(MediaAuth.PUBLISH, "live/cam1=k1");
            c.getPropertiesComponent().addInitialProperty(MediaAuth.HOOK, "direct:nowhere");
            GuardedAuthenticator a = MediaAuth.of(c);
            assertSame(a, MediaAuth.of(c), "one per context");
            assertFalse(a.isOpen(AuthAction.PUBLISH));
            assertFalse(a.isOpen(AuthAction.READ), "the hook guards every action");
            assertTrue(ask(a, "live/cam1", "k1").allowed(), "static keys are asked first");
        }
        try (CamelContext open = new DefaultCamelContext()) {
            GuardedAuthenticator a = MediaAuth.of(open);
            assertTrue(a.isOpen(AuthAction.PUBLISH) && a.isOpen(AuthAction.READ) && a.isOpen(AuthAction.API));
            assertNull(ask(a, null, null).path(), "no key and no path: refused");
        }
    }
}
