package io.camelmedia.protocol.playback;

import java.util.Map;

/**
 * One HTTP request to the playback server. {@code rawPath} is the path below the base path as it came on the
 * wire (still percent-encoded, without query), so encoded slashes and dots can be told apart; {@code query}
 * is decoded; {@code header} looks a request header up by name, case-insensitively, null when absent.
 */
public record PlaybackRequest(String method, String rawPath, Map<String, String> query,
                              java.util.function.Function<String, String> header) {
    public boolean isHead() {
        return "HEAD".equalsIgnoreCase(method);
    }
}
