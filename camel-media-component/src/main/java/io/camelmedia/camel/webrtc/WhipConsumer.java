package io.camelmedia.camel.webrtc;

import io.camelmedia.camel.HttpServing;
import io.camelmedia.camel.MediaHubs;
import io.camelmedia.camel.MediaStreamConsumer;
import io.camelmedia.protocol.webrtc.WebRtcServer;
import io.camelmedia.protocol.webrtc.WhipResource;
import org.apache.camel.Processor;

/**
 * Serves WHIP at the endpoint's base path; every publish claims its path in the context's hub and its stream
 * events become exchanges, processed on the session's event loop (a stream's frames stay in order).
 */
final class WhipConsumer extends MediaStreamConsumer {
    private final WhipEndpoint endpoint;
    private HttpServing http;
    private WhipResource resource;

    WhipConsumer(WhipEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        WebRtcServer server = WebRtcServers.of(getEndpoint().getCamelContext(), endpoint.getComponent().serverConfig());
        resource = new WhipResource(server, endpoint.getBasePath(), MediaHubs.of(getEndpoint().getCamelContext()),
                endpoint.authenticator(), WhipResource.DEFAULT_CODECS, this);
        http = HttpServing.later(getEndpoint().getCamelContext(), endpoint.getBasePath(), WebRtcHttpProcessor.METHODS,
                new WebRtcHttpProcessor(resource, endpoint.getBasePath()),
                "WHIP whip:" + endpoint.getName());
    }

    @Override
    protected void doStop() throws Exception {
        if (http != null) {
            http.close();
        }
        super.doStop();
    }

    /** The resource answering this endpoint's HTTP requests (tests drive it without HTTP). */
    WhipResource resource() {
        return resource;
    }
}
