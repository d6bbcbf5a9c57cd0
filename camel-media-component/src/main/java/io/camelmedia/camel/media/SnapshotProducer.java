package io.camelmedia.camel.media;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.process.snapshot.SnapshotPool;
import io.camelmedia.process.snapshot.SnapshotSpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code media:snapshot} as a route step: a video key frame at least {@code interval} (stream time) after the
 * stream's last snapshot is decoded on the endpoint's pool, never on the calling (ingest) thread; the image goes on
 * with the stream's next exchange once it is made (body the image, CamelFileName {@code <stream>.<ext>}, the media
 * headers of the key frame). Every other exchange stops here. One snapshot in flight per stream: a key frame due
 * while one is being made, or when the pool is full, is skipped.
 */
final class SnapshotProducer extends DefaultProducer {
    /** How long ENDED waits for a snapshot still being made (once per stream, at its end). */
    static final long ENDED_WAIT_MS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotProducer.class);

    private final SnapshotSpec spec;
    private final long intervalMicros;
    private final SnapshotPool pool;
    private final Map<String, StreamSnapshots> streams;

    /** One stream's snapshot state: when the last was taken (stream time) and the one being made. */
    private static final class StreamSnapshots {
        long lastPtsMicros = Long.MIN_VALUE;
        MediaFrame pendingFrame;
        CompletableFuture<byte[]> pending;
    }

    SnapshotProducer(MediaEndpoint endpoint, SnapshotSpec spec, long intervalMillis, SnapshotPool pool) {
        super(endpoint);
        this.spec = spec;
        this.intervalMicros = intervalMillis * 1000;
        this.pool = pool;
        this.streams = StreamStates.bounded(endpoint.getMaxStreams());
    }

    @Override
    public void process(Exchange exchange) {
        String stream = exchange.getIn().getHeader(MediaHeaders.STREAM, "", String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        exchange.setRouteStop(true);
        if (event == MediaEvent.ENDED) {
            StreamSnapshots s;
            synchronized (streams) {
                s = streams.remove(stream);
            }
            if (s != null && s.pending != null) {
                awaitEnd(stream, s.pending);
                emit(exchange, stream, s);
            }
            return;
        }
        if (!(exchange.getIn().getBody() instanceof MediaFrame frame)) {
            return;
        }
        StreamSnapshots s;
        synchronized (streams) {
            s = streams.computeIfAbsent(stream, k -> new StreamSnapshots());
        }
        synchronized (s) {
            if (s.pending != null && s.pending.isDone()) {
                emit(exchange, stream, s); // the image goes on with this exchange
            }
            if (s.pending == null && due(s, frame)) {
                s.pending = pool.submit(frame, spec);
                if (s.pending != null) {
                    s.pendingFrame = frame;
                    s.lastPtsMicros = frame.ptsMicros();
                }
            }
        }
    }

    private boolean due(StreamSnapshots s, MediaFrame f) {
        if (!f.keyframe() || f.track().mediaType() != MediaType.VIDEO) {
            return false;
        }
        long pts = f.ptsMicros();
        // the first, one interval on, or a clock that went back (a restarted publisher)
        return s.lastPtsMicros == Long.MIN_VALUE || pts - s.lastPtsMicros >= intervalMicros || pts < s.lastPtsMicros;
    }

    /** Puts the made image (or logs why there is none) on {@code exchange} and clears the pending snapshot. */
    private void emit(Exchange exchange, String stream, StreamSnapshots s) {
        CompletableFuture<byte[]> done = s.pending;
        MediaFrame key = s.pendingFrame;
        s.pending = null;
        s.pendingFrame = null;
        byte[] image;
        try {
            image = done.getNow(null);
        } catch (RuntimeException e) {
            LOG.warn("media:snapshot: no snapshot of {} at pts {}: {}", stream, key.pts(),
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return;
        }
        if (image == null) {
            return;
        }
        Message m = exchange.getIn();
        MediaExchanges.frame(exchange, stream, key); // the key frame's media headers
        m.setHeader(Exchange.FILE_NAME, stream + "." + spec.format().extension());
        m.setHeader(Exchange.CONTENT_TYPE, spec.format().contentType());
        m.setBody(image);
        exchange.setRouteStop(false);
    }

    private static void awaitEnd(String stream, CompletableFuture<byte[]> pending) {
        try {
            pending.get(ENDED_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("media:snapshot: {} ended while its snapshot was made: {}", stream, e.toString());
        }
    }
}
