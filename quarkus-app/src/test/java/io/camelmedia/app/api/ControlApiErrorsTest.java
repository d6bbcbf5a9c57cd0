package io.camelmedia.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelmedia.app.FreeRtmpPort;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

/** What /v1 answers to bad calls (status, field, no stack trace), and that create/delete cycles leave nothing behind. */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class ControlApiErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Inject
    CamelContext camel;

    private record Answer(int status, JsonNode body) {
        String error() {
            return body.path("error").asText();
        }

        String field() {
            return body.path("field").asText(null);
        }
    }

    private Answer call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(r.body().contains("\tat "), "no stack trace: " + r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""), r.body());
        return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
    }

    @Test
    void badCallsGetTheStatusAndTheFieldAtFault() throws Exception {
        String rtp = "/v1/ingress/rtp";
        assertEquals(401, call("POST", rtp, null, "{}").status());
        Answer malformed = call("POST", rtp, "k1", "{\"addr\":");
        assertEquals(400, malformed.status());
        assertTrue(malformed.error().startsWith("malformed JSON"), malformed.error());
        assertEquals(400, call("POST", rtp, "k1", "[1,2]").status());

        Answer missing = call("POST", rtp, "k1", "{\"port\":5000,\"payloadType\":96,\"codecType\":\"h264\"}");
        assertEquals(400, missing.status());
        assertEquals("addr", missing.field());
        Answer wrongType = call("POST", rtp, "k1", "{\"addr\":\"127.0.0.1\",\"port\":\"5000\",\"payloadType\":96,\"codecType\":\"h264\"}");
        assertEquals(400, wrongType.status());
        assertEquals("port", wrongType.field());
        assertTrue(wrongType.error().contains("integer"), wrongType.error());
        Answer range = call("POST", rtp, "k1", "{\"addr\":\"127.0.0.1\",\"port\":70000,\"payloadType\":96,\"codecType\":\"h264\"}");
        assertEquals(400, range.status());
        assertEquals("port", range.field());
        Answer pt = call("POST", rtp, "k1", "{\"addr\":\"127.0.0.1\",\"port\":5000,\"payloadType\":200,\"codecType\":\"h264\"}");
        assertEquals("payloadType", pt.field());
        Answer host = call("POST", rtp, "k1", "{\"addr\":\"example.com\",\"port\":5000,\"payloadType\":96,\"codecType\":\"h264\"}");
        assertEquals("addr", host.field());
        Answer codec = call("POST", rtp, "k1", "{\"addr\":\"127.0.0.1\",\"port\":5000,\"payloadType\":96,\"codecType\":\"theora\"}");
        assertEquals(422, codec.status());
        assertEquals("codecType", codec.field());
        Answer media = call("POST", "/v1/egress/rtp", "k1", "{\"addr\":\"127.0.0.1\",\"port\":6000,\"mediaTypes\":[\"smell\"]}");
        assertEquals(400, media.status());
        assertEquals("mediaTypes", media.field());

        // a port another process holds
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Answer busy = call("POST", rtp, "k2", "{\"addr\":\"127.0.0.1\",\"port\":" + taken.getLocalPort()
                    + ",\"payloadType\":96,\"codecType\":\"h264\"}");
            assertEquals(409, busy.status(), busy.body().toString());
            assertEquals("port", busy.field());
        }
        assertEquals(0, call("GET", "/v1/ingress", null, null).body().get("ingress").size(), "a refused call leaves nothing");

        // paths outside the media folder, plainly, with .. and through a link
        Answer outside = call("POST", "/v1/ingress/files", "k3", "{\"path\":\"/etc/passwd\"}");
        assertEquals(403, outside.status());
        assertEquals("path", outside.field());
        assertEquals(403, call("POST", "/v1/egress/files", "k3", "{\"path\":\"../../tmp/x\"}").status());
        Path link = Path.of("api-test-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/tmp"));
        try {
            assertEquals(403, call("POST", "/v1/egress/files", "k3", "{\"path\":\"api-test-link/out\"}").status());
        } finally {
            Files.delete(link);
        }
        Answer nofile = call("POST", "/v1/ingress/files", "k3", "{\"path\":\"no-such.mp4\"}");
        assertEquals(400, nofile.status());
        assertEquals("path", nofile.field());

        assertEquals(404, call("GET", "/v1/ingress/ingress-999", null, null).status());
        assertEquals(404, call("DELETE", "/v1/egress/egress-999", null, null).status());
        assertEquals(404, call("POST", "/v1/ingress/carrier-pigeon", "k1", "{}").status());
    }

    @Test
    void theOpenApiDocumentNamesEveryCall() throws Exception {
        Answer doc = call("GET", "/v1/openapi.json", null, null);
        assertEquals(200, doc.status());
        assertEquals("3.0.3", doc.body().get("openapi").asText());
        for (String p : new String[] {"/v1/ingress/files", "/v1/ingress/rtp", "/v1/egress/rtp", "/v1/egress/files", "/v1/hls"}) {
            assertTrue(doc.body().get("paths").get(p).has("post"), p);
            // and the call it documents exists: without a key it is refused, not unknown
            assertEquals(401, call("POST", p, null, "{}").status(), p);
        }
        assertTrue(doc.body().get("paths").get("/v1/egress/{id}").has("delete"));
    }

    @Test
    void createAndDeleteCyclesLeaveNoRoutesPortsOrThreads() throws Exception {
        int routes = camel.getRoutes().size();
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String body = "{\"addr\":\"127.0.0.1\",\"port\":" + port + ",\"payloadType\":96,\"codecType\":\"h264\"}";
        // warm up: the first calls start pools that stay (event loops, executors)
        for (int i = 0; i < 20; i++) {
            cycle(body);
        }
        int threads = Thread.activeCount();
        for (int i = 0; i < 1000; i++) {
            cycle(body);
        }
        assertEquals(routes, camel.getRoutes().size(), "every route made was removed");
        // the port is free again
        try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertEquals(port, s.getLocalPort());
        }
        assertTrue(Thread.activeCount() <= threads + 4, "threads " + Thread.activeCount() + " after, " + threads + " before");
        assertTrue(camel.getEndpoints().stream().noneMatch(e -> e.getEndpointUri().contains(":" + port)),
                "no endpoint of the cycles is left");
    }

    private void cycle(String body) throws Exception {
        Answer made = call("POST", "/v1/ingress/rtp", "cycles", body);
        assertEquals(201, made.status(), made.body().toString());
        Answer hls = call("POST", "/v1/hls", "cycles", "{\"mediaTypes\":[\"video\"]}");
        assertEquals(201, hls.status(), hls.body().toString());
        assertEquals(200, call("DELETE", "/v1/egress/" + hls.body().get("id").asText(), null, null).status());
        assertEquals(200, call("DELETE", "/v1/ingress/" + made.body().get("id").asText(), null, null).status());
    }
}
