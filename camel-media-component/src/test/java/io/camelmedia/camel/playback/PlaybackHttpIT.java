package io.camelmedia.camel.playback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.camelmedia.protocol.playback.StreamedBody;
import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.HeadlessChromium;
import io.camelmedia.testing.MediaFiles;
import io.camelmedia.testing.PlatformHttpTesting;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * playback: over real HTTP (Platform HTTP on Vert.x): the exact Range semantics from the JDK client, traversal
 * attempts on a raw socket, ffmpeg seeking into a recording over HTTP, and ffmpeg decoding the HLS VOD playlist
 * frame-identical to the file.
 */
class PlaybackHttpIT {
    static final String FILE = "2026-01-02_03-04-05-000.mp4";
    @TempDir
    static Path tmp;
    static Path root;
    static byte[] mp4;
    static Path source;
    static int port;
    static CamelContext camel;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What the playback route saw of each request: method, URI, status. */
    static final java.util.Queue<String> SEEN = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The streamed bodies answered, to see how much of each was read. */
    static final java.util.Queue<StreamedBody.Reader> READERS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(tmp.resolve("recordings"));
        Path cam1 = Files.createDirectories(root.resolve("live/cam1"));
        MediaFiles.write(cam1.resolve(FILE), MediaFiles.testSource(6), "-c:v", "libopenh264", "-g", "25", "-c:a", "aac",
                "-movflags", "+frag_keyframe+empty_moov+default_base_moof");
        mp4 = Files.readAllBytes(cam1.resolve(FILE));
        Path cam2 = Files.createDirectories(root.resolve("live/cam2"));
        Files.write(cam2.resolve("2026-01-02_03-10-00-000.mp4.part"), Arrays.copyOf(mp4, mp4.length * 2 / 3));
        Path outside = Files.createDirectories(tmp.resolve("outside/live"));
        Files.writeString(tmp.resolve("outside/secret.txt"), "SECRET");
        Files.write(outside.resolve("2026-01-01_00-00-00-000.mp4"), "SECRET".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(root.resolve("evil"), tmp.resolve("outside/live"));
        Files.createSymbolicLink(cam1.resolve("2026-01-01_00-00-00-000.mp4"),
                tmp.resolve("outside/live/2026-01-01_00-00-00-000.mp4"));
        // two files of one source, each with its own timeline from 0 (ffmpeg cuts at the 3 s key frame)
        source = MediaFiles.write(tmp.resolve("source.mp4"), MediaFiles.testSource(6), "-c:v", "libopenh264", "-g", "25",
                "-c:a", "aac");
        Path two = Files.createDirectories(root.resolve("live/two"));
        for (int i = 0; i < 2; i++) {
            MediaFiles.write(two.resolve("2026-01-03_00-00-0" + (3 * i) + "-000.mp4"),
                    new String[] {"-ss", Integer.toString(3 * i), "-t", "3", "-i", source.toString()}, "-c", "copy",
                    "-movflags", "+frag_keyframe+empty_moov+default_base_moof");
        }

        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        camel = PlatformHttpTesting.context(port);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("playback:test?directory=" + root + "&basePath=/recordings")
                        .log(LoggingLevel.DEBUG, "${header.CamelHttpMethod} ${header.CamelHttpUri}")
                        .process(e -> {
                            SEEN.add(e.getMessage().getHeader("CamelHttpMethod") + " "
                                    + e.getMessage().getHeader("CamelHttpUri") + " "
                                    + e.getMessage().getHeader("CamelHttpResponseCode"));
                            if (e.getProperty(PlaybackHttpProcessor.STREAMED_BODY) instanceof StreamedBody.Reader r) {
                                READERS.add(r);
                            }
                        });
            }
        });
        camel.start();
        for (int i = 0; i < 100 && get("/recordings/list", null).statusCode() == 404; i++) {
            Thread.sleep(50); // the HTTP consumer starts once the context has fully started
        }
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static HttpResponse<byte[]> get(String path, String range, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (range != null) {
            b.header("Range", range);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static final String PATH = "/recordings/live/cam1/" + FILE;

    @Test
    void listingGivesEveryStreamsRecordingsWithTheirTimeSpans() throws Exception {
        HttpResponse<byte[]> all = get("/recordings/list", null);
        assertEquals(200, all.statusCode());
        String json = new String(all.body(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"path\":\"live/cam1\""), json);
        // 6 s of video; ffmpeg's fragments last 1.021 s, 1 s, ... (the first keeps 1024 AAC priming samples' 21 ms)
        assertTrue(json.matches(".*\"start\":\"2026-01-02T03:04:05Z\",\"duration\":6\\.0\\d\\d,\"size\":" + mp4.length
                + ",\"url\":\"" + PATH + "\",\"inProgress\":false.*"), json);
        assertTrue(json.contains("\"url\":\"/recordings/live/cam2/2026-01-02_03-10-00-000.mp4.part\",\"inProgress\":true"),
                json);
        assertFalse(json.contains("evil") || json.contains("2026-01-01"), "links are not listed: " + json);
        assertTrue(SEEN.contains("GET /recordings/list 200"), SEEN.toString());
        String one = new String(get("/recordings/live/cam2/list", null).body(), StandardCharsets.UTF_8);
        assertTrue(one.startsWith("[{\"start\":\"2026-01-02T03:10:00Z\""), one);
    }

    @Test
    void rangesAreAnsweredAsRfc9110Says() throws Exception {
        int len = mp4.length;
        HttpResponse<byte[]> whole = get(PATH, null);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(mp4, whole.body());
        assertEquals(List.of(Integer.toString(len)), whole.headers().allValues("Content-Length"));
        assertTrue(whole.headers().firstValue("Transfer-Encoding").isEmpty());
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));
        assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElse(""));

        HttpResponse<byte[]> from0 = get(PATH, "bytes=0-");
        assertEquals(206, from0.statusCode());
        assertEquals("bytes 0-" + (len - 1) + "/" + len, from0.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(mp4, from0.body());

        HttpResponse<byte[]> suffix = get(PATH, "bytes=-500");
        assertEquals(206, suffix.statusCode());
        assertEquals("bytes " + (len - 500) + "-" + (len - 1) + "/" + len, suffix.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(mp4, len - 500, len), suffix.body());

        HttpResponse<byte[]> mid = get(PATH, "bytes=100-199");
        assertEquals(206, mid.statusCode());
        assertEquals(List.of("100"), mid.headers().allValues("Content-Length"));
        assertTrue(mid.headers().firstValue("Transfer-Encoding").isEmpty());
        assertArrayEquals(Arrays.copyOfRange(mp4, 100, 200), mid.body());

        HttpResponse<byte[]> clipped = get(PATH, "bytes=" + (len - 10) + "-" + (len + 1000));
        assertEquals(206, clipped.statusCode());
        assertEquals(10, clipped.body().length);

        HttpResponse<byte[]> overlapping = get(PATH, "bytes=0-9, 5-29");
        assertEquals(200, overlapping.statusCode(), "overlapping ranges: the whole file (RFC 9110 14.2 allows it)");
        assertArrayEquals(mp4, overlapping.body());

        HttpResponse<byte[]> invalid = get(PATH, "bytes=500-100");
        assertEquals(200, invalid.statusCode(), "an invalid range is ignored");
        assertEquals(len, invalid.body().length);

        HttpResponse<byte[]> beyond = get(PATH, "bytes=" + len + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + len, beyond.headers().firstValue("Content-Range").orElse(""));
        assertEquals(416, get(PATH, "bytes=-0").statusCode());
    }

    /** RFC 9110 14.6: several ranges are a multipart/byteranges 206 whose parts are the ranges, in the order asked. */
    @Test
    void severalRangesAreAMultipartAnswer() throws Exception {
        int len = mp4.length;
        HttpResponse<byte[]> r = get(PATH, "bytes=20-29, 0-9, " + (len - 5) + "-");
        assertEquals(206, r.statusCode());
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        assertEquals(List.of(Integer.toString(r.body().length)), r.headers().allValues("Content-Length"));
        String boundary = type.substring(type.indexOf('=') + 1);
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        String[] parts = body.split("\r\n--" + boundary + "(--)?\r\n", -1);
        // "--b\r\n<part>" for the first, then "\r\n--b\r\n<part>", and "\r\n--b--\r\n" at the end
        assertTrue(parts[0].startsWith("--" + boundary + "\r\n"), body);
        parts[0] = parts[0].substring(boundary.length() + 4);
        assertEquals(4, parts.length, body);
        assertEquals("", parts[3]);
        int[][] ranges = {{20, 29}, {0, 9}, {len - 5, len - 1}};
        for (int i = 0; i < 3; i++) {
            int first = ranges[i][0];
            int last = ranges[i][1];
            String head = "Content-Type: video/mp4\r\nContent-Range: bytes " + first + "-" + last + "/" + len + "\r\n\r\n";
            assertTrue(parts[i].startsWith(head), parts[i]);
            assertArrayEquals(Arrays.copyOfRange(mp4, first, last + 1),
                    parts[i].substring(head.length()).getBytes(StandardCharsets.ISO_8859_1), "part " + i);
        }
        // curl asks the same way and saves the multipart body as it came
        Path saved = tmp.resolve("multipart.out");
        Process curl = new ProcessBuilder("curl", "-s", "-r", "0-9,20-29", "-D", "-", "-o", saved.toString(), url(PATH))
                .redirectErrorStream(true).start();
        String headers = new String(curl.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertEquals(0, curl.waitFor(), headers);
        assertTrue(headers.startsWith("HTTP/1.1 206"), headers);
        assertTrue(headers.toLowerCase(java.util.Locale.ROOT).contains("content-length: " + Files.size(saved) + "\r\n"),
                headers);
        String curlBody = Files.readString(saved, StandardCharsets.ISO_8859_1);
        assertTrue(curlBody.contains("Content-Range: bytes 0-9/" + len + "\r\n\r\n"
                + new String(mp4, 0, 10, StandardCharsets.ISO_8859_1) + "\r\n--"), curlBody);
        assertTrue(curlBody.contains("Content-Range: bytes 20-29/" + len + "\r\n\r\n"
                + new String(mp4, 20, 10, StandardCharsets.ISO_8859_1) + "\r\n--"), curlBody);
    }

    @Test
    void aPartFileThatHasSinceBeenFinishedIsServedFromItsMp4() throws Exception {
        HttpResponse<byte[]> r = get(PATH + ".part", "bytes=0-99");
        assertEquals(206, r.statusCode());
        assertArrayEquals(Arrays.copyOf(mp4, 100), r.body());
        assertEquals(404, get("/recordings/live/cam1/2026-01-02_03-04-06-000.mp4", null).statusCode());
        assertEquals(404, get("/recordings/live/cam1/notes.txt", null).statusCode());
    }

    /** Players drop connections mid-file all the time (a seek): no file stays open after them. */
    @Test
    void abortedDownloadsLeaveNoFileOpen() throws Exception {
        // far larger than the socket buffers, so the server is still sending when the client goes (sparse: no disk)
        String big = "2026-01-02_00-00-00-000.mp4";
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(
                Files.createDirectories(root.resolve("live/big")).resolve(big).toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        READERS.clear();
        for (int i = 0; i < 10; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write(("GET /recordings/live/big/" + big + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().readNBytes(100_000);
            }
        }
        long open = 10;
        for (int i = 0; i < 200 && open > 0; i++) {
            Thread.sleep(50);
            open = openFilesNamed(big);
        }
        assertEquals(0, open, "file descriptors still open on " + big);
        assertEquals(10, READERS.size());
        for (StreamedBody.Reader r : READERS) {
            for (int i = 0; i < 200 && !r.isClosed(); i++) {
                Thread.sleep(50);
            }
            assertTrue(r.isClosed());
            // the client's going stopped the reading: far from the 64 MiB asked
            assertTrue(r.bytesRead() < (16L << 20), r.bytesRead() + " bytes read");
        }
    }

    private static long openFilesNamed(String name) throws Exception {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().endsWith(name);
                } catch (Exception e) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void headEtagAndConditionals() throws Exception {
        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create(url(PATH)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(List.of(Integer.toString(mp4.length)), head.headers().allValues("Content-Length"));
        assertEquals("bytes", head.headers().firstValue("Accept-Ranges").orElse(""));
        assertEquals(0, head.body().length);
        String etag = head.headers().firstValue("ETag").orElseThrow();
        String lastModified = head.headers().firstValue("Last-Modified").orElseThrow();

        assertEquals(304, get(PATH, null, "If-None-Match", etag).statusCode());
        assertEquals(304, get(PATH, null, "If-None-Match", "\"other\", W/" + etag).statusCode());
        assertEquals(200, get(PATH, null, "If-None-Match", "\"other\"").statusCode());
        assertEquals(304, get(PATH, null, "If-Modified-Since", lastModified).statusCode());

        assertEquals(206, get(PATH, "bytes=0-9", "If-Range", etag).statusCode());
        assertEquals(206, get(PATH, "bytes=0-9", "If-Range", lastModified).statusCode());
        HttpResponse<byte[]> changed = get(PATH, "bytes=0-9", "If-Range", "\"changed\"");
        assertEquals(200, changed.statusCode(), "If-Range not matching: the whole file");
        assertEquals(mp4.length, changed.body().length);
    }

    @Test
    void pathsOutsideTheFolderAreRefused() throws Exception {
        for (String attempt : List.of("/recordings/../outside/secret.txt", "/recordings/%2e%2e/outside/secret.txt",
                "/recordings/live/%2E%2E/%2e%2e/outside/secret.txt", "/recordings/live/..%2f..%2foutside%2fsecret.txt",
                "/recordings/live%5c..%5c..%5coutside%5csecret.txt", "/recordings//etc/passwd",
                "/recordings/evil/2026-01-01_00-00-00-000.mp4", "/recordings/live/cam1/2026-01-01_00-00-00-000.mp4",
                "/recordings/%2fetc/2026-01-01_00-00-00-000.mp4", "/recordings/live/cam1/%00.mp4")) {
            String answer = raw("GET " + attempt + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String status = answer.substring(0, answer.indexOf("\r\n"));
            assertTrue(status.contains(" 400 ") || status.contains(" 404 "), attempt + ": " + status);
            assertFalse(answer.contains("SECRET"), attempt + " served something outside the folder");
        }
    }

    @Test
    void ffmpegSeeksIntoTheMiddleOverHttpAndDecodes() throws Exception {
        Ffmpeg.Result r = Ffmpeg.run(60, "-nostdin", "-v", "error", "-ss", "3", "-i", url(PATH), "-frames:v", "1",
                "-f", "framemd5", "-").requireSuccess();
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("0,")), r.stdout());
        Ffmpeg.Result probe = Ffmpeg.probe(60, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                url(PATH)).requireSuccess();
        assertEquals(6.0, Double.parseDouble(probe.stdout().trim()), 0.1);
    }

    @Test
    void hlsVodPlaylistDecodesFrameIdenticalToTheFile() throws Exception {
        HttpResponse<byte[]> pl = get("/recordings/live/cam1/index.m3u8", null);
        assertEquals(200, pl.statusCode());
        String text = new String(pl.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("#EXT-X-PLAYLIST-TYPE:VOD") && text.contains("#EXT-X-ENDLIST")
                && text.contains("#EXT-X-MAP:URI=\"" + FILE + "\",BYTERANGE="), text);
        assertEquals(6, text.lines().filter(l -> l.startsWith("#EXT-X-BYTERANGE:")).count(), text);
        Path file = root.resolve("live/cam1/" + FILE);
        DecodedMd5.assertSameFrames(DecodedMd5.of(file.toString(), "0:v"),
                DecodedMd5.of(url("/recordings/live/cam1/index.m3u8"), "0:v"), "HLS VOD video");
        DecodedMd5.assertSameFrames(DecodedMd5.of(file.toString(), "0:a"),
                DecodedMd5.of(url("/recordings/live/cam1/index.m3u8"), "0:a"), "HLS VOD audio");

        String span = new String(get("/recordings/live/cam1/index.m3u8?start=2026-01-02T03:04:07Z&duration=2", null)
                .body(), StandardCharsets.UTF_8);
        // fragments start at 0, 1.021, 2.021, 3.021 s: [2 s, 4 s) overlaps three of them
        assertEquals(3, span.lines().filter(l -> l.startsWith("#EXTINF:")).count(), span);
        assertTrue(span.contains("#EXT-X-PROGRAM-DATE-TIME:2026-01-02T03:04:06.021Z"), span);
        assertEquals(404, get("/recordings/live/cam1/index.m3u8?start=2027-01-01T00:00:00Z", null).statusCode());
        assertEquals(400, get("/recordings/live/cam1/index.m3u8?start=yesterday", null).statusCode());
    }

    /**
     * MediaMTX's /get of a span across two files whose timelines each start at 0: one fMP4 from the key frame at
     * the start, re-timed to run on across the files, decoding to exactly the source's frames of the span.
     */
    @Test
    void getAnswersASpanAcrossTwoFilesAsOneMp4() throws Exception {
        // fragments (one per 1 s GOP) start at 00:00:00..02 in the first file and 00:00:03..05 in the second
        String query = "start=2026-01-03T00:00:01.400Z&duration=3.2";
        HttpResponse<byte[]> r = get("/recordings/live/two/get?" + query, null);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("video/mp4", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(List.of(Integer.toString(r.body().length)), r.headers().allValues("Content-Length"));
        Path answer = Files.write(tmp.resolve("get.mp4"), r.body());
        // from the 1 s key frame (at or before 1.4 s) to the end of the last fragment starting before 4.6 s: 1..5 s
        List<String> source = DecodedMd5.of(PlaybackHttpIT.source.toString(), "0:v");
        DecodedMd5.assertSameFrames(source.subList(25, 125), DecodedMd5.of(answer.toString(), "0:v"), "/get video");
        Ffmpeg.Result probe = Ffmpeg.probe(60, "-v", "error", "-select_streams", "v", "-show_entries",
                "stream=start_time,duration", "-of", "csv=p=0", answer.toString()).requireSuccess();
        String[] startAndDuration = probe.stdout().trim().split(",");
        assertEquals(0.0, Double.parseDouble(startAndDuration[0]), 0.001, probe.stdout());
        assertEquals(4.0, Double.parseDouble(startAndDuration[1]), 0.05, "within a GOP of 3.2 s: " + probe.stdout());

        HttpResponse<byte[]> mediamtx = get("/recordings/get?path=live/two&" + query + "&format=fmp4", null);
        assertEquals(200, mediamtx.statusCode());
        assertArrayEquals(r.body(), mediamtx.body(), "one implementation behind both shapes");
        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create(url("/recordings/live/two/get?" + query)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(List.of(Integer.toString(r.body().length)), head.headers().allValues("Content-Length"));

        assertEquals(404, get("/recordings/live/two/get?start=2026-01-04T00:00:00Z&duration=5", null).statusCode());
        assertEquals(404, get("/recordings/live/nothing/get?" + query, null).statusCode());
        for (String bad : List.of("start=yesterday&duration=5", "duration=5", "start=2026-01-03T00:00:00Z",
                "start=2026-01-03T00:00:00Z&duration=-1", "start=2026-01-03T00:00:00Z&duration=5&format=mp4")) {
            assertEquals(400, get("/recordings/live/two/get?" + bad, null).statusCode(), bad);
        }
        assertEquals(400, get("/recordings/get?start=2026-01-03T00:00:00Z&duration=5", null).statusCode());
        assertEquals(400, get("/recordings/get?path=../outside&" + query, null).statusCode());
    }

    /** Chromium's own player (the media document of the URL) plays the /get answer through to its end. */
    @Test
    void chromiumPlaysTheGetAnswer() throws Exception {
        HeadlessChromium.assumeAvailable();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.open(url("/recordings/live/two/get?start=2026-01-03T00:00:01Z&duration=4"));
            String video = "document.querySelector('video')";
            chromium.waitFor("(() => { const v = " + video + "; if (!v) return false; v.muted = true; v.play();"
                    + " return v.ended || v.currentTime > 3.5; })()", java.time.Duration.ofSeconds(30));
            assertEquals(4.0, chromium.evaluateNumber(video + ".duration"), 0.1);
            assertEquals(Boolean.TRUE, chromium.evaluate(video + ".error === null && " + video + ".videoWidth === 160"));
        }
    }

    private static String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
