package io.camelmedia.camel.webrtc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.protocol.webrtc.WebRtcServer;
import io.camelmedia.protocol.webrtc.WhepResource;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the route's streams into the endpoint's fan-out (STARTED claims the path, FRAME offers the frame to
 * every viewer's queue, ENDED ends the viewers) and serves WHEP at the base path. Never blocks the route.
 */
final class WhepProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(WhepProducer.class);
    private final WhepEndpoint endpoint;
    private final Map<String, StreamHub.Publisher> publishers = new ConcurrentHashMap<>();
    private StreamHub fanOut;
    private HttpServing http;
    private WhepResource resource;

    WhepProducer(WhepEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        WebRtcServer server = WebRtcServers.of(getEndpoint().getCamelContext(), endpoint.getComponent().serverConfig());
        fanOut = endpoint.getComponent().fanOut(endpoint);
        resource = new WhepResource(server, endpoint.getBasePath(), fanOut, ReaderConfig.defaults());
        http = HttpServing.later(getEndpoint().getCamelContext(), endpoint.getBasePath(), resource,
                "WHEP whep:" + endpoint.getName());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String path = exchange.getIn().getHeader(MediaHeaders.STREAM, String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        if (path == null || event == null) {
            throw new IllegalArgumentException("whep: needs media exchanges (CamelMediaStream and CamelMediaEvent headers),"
                    + " got " + exchange.getIn().getBody());
        }
        switch (event) {
            case STARTED -> started(path, exchange.getIn().getMandatoryBody(StreamInfo.class));
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
                }
            }
            default -> { }
        }
    }

    private void started(String path, StreamInfo info) {
        StreamHub.Publisher p = publishers.get(path);
        if (p == null) {
            StreamHub.ClaimResult r = fanOut.claim(path, null, "route", this);
            if (r.publisher() == null) {
                LOG.warn("whep:{}: stream {} not served: {}", endpoint.getName(), path, r.status());
                return;
            }
            p = r.publisher();
            publishers.put(path, p);
        }
        p.started(info);
    }

    @Override
    protected void doStop() throws Exception {
        if (http != null) {
            http.close();
        }
        publishers.values().forEach(p -> {
            p.ended("stopped");
            p.release();
        });
        publishers.clear();
        super.doStop();
    }
}
