package io.camelmedia.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The harness against the real browser: a tiny page served by the JDK's HttpServer, then evaluate (every
 * JSON type, promises, thrown errors), console and exception capture, a screenshot whose pixels are the
 * page's colours, and close() leaving no process and no profile behind.
 */
@Tag("browser")
class HeadlessChromiumIT {
    private static final String PAGE = """
            <!doctype html>
            <html><head><title>harness</title>
            <style>html,body{margin:0;height:100%;background:rgb(0,128,255)}</style></head>
            <body><script>
              window.answer = {n: 42, s: "camel", b: true, list: [1, "two", null], nested: {x: 1.5}};
              console.log("hello from the page", 7);
              setTimeout(() => { throw new Error("boom later"); }, 0);
              setTimeout(() => { window.ready = true; }, 300);
            </script></body></html>
            """;

    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void evaluatesCapturesAndScreenshots() throws Exception {
        HeadlessChromium.assumeAvailable();
        Path png = Path.of("target", "browser", "harness.png");
        Files.deleteIfExists(png);
        ProcessHandle browser;
        try (HeadlessChromium chrome = HeadlessChromium.start()) {
            chrome.open(base + "/");
            assertEquals("harness", chrome.evaluate("document.title"));
            assertEquals(true, chrome.waitFor("window.ready === true", Duration.ofSeconds(10)));

            assertEquals(new BigDecimal("42"), chrome.evaluate("answer.n"));
            assertEquals(42.0, chrome.evaluateNumber("answer.n"));
            assertTrue(Double.isNaN(chrome.evaluateNumber("undefined")));
            assertEquals(null, chrome.evaluate("null"));
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = (Map<String, Object>) chrome.evaluate("answer");
            assertEquals("camel", answer.get("s"));
            assertEquals(true, answer.get("b"));
            assertEquals(List.of(new BigDecimal("1"), "two"), ((List<?>) answer.get("list")).subList(0, 2));
            assertEquals(null, ((List<?>) answer.get("list")).get(2));
            assertEquals(new BigDecimal("1.5"), ((Map<?, ?>) answer.get("nested")).get("x"));
            assertEquals("done", chrome.evaluate("new Promise(r => setTimeout(() => r('done'), 50))"));
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> chrome.evaluate("(() => { throw new TypeError('bad input'); })()"));
            assertTrue(thrown.getMessage().contains("TypeError: bad input"), thrown.getMessage());

            assertTrue(chrome.console().contains("[log] hello from the page 7"), chrome.console().toString());
            assertTrue(chrome.exceptions().stream().anyMatch(e -> e.contains("boom later")),
                    chrome.exceptions().toString());

            chrome.screenshot(png);
            browser = chrome.processTree().get(0);
            assertTrue(browser.isAlive());
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight());
        int rgb = image.getRGB(640, 400) & 0xFFFFFF;
        assertArrayEquals(new int[] {0, 128, 255}, new int[] {rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF});
        browser.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(browser.isAlive(), "close() ends the browser");
    }

    @Test
    void closeRemovesProfileAndProcesses() throws Exception {
        HeadlessChromium.assumeAvailable();
        HeadlessChromium chrome = HeadlessChromium.start();
        Path profile = chrome.profile();
        List<ProcessHandle> tree = chrome.processTree();
        assertTrue(Files.isDirectory(profile));
        assertFalse(tree.isEmpty());
        chrome.close();
        assertFalse(Files.exists(profile), "profile deleted");
        for (ProcessHandle p : tree) {
            p.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(p.isAlive(), "process " + p.pid() + " ended");
        }
        assertThrows(IllegalStateException.class, () -> chrome.evaluate("1"));
    }
}
