package io.camelmedia.protocol.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live MPEG-TS and WebM recordings next to nothing else: listed with their start, size, url and state (duration 0,
 * they are not indexed), served with their own Content-Type, left out of playlists; other names are not recordings.
 */
class PlaybackServerFormatsTest {
    @TempDir
    Path dir;

    private PlaybackResponse get(PlaybackServer server, String path) {
        return server.handle(new PlaybackRequest("GET", path, Map.of(), h -> null));
    }

    @Test
    void tsAndWebmAreListedAndServedButNotInPlaylists() throws Exception {
        Path s = Files.createDirectories(dir.resolve("live/cam"));
        Files.write(s.resolve("2025-01-01_00-00-00-000.ts"), new byte[376]);
        Files.write(s.resolve("2025-01-01_00-00-02-500.webm.part"), new byte[100]);
        Files.write(s.resolve("notes.ts"), new byte[10]);
        Files.write(s.resolve("2025-01-01_00-00-09-000.mkv"), new byte[10]);
        PlaybackServer server = new PlaybackServer(new RecordingStore(dir), "/rec");

        PlaybackResponse list = get(server, "/live/cam/list");
        assertEquals(200, list.status());
        assertEquals("[{\"start\":\"2025-01-01T00:00:00Z\",\"duration\":0,\"size\":376,"
                + "\"url\":\"/rec/live/cam/2025-01-01_00-00-00-000.ts\",\"inProgress\":false},"
                + "{\"start\":\"2025-01-01T00:00:02.500Z\",\"duration\":0,\"size\":100,"
                + "\"url\":\"/rec/live/cam/2025-01-01_00-00-02-500.webm.part\",\"inProgress\":true}]", list.bodyText());

        PlaybackResponse ts = get(server, "/live/cam/2025-01-01_00-00-00-000.ts");
        assertEquals(200, ts.status());
        assertEquals("video/mp2t", ts.headers().get("Content-Type"));
        assertEquals(376, ts.stream().length());
        PlaybackResponse webm = get(server, "/live/cam/2025-01-01_00-00-02-500.webm.part");
        assertEquals("video/webm", webm.headers().get("Content-Type"));
        assertEquals(100, webm.stream().length());
        assertEquals(404, get(server, "/live/cam/index.m3u8").status(), "playlists take fMP4 files only");
        assertEquals(404, get(server, "/live/cam/notes.ts").status());
    }
}
