package io.camelmedia.hub;

/**
 * One question to an {@link Authenticator}.
 *
 * @param action   what the client asks to do
 * @param protocol who asks: {@code rtmp}, {@code srt}, {@code whip}, {@code whep}, {@code hls}, {@code playback},
 *                 {@code api}... (for logs, counters and hooks)
 * @param path     the stream path, e.g. {@code live/cam1}; null when the client names its stream by its key only
 *                 (the /v1 API, WHIP at /v1/whip, an RTMP publish whose stream name is the key)
 * @param key      the credential the client presented (key, token or JWT), or null
 * @param remote   the client's address, for logs, the failure delay and hooks
 */
public record AuthRequest(AuthAction action, String protocol, String path, String key, String remote) {
    public AuthRequest {
        if (action == null || protocol == null) {
            throw new IllegalArgumentException("an auth request needs an action and a protocol");
        }
        remote = remote == null ? "unknown" : remote;
    }

    /** The token of an {@code Authorization: Bearer <token>} header (RFC 6750 2.1), or null. */
    public static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.trim();
        return a.regionMatches(true, 0, "Bearer ", 0, 7) && a.length() > 7 ? a.substring(7).trim() : null;
    }

    /** The request for logs: never the key. */
    @Override
    public String toString() {
        return protocol + " " + action.label() + " " + (path == null ? "(path by key)" : path) + " from " + remote
                + (key == null ? " without a key" : " with a key");
    }
}
