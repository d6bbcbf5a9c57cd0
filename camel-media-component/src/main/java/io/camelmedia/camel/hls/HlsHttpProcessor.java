package io.camelmedia.camel.hls;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.camelmedia.camel.HttpTokens;
import io.camelmedia.format.json.JsonText;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.protocol.hls.PlaylistQuery;
import io.camelmedia.protocol.hls.HlsOrigin;
import io.camelmedia.protocol.hls.HlsResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers HTTP GETs under an origin's base path: playlists, init segments, segments, parts, and
 * {@code streams.json} (every stream of every origin of the component). Platform HTTP runs this on a
 * worker thread, so a blocking LL-HLS request may wait here (bounded by the origin's own timeout).
 */
final class HlsHttpProcessor implements Processor {
    /** Upper bound on one wait, above the origin's own (three target durations). */
    private static final long MAX_WAIT_SECONDS = 200;

    private final HlsComponent component;

    HlsHttpProcessor(HlsComponent component) {
        this.component = component;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        Message out = exchange.getMessage();
        cors(out);
        if ("OPTIONS".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            respond(out, 204, null, "no-cache", new byte[0]);
            return;
        }
        String uriPath = uriPath(in);
        // HTTP prefix routes overlap (/hls also matches /hls-ts/...): the longest base path decides
        String base = component.basePathOf(uriPath);
        String relative = base == null ? "" : strip(uriPath.substring(base.length()));
        int slash = relative.lastIndexOf('/');
        // the listing names streams only: any read key opens it; a stream's files need a key for that stream
        AuthDecision d = HttpTokens.authorize(component.readers(base), AuthAction.READ, "hls",
                slash > 0 ? relative.substring(0, slash) : null, in);
        if (!d.allowed()) {
            HttpTokens.refuse(in, out, d);
            return;
        }
        if (base == null || relative.equals("streams.json") || relative.isEmpty()) {
            respond(out, 200, "application/json", "no-cache", json(component.listing()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        HlsOrigin origin = component.origins().get(base);
        HlsResponse r;
        try {
            r = origin.handle(relative, query(in.getHeader(Exchange.HTTP_QUERY, String.class)))
                    .get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            r = new HlsResponse(503, "text/plain", "no-cache", ("HLS origin did not answer: " + e).getBytes(StandardCharsets.UTF_8));
        }
        respond(out, r.status(), r.contentType(), r.cacheControl(), withToken(r, HttpTokens.queryToken(in)));
    }

    /* A playlist asked for with ?token= names every URI with it, so the player sends it on (no headers needed). */
    private static byte[] withToken(HlsResponse r, String queryToken) {
        if (queryToken == null || r.status() != 200 || !HlsResponse.PLAYLIST_TYPE.equals(r.contentType())) {
            return r.body();
        }
        return PlaylistQuery.append(new String(r.body(), StandardCharsets.UTF_8), HttpTokens.queryParam(queryToken))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The request's path, without query. */
    private static String uriPath(Message in) {
        String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
        int q = uri.indexOf('?');
        return q >= 0 ? uri.substring(0, q) : uri;
    }

    private static String strip(String rest) {
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        return URLDecoder.decode(rest, StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void cors(Message out) {
        out.setHeader("Access-Control-Allow-Origin", "*");
        out.setHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
        out.setHeader("Access-Control-Allow-Headers", "*");
    }

    private static void respond(Message out, int status, String contentType, String cacheControl, byte[] body) {
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (contentType != null) {
            out.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        out.setHeader("Cache-Control", cacheControl);
        out.setBody(body);
    }

    /** A small JSON writer for the listing (strings, booleans, numbers; no library needed). */
    static String json(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('{');
            int j = 0;
            for (Map.Entry<String, Object> e : new java.util.TreeMap<>(rows.get(i)).entrySet()) {
                sb.append(j++ == 0 ? "" : ",").append(JsonText.quote(e.getKey())).append(':');
                Object v = e.getValue();
                sb.append(v instanceof String s ? JsonText.quote(s) : String.valueOf(v));
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

}
