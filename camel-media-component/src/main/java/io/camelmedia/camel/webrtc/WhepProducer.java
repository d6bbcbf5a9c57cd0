package io.camelmedia.camel.webrtc;

import io.camelmedia.camel.FanOutPublisher;
import io.camelmedia.camel.HttpServing;
import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.protocol.webrtc.WebRtcServer;
import io.camelmedia.protocol.webrtc.WhepResource;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Publishes the route's streams into the endpoint's fan-out (STARTED claims the path, FRAME offers the frame to
 * every viewer's queue, ENDED ends the viewers) and serves WHEP at the base path. Never blocks the route.
 */
final class WhepProducer extends DefaultProducer {
    private final WhepEndpoint endpoint;
    private FanOutPublisher publisher;
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
        publisher = new FanOutPublisher(fanOut, "whep:" + endpoint.getName(), (path, live) -> { });
        resource = new WhepResource(server, endpoint.getBasePath(), fanOut, endpoint.authenticator(), ReaderConfig.defaults());
        http = HttpServing.later(getEndpoint().getCamelContext(), endpoint.getBasePath(), WebRtcHttpProcessor.METHODS,
                new WebRtcHttpProcessor(resource, endpoint.getBasePath()),
                "WHEP whep:" + endpoint.getName());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        publisher.process(exchange);
    }

    @Override
    protected void doStop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (publisher != null) {
            publisher.stop();
        }
        super.doStop();
    }
}
