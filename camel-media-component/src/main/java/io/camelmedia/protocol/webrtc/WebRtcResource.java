package io.camelmedia.protocol.webrtc;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.protocol.rtp.sdp.SdpException;
import io.camelmedia.protocol.webrtc.sdp.IceFragment;
import io.camelmedia.protocol.webrtc.sdp.NoCommonCodecException;
import io.camelmedia.protocol.webrtc.sdp.WebRtcOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP semantics WHIP (RFC 9725) and WHEP share: {@code POST <base>/<stream path>} with an SDP offer makes a
 * session ({@code 201}, the answer, {@code Location: <base>/<stream path>/sessions/<id>}, {@code ETag});
 * {@code PATCH} on the session resource takes trickle candidates or an ICE restart
 * ({@code application/trickle-ice-sdpfrag}, RFC 8840; {@code 412} when If-Match does not match);
 * {@code DELETE} ends it; {@code OPTIONS} answers CORS preflights with {@code Accept-Post} and the ICE servers.
 * Error codes are the spec's, each with a short text body: 400 bad SDP, 401/403 auth, 404, 406 no codec in
 * common, 409 path already published, 413 too large, 415 wrong content type, 503 + Retry-After when full.
 */
public abstract class WebRtcResource {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcResource.class);
    /** Largest offer accepted: Chromium's offers with every codec are ~6 KB; 64 KiB is far above any real one. */
    public static final int MAX_BODY = 64 * 1024;
    /** Retry-After seconds when the server is full. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Pattern SESSION = Pattern.compile("^(.+)/sessions/([0-9a-f]{32})$");

    protected final WebRtcServer server;
    private final String basePath;

    protected WebRtcResource(WebRtcServer server, String basePath) {
        this.server = server;
        this.basePath = basePath;
    }

    /** Answers one request. Never throws: every failure is an HTTP status with a reason. */
    public HttpResponse handle(HttpRequest req) {
        try {
            return cors(dispatch(req));
        } catch (RuntimeException e) {
            LOG.warn("{} {} {}: {}", protocolName(), req.method(), req.path(), e.toString(), e);
            return cors(HttpResponse.error(500, "internal error: " + e.getMessage()));
        }
    }

    private HttpResponse dispatch(HttpRequest req) {
        String path = req.path() == null ? "" : req.path().replaceAll("^/+|/+$", "");
        Matcher m = SESSION.matcher(path);
        boolean session = m.matches();
        switch (req.method()) {
            case "OPTIONS":
                return options();
            case "POST":
                if (session) {
                    return HttpResponse.error(405, "POST the SDP offer to " + basePath + "/<stream path>").header("Allow", "OPTIONS, PATCH, DELETE");
                }
                return post(req, path.isEmpty() ? null : path);
            case "PATCH":
                return session ? patch(req, m.group(1), m.group(2)) : HttpResponse.error(405, "PATCH goes to a session URL");
            case "DELETE":
                return session ? delete(m.group(1), m.group(2)) : HttpResponse.error(405, "DELETE goes to a session URL");
            default:
                return HttpResponse.error(405, req.method() + " is not supported here").header("Allow", "OPTIONS, POST, PATCH, DELETE");
        }
    }

    private HttpResponse post(HttpRequest req, String streamPath) {
        if (!"application/sdp".equals(req.mediaType())) {
            return HttpResponse.error(415, "the offer must be Content-Type application/sdp, was " + req.contentType());
        }
        if (req.body().length > MAX_BODY) {
            return HttpResponse.error(413, "offer of " + req.body().length + " bytes is over the " + MAX_BODY + "-byte limit");
        }
        WebRtcOffer offer;
        try {
            offer = WebRtcOffer.parse(new String(req.body(), StandardCharsets.UTF_8));
        } catch (SdpException | IllegalArgumentException e) {
            return HttpResponse.error(400, "malformed SDP offer: " + e.getMessage());
        }
        WebRtcSession s;
        try {
            s = createSession(streamPath, req.bearerToken(), offer, req);
        } catch (Refused r) {
            HttpResponse resp = HttpResponse.error(r.status, r.getMessage());
            if (r.status == 401) {
                resp.header("WWW-Authenticate", "Bearer");
            } else if (r.status == 503) {
                resp.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            }
            return resp;
        } catch (NoCommonCodecException e) {
            return HttpResponse.error(406, "no codec in common: " + e.getMessage());
        }
        String location = basePath + "/" + s.path() + "/sessions/" + s.id();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/sdp");
        headers.put("Location", location);
        headers.put("ETag", s.etag());
        HttpResponse resp = new HttpResponse(201, headers, s.answer().getBytes(StandardCharsets.UTF_8));
        iceServerLinks(resp);
        return resp;
    }

    private HttpResponse patch(HttpRequest req, String streamPath, String id) {
        WebRtcSession s = session(streamPath, id);
        if (s == null) {
            return HttpResponse.error(404, "no session " + id + " on " + streamPath);
        }
        if (!"application/trickle-ice-sdpfrag".equals(req.mediaType())) {
            return HttpResponse.error(415, "PATCH takes application/trickle-ice-sdpfrag, was " + req.contentType());
        }
        if (req.ifMatch() != null && !"*".equals(req.ifMatch().trim()) && !req.ifMatch().trim().equals(s.etag())) {
            return HttpResponse.error(412, "If-Match " + req.ifMatch() + " does not match the session's ETag " + s.etag());
        }
        if (req.body().length > MAX_BODY) {
            return HttpResponse.error(413, "fragment over the " + MAX_BODY + "-byte limit");
        }
        IceFragment frag;
        try {
            frag = IceFragment.parse(new String(req.body(), StandardCharsets.UTF_8));
        } catch (SdpException | IllegalArgumentException e) {
            return HttpResponse.error(400, "malformed trickle-ice-sdpfrag: " + e.getMessage());
        }
        // ICE-lite: the peer's candidates need no checks from us; a new ufrag is an ICE restart
        if (frag.iceUfrag().isPresent() && frag.icePwd().isPresent()) {
            s.remoteIceChanged(frag.iceUfrag().get());
            return HttpResponse.empty(204).header("ETag", s.etag());
        }
        return HttpResponse.empty(204);
    }

    private HttpResponse delete(String streamPath, String id) {
        WebRtcSession s = session(streamPath, id);
        if (s == null) {
            return HttpResponse.error(404, "no session " + id + " on " + streamPath);
        }
        s.close("DELETE by the client");
        return HttpResponse.empty(200);
    }

    private WebRtcSession session(String streamPath, String id) {
        WebRtcSession s = server.session(id).orElse(null);
        return s != null && !s.isClosing() && s.path().equals(streamPath) && owns(s) ? s : null;
    }

    private HttpResponse options() {
        HttpResponse r = HttpResponse.empty(204)
                .header("Accept-Post", "application/sdp")
                .header("Accept-Patch", "application/trickle-ice-sdpfrag");
        iceServerLinks(r);
        return r;
    }

    private void iceServerLinks(HttpResponse r) {
        if (!server.config().iceServers().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (String url : server.config().iceServers()) {
                b.append(b.length() == 0 ? "" : ", ").append('<').append(url).append(">; rel=\"ice-server\"");
            }
            r.header("Link", b.toString());
        }
    }

    private static HttpResponse cors(HttpResponse r) {
        r.headers().put("Access-Control-Allow-Origin", "*");
        r.headers().put("Access-Control-Allow-Methods", "OPTIONS, POST, PATCH, DELETE");
        r.headers().put("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match");
        r.headers().put("Access-Control-Expose-Headers", "Location, ETag, Link, Accept-Post, Accept-Patch");
        return r;
    }

    /** "WHIP" / "WHEP", for logs. */
    protected abstract String protocolName();

    /**
     * Makes and starts the session, or throws {@link Refused} / {@link NoCommonCodecException}. {@code streamPath}
     * is null when the POST went to the base path (the token names the stream).
     */
    protected abstract WebRtcSession createSession(String streamPath, String token, WebRtcOffer offer, HttpRequest req);

    /**
     * Asks {@code auth} (waiting: Platform HTTP runs this on a worker thread) and returns the granted path, or
     * throws 401 (no token) / 403 (a token that may not).
     */
    protected String authorize(Authenticator auth, AuthAction action, String streamPath, String token, HttpRequest req) {
        AuthDecision d = AuthDecision.await(auth.authorize(new AuthRequest(action, protocolName().toLowerCase(java.util.Locale.ROOT),
                streamPath, token, req.remote())));
        if (!d.allowed()) {
            throw new Refused(token == null ? 401 : 403, d.reason());
        }
        return d.path();
    }

    /** True when {@code s} is one of this resource's sessions (a WHEP URL cannot DELETE a publisher). */
    protected abstract boolean owns(WebRtcSession s);

    /** A request refused with an HTTP status. */
    public static final class Refused extends RuntimeException {
        final int status;

        public Refused(int status, String why) {
            super(why, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
