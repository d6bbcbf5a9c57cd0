package io.camelmedia.protocol.srt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a caller asks for in its stream id, in the three forms people use:
 * <ul>
 * <li>MediaMTX: {@code publish:live/cam}, {@code read:live/cam}, optionally {@code :user:pass} after the path;</li>
 * <li>the SRT access-control syntax: {@code #!::r=live/cam,m=publish,u=user,s=secret} (m is request, publish or
 *     bidirectional; request is the default);</li>
 * <li>a plain path {@code live/cam}: a publish, or a read when {@code defaultMode} says so.</li>
 * </ul>
 * The key (for the shared authenticator) is the password part, else the {@code s} (session) key, else the
 * {@code key} query parameter of a plain path ({@code live/cam?key=secret}).
 *
 * @param path the stream path ({@code live/cam})
 * @param read true for a reader, false for a publisher
 * @param user the user name, or null
 * @param key  the credential, or null
 */
public record SrtStreamId(String path, boolean read, String user, String key) {

    /** Parses {@code sid}; an empty or null sid is the {@code defaultPath}. Throws on a malformed id. */
    public static SrtStreamId parse(String sid, String defaultPath, boolean defaultRead) {
        if (sid == null || sid.isEmpty()) {
            if (defaultPath == null || defaultPath.isEmpty()) {
                throw new SrtException("no stream id, and no default path");
            }
            return new SrtStreamId(defaultPath, defaultRead, null, null);
        }
        if (sid.startsWith("#!::")) {
            return accessControl(sid.substring(4), defaultPath);
        }
        for (String mode : new String[] {"publish:", "read:"}) {
            if (sid.startsWith(mode)) {
                String[] parts = sid.substring(mode.length()).split(":", 3);
                String user = parts.length == 3 ? parts[1] : null;
                String pass = parts.length == 3 ? parts[2] : parts.length == 2 ? parts[1] : null;
                return new SrtStreamId(path(parts[0]), mode.equals("read:"), user, pass);
            }
        }
        String path = sid;
        String key = null;
        int q = sid.indexOf('?');
        if (q >= 0) {
            path = sid.substring(0, q);
            for (String kv : sid.substring(q + 1).split("&")) {
                if (kv.startsWith("key=")) {
                    key = kv.substring(4);
                }
            }
        }
        return new SrtStreamId(path(path), defaultRead, null, key);
    }

    private static SrtStreamId accessControl(String body, String defaultPath) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String pair : body.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new SrtException("stream id: '" + pair + "' is not key=value");
            }
            kv.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        String mode = kv.getOrDefault("m", "request");
        boolean read = switch (mode) {
            case "request" -> true;
            case "publish" -> false;
            default -> throw new SrtException("stream id: mode m=" + mode + " not supported (request or publish)");
        };
        String r = kv.get("r");
        if (r == null && (defaultPath == null || defaultPath.isEmpty())) {
            throw new SrtException("stream id: no resource (r=...)");
        }
        return new SrtStreamId(r == null ? defaultPath : path(r), read, kv.get("u"), kv.get("s"));
    }

    private static String path(String p) {
        String s = p.startsWith("/") ? p.substring(1) : p;
        if (s.isEmpty() || s.length() > 256 || s.contains("..") || s.chars().anyMatch(c -> c < 0x21 || c == '\\')) {
            throw new SrtException("stream id: path '" + p + "' is not a stream path");
        }
        return s;
    }
}
