package io.camelmedia.protocol.webrtc;

/**
 * One WHIP/WHEP HTTP request, as the HTTP layer (Camel Platform HTTP) hands it over.
 *
 * @param method        GET, POST, PATCH, DELETE, OPTIONS...
 * @param path          the part after the endpoint's base path, without leading '/': {@code live/cam1} or
 *                      {@code live/cam1/sessions/<id>}
 * @param contentType   the Content-Type header, or null
 * @param authorization the Authorization header, or null
 * @param ifMatch       the If-Match header, or null
 * @param body          the request body (empty when none)
 * @param remote        the client's address, for auth hooks and logs
 */
public record HttpRequest(String method, String path, String contentType, String authorization, String ifMatch,
                          byte[] body, String remote) {
    /** The Bearer token of the Authorization header (RFC 6750 §2.1), or null. */
    public String bearerToken() {
        return io.camelmedia.hub.AuthRequest.bearerToken(authorization);
    }

    /** The media type of Content-Type without parameters, lower case, or "". */
    public String mediaType() {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
