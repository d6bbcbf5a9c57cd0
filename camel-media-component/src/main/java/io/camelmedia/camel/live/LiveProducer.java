package io.camelmedia.camel.live;

import io.camelmedia.camel.FanOutPublisher;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Publishes the route's streams into the endpoint's set (STARTED claims the path): never blocks the route. */
final class LiveProducer extends DefaultProducer {
    private final LiveEndpoint endpoint;
    private FanOutPublisher publisher;

    LiveProducer(LiveEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        publisher = new FanOutPublisher(endpoint.getComponent().fanOut(endpoint.getName()), "live:" + endpoint.getName(),
                (path, live) -> { });
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        publisher.process(exchange);
    }

    @Override
    protected void doStop() throws Exception {
        if (publisher != null) {
            publisher.stop();
        }
        super.doStop();
    }
}
