package io.camelmedia.camel.hls;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.hls.HlsOrigin;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Feeds the origin: STARTED starts (or resumes) a stream, FRAME segments, ENDED closes the last segment
 * and adds EXT-X-ENDLIST. Never blocks: readers wait on their own threads.
 */
final class HlsProducer extends DefaultProducer {
    private final HlsEndpoint endpoint;
    private volatile HlsOrigin origin;

    HlsProducer(HlsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HlsOrigin o = endpoint.getComponent().acquire(endpoint);
        origin = o;
        if (endpoint.isServeHttp()) {
            // HTTP consumers cannot start while the context starts its routes: serve once it has
            io.camelmedia.camel.ContextStarted.then(getEndpoint().getCamelContext(), () -> endpoint.getComponent().serve(endpoint, o));
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String path = exchange.getIn().getHeader(MediaHeaders.STREAM, String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        if (path == null || event == null) {
            throw new IllegalArgumentException("hls: needs media exchanges (CamelMediaStream and CamelMediaEvent headers),"
                    + " got " + exchange.getIn().getBody());
        }
        switch (event) {
            case STARTED -> origin.started(exchange.getIn().getMandatoryBody(StreamInfo.class));
            case FRAME -> origin.frame(path, exchange.getIn().getBody(MediaFrame.class));
            case ENDED -> origin.ended(path);
            default -> { }
        }
    }

    /** The last producer of a base path to stop takes its origin and its HTTP serving with it (API-made routes come and go). */
    @Override
    protected void doStop() throws Exception {
        if (origin != null) {
            endpoint.getComponent().release(endpoint);
            origin = null;
        }
        super.doStop();
    }
}
