package io.camelmedia.protocol.playback;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the playback server answers: status, headers, and either a small body in memory or a byte range of a
 * file, which the HTTP layer streams from disk ({@code file} non-null: bytes {@code [offset, offset + length)}).
 * A HEAD answer has the headers of the GET and no body ({@code body} and {@code file} null), as has a 304.
 */
public record PlaybackResponse(int status, Map<String, String> headers, byte[] body, Path file, long offset,
                               long length) {
    static PlaybackResponse bytes(int status, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("Cache-Control", "no-cache");
        return new PlaybackResponse(status, h, body, null, 0, body.length);
    }

    public static PlaybackResponse text(int status, String reason) {
        return bytes(status, "text/plain; charset=utf-8", (reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static PlaybackResponse file(int status, Map<String, String> headers, Path file, long offset, long length) {
        return new PlaybackResponse(status, headers, null, file, offset, length);
    }

    /** The same answer without a body (HEAD, 304), keeping the headers. */
    PlaybackResponse withoutBody() {
        return new PlaybackResponse(status, headers, null, null, 0, 0);
    }

    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
