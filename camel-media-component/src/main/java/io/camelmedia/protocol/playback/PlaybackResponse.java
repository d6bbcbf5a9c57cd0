package io.camelmedia.protocol.playback;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the playback server answers: status, headers, and either a small body in memory or a {@link StreamedBody}
 * the HTTP layer streams from disk, whose length is the {@code Content-Length} header. A HEAD answer has the
 * headers of the GET (its Content-Length too) and no body ({@code body} and {@code stream} null), as has a 304.
 */
public record PlaybackResponse(int status, Map<String, String> headers, byte[] body, StreamedBody stream) {
    static PlaybackResponse bytes(int status, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("Cache-Control", "no-cache");
        return new PlaybackResponse(status, h, body, null);
    }

    public static PlaybackResponse text(int status, String reason) {
        return bytes(status, "text/plain; charset=utf-8", (reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A streamed answer; sets its Content-Length. */
    static PlaybackResponse streamed(int status, Map<String, String> headers, StreamedBody stream) {
        headers.put("Content-Length", Long.toString(stream.length()));
        return new PlaybackResponse(status, headers, null, stream);
    }

    /** The same answer without a body (HEAD, 304), keeping the headers. */
    PlaybackResponse withoutBody() {
        return new PlaybackResponse(status, headers, null, null);
    }

    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
