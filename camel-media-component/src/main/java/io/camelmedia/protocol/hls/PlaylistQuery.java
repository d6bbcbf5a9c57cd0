package io.camelmedia.protocol.hls;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds a query parameter to every URI of an M3U8 playlist (RFC 8216 4.1: URI lines, and the {@code URI="..."}
 * attribute of EXT-X-MAP, EXT-X-PART, EXT-X-PRELOAD-HINT, EXT-X-MEDIA...): a player given
 * {@code index.m3u8?token=k} then sends the token with every segment, part and init it loads (hls.js and Safari
 * cannot always set headers).
 */
public final class PlaylistQuery {
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");

    private PlaylistQuery() {
    }

    /** {@code playlist} with {@code param} ({@code name=value}, already URL-encoded) on each URI. */
    public static String append(String playlist, String param) {
        StringBuilder out = new StringBuilder(playlist.length() + 64);
        for (String line : playlist.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (line.isBlank()) {
                out.append(line);
            } else if (line.startsWith("#")) {
                Matcher m = URI_ATTRIBUTE.matcher(line);
                StringBuilder sb = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(sb, Matcher.quoteReplacement("URI=\"" + with(m.group(1), param) + "\""));
                }
                m.appendTail(sb);
                out.append(sb);
            } else {
                out.append(with(line.trim(), param));
            }
        }
        return out.toString();
    }

    private static String with(String uri, String param) {
        return uri + (uri.indexOf('?') >= 0 ? "&" : "?") + param;
    }
}
