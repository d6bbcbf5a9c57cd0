package io.camelmedia.camel.playback;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.camelmedia.camel.HttpServing;
import io.camelmedia.camel.HttpTokens;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.protocol.hls.PlaylistQuery;
import io.camelmedia.camel.VertxResponses;
import io.camelmedia.protocol.playback.PlaybackRequest;
import io.camelmedia.protocol.playback.PlaybackResponse;
import io.camelmedia.protocol.playback.PlaybackServer;
import io.camelmedia.protocol.playback.StreamedBody;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Platform HTTP exchange in, {@link PlaybackServer} answer out. A streamed answer becomes its
 * {@link StreamedBody.Reader}, read from disk as Platform HTTP sends it (bounded memory); on Vert.x it gets its
 * Content-Length and is aborted when the client goes away ({@link VertxResponses}).
 */
final class PlaybackHttpProcessor implements Processor {
    /**
     * Exchange property with the streamed body being sent (a {@link StreamedBody.Reader}, null for a small answer):
     * its {@code bytesRead()} once the exchange completes is what was sent.
     */
    static final String STREAMED_BODY = "CamelMediaPlaybackStreamedBody";

    private final PlaybackServer server;
    private final String basePath;
    private final Processor route;
    private final Authenticator readers;

    PlaybackHttpProcessor(PlaybackServer server, String basePath, Authenticator readers, Processor route) {
        this.server = server;
        this.readers = readers;
        this.basePath = basePath;
        this.route = route;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
        String method = in.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        PlaybackResponse r = null;
        if (!path.equals(basePath) && !path.startsWith(basePath + "/")) {
            r = PlaybackResponse.text(404, "not under " + basePath);
        } else if (!"OPTIONS".equalsIgnoreCase(method)) {
            String below = java.net.URLDecoder.decode(path.substring(basePath.length()), StandardCharsets.UTF_8).replaceAll("^/+", "");
            int slash = below.lastIndexOf('/');
            // the listing of every stream needs any read key; a stream's files, playlist and spans (also MediaMTX's
            // get?path=) need a key for it
            String stream = slash > 0 ? below.substring(0, slash)
                    : below.equals("get") ? query(in.getHeader(Exchange.HTTP_QUERY, String.class)).get("path") : null;
            AuthDecision d = HttpTokens.authorize(readers, AuthAction.READ, "playback", stream, in);
            if (!d.allowed()) {
                HttpTokens.refuse(in, exchange.getMessage(), d);
                return;
            }
        }
        if (r == null) {
            PlaybackRequest req = new PlaybackRequest(method,
                    path.substring(basePath.length()), query(in.getHeader(Exchange.HTTP_QUERY, String.class)),
                    name -> in.getHeader(name, String.class));
            r = server.handle(req);
        }
        String token = HttpTokens.queryToken(in);
        Message out = exchange.getMessage();
        StreamedBody.Reader stream = r.stream() == null ? null : r.stream().open();
        HttpServing.respond(out, r.status(), r.headers(), stream != null ? null : withToken(r, token));
        if (route != null) {
            // the route sees what was asked and the answer (Camel* headers never reach the HTTP response), but not
            // a streamed body: stream caching would read all of it into a cache before the route's first step
            out.setHeader(Exchange.HTTP_METHOD, method);
            out.setHeader(Exchange.HTTP_URI, uri);
            exchange.setProperty(STREAMED_BODY, stream);
            route.process(exchange);
        }
        Message answer = exchange.getMessage();
        if (stream != null && answer.getBody() != null) {
            stream.close(); // the route made its own answer
            return;
        }
        if (stream != null) {
            answer.setBody(stream);
        }
        String length = r.headers().get("Content-Length");
        if (length != null && answer.getBody() == stream) {
            sendLength(answer, stream, Long.parseLong(length));
        }
    }

    private static void sendLength(Message out, StreamedBody.Reader stream, long length) {
        try {
            if (VertxResponses.available(out)) {
                VertxResponses.lengthAndClose(out, stream, length, stream == null ? null : stream::abort);
            }
        } catch (LinkageError e) {
            // no camel-platform-http-vertx: Platform HTTP sends the stream chunked, without Content-Length
        }
    }

    /* A playlist asked for with ?token= names every URI with it, so the player sends it on (no headers needed). */
    private static byte[] withToken(PlaybackResponse r, String token) {
        if (token == null || r.status() != 200 || !io.camelmedia.protocol.hls.HlsResponse.PLAYLIST_TYPE.equals(r.headers().get("Content-Type"))) {
            return r.body();
        }
        return PlaylistQuery.append(new String(r.body(), StandardCharsets.UTF_8), HttpTokens.queryParam(token))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }
}
