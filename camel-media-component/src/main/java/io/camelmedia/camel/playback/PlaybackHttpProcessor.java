package io.camelmedia.camel.playback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.camelmedia.camel.HttpServing;
import io.camelmedia.camel.HttpTokens;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.protocol.hls.PlaylistQuery;
import io.camelmedia.protocol.playback.PlaybackRequest;
import io.camelmedia.protocol.playback.PlaybackResponse;
import io.camelmedia.protocol.playback.PlaybackServer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Platform HTTP exchange in, {@link PlaybackServer} answer out. A file answer becomes an {@link InputStream} of
 * exactly its range, read from disk in {@value #CHUNK}-byte reads as Platform HTTP sends it (bounded memory).
 */
final class PlaybackHttpProcessor implements Processor {
    /** Bytes read from disk at once: 64 KiB. */
    static final int CHUNK = 64 * 1024;

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
            // the listing of every stream needs any read key; a stream's files and playlist need a key for it
            AuthDecision d = HttpTokens.authorize(readers, AuthAction.READ, "playback",
                    slash > 0 ? below.substring(0, slash) : null, in);
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
        HttpServing.respond(exchange.getMessage(), r.status(), r.headers(),
                r.file() == null ? withToken(r, token) : new RangeStream(FileChannel.open(r.file()), r.offset(), r.length()));
        if (route != null) {
            // the route sees what was asked and the answer (Camel* headers never reach the HTTP response)
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            exchange.getMessage().setHeader(Exchange.HTTP_URI, uri);
            route.process(exchange);
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

    /** Bytes {@code [offset, offset + length)} of a file channel; closes it at the end or on close. */
    static final class RangeStream extends InputStream {
        private final FileChannel ch;
        private long position;
        private long remaining;

        RangeStream(FileChannel ch, long offset, long length) {
            this.ch = ch;
            this.position = offset;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                close();
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(Math.min(len, CHUNK), remaining)), position);
            if (n < 0) {
                close(); // the file shrank under us: end early (the length was promised; the client sees a short body)
                return -1;
            }
            position += n;
            remaining -= n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(remaining, CHUNK);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
