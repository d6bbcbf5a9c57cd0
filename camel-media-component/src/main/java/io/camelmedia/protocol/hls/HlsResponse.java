package io.camelmedia.protocol.hls;

import java.nio.charset.StandardCharsets;

/**
 * What the HLS origin answers to one GET: status, content type, cache policy and body. Plain data, so
 * any HTTP layer (Camel Platform HTTP, a JDK server in tests) can send it.
 */
public record HlsResponse(int status, String contentType, String cacheControl, byte[] body) {
    public static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    /** Playlists change every part: never cache them (a blocking reload is its own freshness). */
    static final String NO_CACHE = "no-cache";
    /** Segments, parts and init segments never change under their name. */
    static final String IMMUTABLE = "max-age=3600, immutable";

    static HlsResponse playlist(String text) {
        return new HlsResponse(200, PLAYLIST_TYPE, NO_CACHE, text.getBytes(StandardCharsets.UTF_8));
    }

    static HlsResponse media(String contentType, byte[] data) {
        return new HlsResponse(200, contentType, IMMUTABLE, data);
    }

    static HlsResponse error(int status, String reason) {
        return new HlsResponse(status, "text/plain; charset=utf-8", NO_CACHE,
                (reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
