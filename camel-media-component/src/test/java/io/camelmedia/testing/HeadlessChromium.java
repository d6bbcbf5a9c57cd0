package io.camelmedia.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * A real browser for tests: Debian's {@code /usr/bin/chromium}, headless, driven over the Chrome DevTools
 * Protocol (CDP) with the JDK's WebSocket client. No Selenium, no driver binary.
 *
 * <pre>{@code
 * HeadlessChromium.assumeAvailable();
 * try (HeadlessChromium chrome = HeadlessChromium.start()) {
 *     chrome.open("http://localhost:8080/");
 *     chrome.waitFor("window.cmPlayer && cmPlayer.currentTime > 3", Duration.ofSeconds(30));
 *     chrome.screenshot(Path.of("target/player.png"));
 * }
 * }</pre>
 *
 * One browser, one page (a fresh target attached with a flat CDP session). Every browser has its own
 * temporary profile; {@link #close()} ends the whole process tree and deletes the profile.
 * Console messages, uncaught exceptions and browser log entries (failed loads, CORS) are kept in
 * {@link #console()} and {@link #exceptions()} so a failing test can print what the page said.
 */
public final class HeadlessChromium implements AutoCloseable {
    /**
     * Debian's package {@code chromium} installs its launcher at /usr/bin/chromium; another Chromium or Chrome
     * can be named with {@code -Dchromium.executable=/path}.
     */
    public static final Path EXECUTABLE = Path.of(System.getProperty("chromium.executable", "/usr/bin/chromium"));

    /** Chromium writes DevToolsActivePort within a second or two; a loaded CI machine can take far longer. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** Any single CDP command; a full-page screenshot of a playing video is the slowest we send. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** A page load (the player page pulls hls.min.js, ~370 kB, from the app). */
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    /** Console lines kept; a runaway page must not fill the test JVM's heap. */
    private static final int MAX_CONSOLE_LINES = 2000;

    /** Viewport of the page (and size of screenshots): a common laptop screen. */
    public static final int VIEWPORT_WIDTH = 1280;
    public static final int VIEWPORT_HEIGHT = 800;

    private final Process process;
    private final Path tempDir;
    private final Path log;
    private final WebSocket socket;
    private final String sessionId;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonObject>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final List<String> exceptions = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Whether Debian's chromium is installed ({@code apt-get install -y chromium}). */
    public static boolean available() {
        return Files.isExecutable(EXECUTABLE);
    }

    /**
     * Skips the calling test when chromium is missing, except in CI (environment variable {@code CI} set),
     * where a missing browser is a broken machine and fails the test instead.
     */
    public static void assumeAvailable() {
        SystemTools.assumeInstalled(EXECUTABLE, "browser tests", "chromium");
    }

    /** Starts a headless browser with a fresh profile and attaches to a new blank page. */
    public static HeadlessChromium start() throws IOException, InterruptedException {
        Path tempDir = Files.createTempDirectory("chromium-test");
        Path profile = Files.createDirectory(tempDir.resolve("profile"));
        Path log = tempDir.resolve("chromium.log");
        List<String> cmd = List.of(EXECUTABLE.toString(),
                "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-quic",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--window-size=1280,800", "--disable-dev-shm-usage",
                "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "about:blank");
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            URI browserWs = awaitDevToolsEndpoint(process, profile, log);
            return new HeadlessChromium(process, tempDir, log, browserWs);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            kill(process);
            deleteRecursively(tempDir);
            throw e;
        }
    }

    /** Chromium writes "port\n/devtools/browser/&lt;id&gt;" to DevToolsActivePort once it listens. */
    private static URI awaitDevToolsEndpoint(Process process, Path profile, Path log)
            throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                    return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("chromium exited " + process.exitValue() + " before listening:\n" + tail(log));
            }
            Thread.sleep(50);
        }
        throw new IOException("chromium wrote no DevToolsActivePort within " + STARTUP_TIMEOUT + ":\n" + tail(log));
    }

    private HeadlessChromium(Process process, Path tempDir, Path log, URI browserWs)
            throws IOException, InterruptedException {
        this.process = process;
        this.tempDir = tempDir;
        this.log = log;
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(COMMAND_TIMEOUT)
                    .buildAsync(browserWs, new Listener()).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to " + browserWs + ": " + e, e);
        }
        JsonObject target = call(null, "Target.createTarget", Map.of("url", "about:blank"));
        JsonObject attached = call(null, "Target.attachToTarget",
                Map.of("targetId", target.getString("targetId"), "flatten", true));
        this.sessionId = attached.getString("sessionId");
        eventListeners.add(this::capture);
        send("Page.enable", Map.of());
        send("Runtime.enable", Map.of());
        send("Log.enable", Map.of());
        // --window-size includes the (invisible) window frame; pin the viewport so screenshots are 1280x800
        send("Emulation.setDeviceMetricsOverride",
                Map.of("width", VIEWPORT_WIDTH, "height", VIEWPORT_HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Navigates the page to {@code url} and waits for its load event. */
    public void open(String url) throws IOException, InterruptedException {
        CompletableFuture<JsonObject> loaded = nextEvent("Page.loadEventFired");
        JsonObject nav = send("Page.navigate", Map.of("url", url));
        String error = nav.getString("errorText");
        if (error != null && !error.isEmpty()) {
            throw new IOException("cannot open " + url + ": " + error);
        }
        await(loaded, LOAD_TIMEOUT, "load event of " + url);
    }

    /**
     * Evaluates {@code js} in the page (promises are awaited) and returns its JSON value: {@code null},
     * {@link Boolean}, {@link BigDecimal}, {@link String}, a {@code Map<String, Object>} or a {@code List<Object>}.
     * A thrown exception becomes an {@link IllegalStateException} with the page's message.
     */
    public Object evaluate(String js) throws IOException, InterruptedException {
        JsonObject r = send("Runtime.evaluate",
                Map.of("expression", js, "returnByValue", true, "awaitPromise", true));
        JsonObject details = r.getMap("exceptionDetails");
        if (details != null) {
            throw new IllegalStateException("page threw evaluating " + js + ": " + describe(details));
        }
        JsonObject result = r.getMap("result");
        return result == null ? null : result.get("value");
    }

    /** {@link #evaluate(String)} as a number, or NaN when the value is not a number (null, undefined). */
    public double evaluateNumber(String js) throws IOException, InterruptedException {
        Object v = evaluate(js);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * Re-evaluates {@code js} every 100 ms until it is truthy and returns that value; throws an
     * {@link AssertionError} with the last value, console and exceptions when {@code timeout} passes first.
     */
    public Object waitFor(String js, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last;
        do {
            last = evaluate(js);
            if (truthy(last)) {
                return last;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("still not true after " + timeout + ": " + js + " (last value " + last + ")\n"
                + diagnostics());
    }

    private static boolean truthy(Object v) {
        if (v == null || Boolean.FALSE.equals(v) || "".equals(v)) {
            return false;
        }
        return !(v instanceof Number n) || n.doubleValue() != 0;
    }

    /** Saves a PNG of the page's viewport. */
    public void screenshot(Path png) throws IOException, InterruptedException {
        JsonObject r = send("Page.captureScreenshot", Map.of("format", "png"));
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(png, Base64.getDecoder().decode(r.getString("data")));
    }

    /** Console messages, browser log entries (e.g. failed requests) as "[level] text", in order. */
    public List<String> console() {
        return List.copyOf(console);
    }

    /** Uncaught exceptions and unhandled rejections of the page. */
    public List<String> exceptions() {
        return List.copyOf(exceptions);
    }

    /** Console, exceptions and the tail of chromium's own output, for assertion messages. */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder();
        sb.append("page exceptions: ").append(exceptions).append('\n');
        List<String> c = console();
        sb.append("page console (last 40 of ").append(c.size()).append("):\n");
        for (String line : c.subList(Math.max(0, c.size() - 40), c.size())) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** The browser's temporary profile directory (deleted by {@link #close()}). */
    public Path profile() {
        return tempDir.resolve("profile");
    }

    /** The browser process first, then its live descendants (renderer, GPU, zygote...). */
    public List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        tree.addAll(process.descendants().toList());
        return tree;
    }

    /** Sends a CDP command to the page's session and returns its result. */
    public JsonObject send(String method, Map<String, ?> params) throws IOException, InterruptedException {
        return call(sessionId, method, params);
    }

    private JsonObject call(String session, String method, Map<String, ?> params)
            throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("browser closed");
        }
        int id = nextId.getAndIncrement();
        JsonObject msg = new JsonObject();
        msg.put("id", id);
        msg.put("method", method);
        msg.put("params", new JsonObject(params));
        if (session != null) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(msg.toJson(), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonObject r = await(reply, COMMAND_TIMEOUT, method);
            JsonObject error = r.getMap("error");
            if (error != null) {
                throw new IOException(method + " failed: " + error.getString("message")
                        + (error.containsKey("data") ? " (" + error.get("data") + ")" : ""));
            }
            JsonObject result = r.getMap("result");
            return result == null ? new JsonObject() : result;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot send " + method + ": " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private CompletableFuture<JsonObject> nextEvent(String method) {
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        Consumer<JsonObject> listener = new Consumer<>() {
            @Override
            public void accept(JsonObject e) {
                if (method.equals(e.getString("method")) && sessionId.equals(e.getString("sessionId"))) {
                    eventListeners.remove(this);
                    f.complete(e);
                }
            }
        };
        eventListeners.add(listener);
        return f;
    }

    private JsonObject await(CompletableFuture<JsonObject> f, Duration timeout, String what)
            throws IOException, InterruptedException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no answer to " + what + " within " + timeout + "\n" + diagnostics()
                    + "chromium output:\n" + tail(log));
        } catch (ExecutionException e) {
            throw new IOException(what + ": " + e.getCause(), e.getCause());
        }
    }

    private void capture(JsonObject e) {
        String method = e.getString("method");
        JsonObject p = e.getMap("params");
        if (method == null || p == null) {
            return;
        }
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                StringBuilder text = new StringBuilder();
                JsonArray args = p.getCollection("args");
                for (Object a : args == null ? List.of() : args) {
                    JsonObject arg = (JsonObject) a;
                    Object v = arg.containsKey("value") ? arg.get("value") : arg.get("description");
                    text.append(text.length() == 0 ? "" : " ").append(v);
                }
                keep(console, "[" + p.getString("type") + "] " + text);
            }
            case "Log.entryAdded" -> {
                JsonObject entry = p.getMap("entry");
                keep(console, "[" + entry.getString("level") + "] " + entry.getString("text")
                        + (entry.containsKey("url") ? " " + entry.getString("url") : ""));
            }
            case "Runtime.exceptionThrown" -> keep(exceptions, describe(p.getMap("exceptionDetails")));
            default -> {
            }
        }
    }

    private static void keep(List<String> list, String line) {
        if (list.size() < MAX_CONSOLE_LINES) {
            list.add(line);
        }
    }

    private static String describe(JsonObject details) {
        if (details == null) {
            return "?";
        }
        JsonObject ex = details.getMap("exception");
        if (ex != null && ex.getString("description") != null) {
            return ex.getString("description");
        }
        return details.getString("text") + " at " + details.get("url") + ":" + details.get("lineNumber");
    }

    /** Reassembles the WebSocket's text fragments into CDP messages and routes replies and events. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            failAll(new IOException("DevTools socket closed: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            failAll(error);
        }
    }

    private void dispatch(String text) {
        JsonObject msg;
        try {
            msg = (JsonObject) Jsoner.deserialize(text);
        } catch (DeserializationException | ClassCastException e) {
            keep(exceptions, "unreadable CDP message: " + e);
            return;
        }
        Object id = msg.get("id");
        if (id instanceof BigDecimal n) {
            CompletableFuture<JsonObject> f = pending.get(n.intValue());
            if (f != null) {
                f.complete(msg);
            }
            return;
        }
        for (Consumer<JsonObject> l : eventListeners) {
            l.accept(msg);
        }
    }

    private void failAll(Throwable cause) {
        for (CompletableFuture<JsonObject> f : pending.values()) {
            f.completeExceptionally(cause);
        }
    }

    /** Closes the browser (Browser.close, then the whole process tree) and deletes its profile. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            call(null, "Browser.close", Map.of());
        } catch (IOException | RuntimeException e) {
            // the socket may close before the reply; the kill below covers it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        socket.abort();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill(process);
        tree.forEach(ProcessHandle::destroyForcibly);
        deleteRecursively(tempDir);
    }

    private static void kill(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        // chromium's last children may still be writing the profile for a moment after the kill
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
                for (Path p : paths) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (IOException | UncheckedIOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
        } catch (IOException e) {
            return "(no chromium log: " + e + ")";
        }
    }
}
