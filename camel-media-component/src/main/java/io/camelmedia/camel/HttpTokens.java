package io.camelmedia.camel;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.hub.Authenticator;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The credential and client address of a Platform HTTP request, the same for every HTTP endpoint (WHIP, WHEP,
 * HLS, playback): an {@code Authorization: Bearer} header, else a {@code ?token=} query parameter (players cannot
 * always set headers). Also the one HTTP refusal: 401 without a key, 403 with one that may not.
 */
public final class HttpTokens {
    /** The query parameter a token may come in. */
    public static final String TOKEN_PARAM = "token";

    private HttpTokens() {
    }

    /** The token: Bearer header, else {@code ?token=}; null when neither. */
    public static String token(Message in) {
        String bearer = AuthRequest.bearerToken(in.getHeader("Authorization", String.class));
        return bearer != null ? bearer : queryToken(in);
    }

    /** The {@code ?token=} of the request, or null. */
    public static String queryToken(Message in) {
        String raw = in.getHeader(Exchange.HTTP_QUERY, String.class);
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            if (pair.startsWith(TOKEN_PARAM + "=")) {
                String t = URLDecoder.decode(pair.substring(TOKEN_PARAM.length() + 1), StandardCharsets.UTF_8);
                return t.isEmpty() ? null : t;
            }
        }
        return null;
    }

    /** {@code token=<encoded>} to put on URIs a playlist names. */
    public static String queryParam(String token) {
        return TOKEN_PARAM + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The Authorization header, or one made from {@code ?token=} (so WHEP viewers may pass it in the URL). */
    public static String authorization(Message in) {
        String header = in.getHeader("Authorization", String.class);
        String q = header == null ? queryToken(in) : null;
        return q != null ? "Bearer " + q : header;
    }

    /** The client's address, for logs, the failure delay and hooks. */
    public static String remote(Message in) {
        Object addr = in.getHeader("CamelVertxPlatformHttpRemoteAddress");
        if (addr == null) {
            addr = in.getHeader("X-Forwarded-For");
        }
        return addr == null ? "unknown" : addr.toString();
    }

    /**
     * Asks {@code auth} about this request, waiting (Platform HTTP runs processors on worker threads). A null
     * {@code path} is a listing of streams: open when the action is, else any key the authenticator takes.
     */
    public static AuthDecision authorize(Authenticator auth, AuthAction action, String protocol, String path, Message in) {
        if (path == null && auth.isOpen(action)) {
            return new AuthDecision(true, null, null);
        }
        return AuthDecision.await(auth.authorize(new AuthRequest(action, protocol, path, token(in), remote(in))));
    }

    /** The HTTP status of a refusal: 401 (no key: ask for one) or 403 (a key that may not). */
    public static int refusalStatus(Message in) {
        return token(in) == null ? 401 : 403;
    }

    /** Answers a refusal: status, WWW-Authenticate on 401, the reason as text. */
    public static void refuse(Message in, Message out, AuthDecision d) {
        int status = refusalStatus(in);
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (status == 401) {
            out.setHeader("WWW-Authenticate", "Bearer");
        }
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain");
        out.setHeader("Cache-Control", "no-store");
        out.setBody(d.reason().getBytes(StandardCharsets.UTF_8));
    }
}
