package io.camelmedia.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.StreamHub;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a serving producer does with the route's media exchanges: STARTED claims the stream's path in the
 * producer's fan-out, FRAME offers the frame to every reader's bounded queue, ENDED ends the readers and frees
 * the path. Never blocks the route. {@code lifecycle} hears each path start ({@code true}) and end ({@code false}).
 */
public final class FanOutPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutPublisher.class);
    private final StreamHub fanOut;
    private final String name;
    private final BiConsumer<String, Boolean> lifecycle;
    private final Map<String, StreamHub.Publisher> publishers = new ConcurrentHashMap<>();

    public FanOutPublisher(StreamHub fanOut, String name, BiConsumer<String, Boolean> lifecycle) {
        this.fanOut = fanOut;
        this.name = name;
        this.lifecycle = lifecycle;
    }

    public void process(Exchange exchange) throws Exception {
        String path = exchange.getIn().getHeader(MediaHeaders.STREAM, String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        if (path == null || event == null) {
            throw new IllegalArgumentException(name + " needs media exchanges (CamelMediaStream and CamelMediaEvent"
                    + " headers), got " + exchange.getIn().getBody());
        }
        switch (event) {
            case STARTED -> started(path, exchange.getIn().getMandatoryBody(StreamInfo.class), sourceOf(exchange));
            case FRAME -> {
                StreamHub.Publisher p = publishers.get(path);
                if (p != null) {
                    p.frame(exchange.getIn().getBody(MediaFrame.class));
                }
            }
            case ENDED -> {
                StreamHub.Publisher p = publishers.remove(path);
                if (p != null) {
                    p.ended(exchange.getIn().getHeader(MediaHeaders.REASON, "ended", String.class));
                    p.release();
                    lifecycle.accept(path, false);
                }
            }
            default -> { }
        }
    }

    /** The scheme of the endpoint the stream came in by ({@code rtmp}, {@code srt}...), for listings. */
    private static String sourceOf(Exchange exchange) {
        org.apache.camel.Endpoint from = exchange.getFromEndpoint();
        if (from == null) {
            return null;
        }
        String uri = from.getEndpointUri();
        int colon = uri.indexOf(':');
        return colon > 0 ? uri.substring(0, colon) : uri;
    }

    private void started(String path, StreamInfo info, String source) {
        StreamHub.Publisher p = publishers.get(path);
        boolean fresh = p == null;
        if (fresh) {
            StreamHub.ClaimResult r = fanOut.claimAuthorized(path, this);
            if (r.publisher() == null) {
                LOG.warn("{}: stream {} not served: {}", name, path, r.status());
                return;
            }
            p = r.publisher();
            publishers.put(path, p);
        }
        p.source(source);
        p.started(info);
        if (fresh) {
            lifecycle.accept(path, true);
        }
    }

    /** Ends every stream (the producer stops). */
    public void stop() {
        publishers.forEach((path, p) -> {
            p.ended("stopped");
            p.release();
            lifecycle.accept(path, false);
        });
        publishers.clear();
    }
}
