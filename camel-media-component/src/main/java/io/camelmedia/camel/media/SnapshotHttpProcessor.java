package io.camelmedia.camel.media;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.camelmedia.camel.HttpServing;
import io.camelmedia.camel.HttpTokens;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.process.snapshot.ImageFormat;
import io.camelmedia.process.snapshot.LatestKeyFrames;
import io.camelmedia.process.snapshot.SnapshotBusyException;
import io.camelmedia.process.snapshot.SnapshotSpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code GET <basePath>/<stream path>.jpg|.png?width=N}: the image of the stream's latest key frame (made on the
 * first request for it, then cached; see {@link LatestKeyFrames}); 404 for a stream without one, 401/403 as every
 * HTTP read (Bearer or {@code ?token=}), 503 when every decoding thread is busy. Platform HTTP runs this on a
 * worker thread, which waits for the image (bounded).
 */
final class SnapshotHttpProcessor implements Processor {
    private static final long MAX_WAIT_SECONDS = 10;

    private final String basePath;
    private final SnapshotSpec defaults;
    private final LatestKeyFrames latest;
    private final Authenticator readers;

    SnapshotHttpProcessor(String basePath, SnapshotSpec defaults, LatestKeyFrames latest, Authenticator readers) {
        this.basePath = basePath;
        this.defaults = defaults;
        this.latest = latest;
        this.readers = readers;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        Message out = exchange.getMessage();
        if ("OPTIONS".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            text(out, 204, "");
            return;
        }
        String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        String name = path.length() > basePath.length() + 1 ? URLDecoder.decode(path.substring(basePath.length() + 1),
                StandardCharsets.UTF_8) : "";
        ImageFormat format = ImageFormat.ofFileName(name);
        if (format == null) {
            text(out, 404, "snapshots are " + basePath + "/<stream path>.jpg or .png");
            return;
        }
        String stream = name.substring(0, name.lastIndexOf('.'));
        AuthDecision d = HttpTokens.authorize(readers, AuthAction.READ, "snapshot", stream, in);
        if (!d.allowed()) {
            HttpTokens.refuse(in, out, d);
            return;
        }
        SnapshotSpec spec;
        try {
            spec = defaults.withFormat(format).withWidth(width(in.getHeader("width", String.class), defaults.width()));
        } catch (IllegalArgumentException e) {
            text(out, 400, e.getMessage());
            return;
        }
        CompletableFuture<byte[]> image = latest.image(stream, spec);
        if (image == null) {
            text(out, 404, "no key frame of a live stream " + stream);
            return;
        }
        try {
            byte[] bytes = image.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
            Map<String, String> h = new LinkedHashMap<>(cors());
            h.put("Content-Type", format.contentType());
            h.put("Cache-Control", "no-cache");
            HttpServing.respond(out, 200, h, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            text(out, 503, "interrupted");
        } catch (TimeoutException e) {
            text(out, 503, "snapshot: not made within " + MAX_WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            boolean busy = e.getCause() instanceof SnapshotBusyException;
            text(out, busy ? 503 : 500, e.getCause().getMessage());
            if (busy) {
                out.setHeader("Retry-After", "1");
            }
        }
    }

    private static int width(String raw, int dflt) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("snapshot: width must be a number of pixels, was '" + raw + "'");
        }
    }

    private static Map<String, String> cors() {
        return Map.of("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS",
                "Access-Control-Allow-Headers", "*");
    }

    private static void text(Message out, int status, String body) {
        Map<String, String> h = new LinkedHashMap<>(cors());
        h.put("Content-Type", "text/plain");
        h.put("Cache-Control", "no-store");
        HttpServing.respond(out, status, h, body.getBytes(StandardCharsets.UTF_8));
    }
}
