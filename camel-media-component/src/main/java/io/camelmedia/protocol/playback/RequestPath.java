package io.camelmedia.protocol.playback;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request path below the base path, split into decoded segments, refusing whatever could name something
 * outside the recordings folder: {@code .} and {@code ..} segments (also percent-encoded, {@code %2e%2e}),
 * encoded slashes and backslashes ({@code %2f}, {@code %5c}), backslashes, NUL and control characters, empty
 * segments ({@code a//b}) and malformed escapes. What remains is resolved and checked again on disk
 * ({@link RecordingStore#resolve}): symbolic links must stay under the folder too.
 */
final class RequestPath {
    /** Segments in a path: 32, far above any stream path (live/site/cam) plus the file name. */
    static final int MAX_SEGMENTS = 32;

    private RequestPath() {
    }

    /** Thrown for a path that is refused (400). */
    static final class BadPath extends Exception {
        BadPath(String message) {
            super(message);
        }
    }

    static List<String> segments(String rawPath) throws BadPath {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            throw new BadPath("encoded slashes, backslashes and NUL are refused in paths");
        }
        String p = rawPath;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        for (String raw : p.split("/", -1)) {
            if (out.size() >= MAX_SEGMENTS) {
                throw new BadPath("more than " + MAX_SEGMENTS + " path segments");
            }
            String s = decode(raw);
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new BadPath("empty, '.' and '..' path segments are refused");
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == 0x7F || c == '\\' || c == '/') {
                    throw new BadPath("control characters, slashes and backslashes are refused in a path segment");
                }
            }
            out.add(s);
        }
        return out;
    }

    /** RFC 3986 percent-decoding as UTF-8 ('+' stays '+': it is a plus in a path). */
    private static String decode(String raw) throws BadPath {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw new BadPath("malformed percent-escape in path");
                }
                b.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                b.write(u, 0, u.length);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
