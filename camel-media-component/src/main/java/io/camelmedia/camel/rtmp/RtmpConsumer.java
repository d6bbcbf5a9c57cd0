package io.camelmedia.camel.rtmp;


import io.camelmedia.camel.MediaStreamConsumer;
import io.camelmedia.camel.MediaAuth;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.protocol.rtmp.RtmpServer;
import io.camelmedia.protocol.rtmp.RtmpServerConfig;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link RtmpServer} and turns each stream event into an exchange, processed synchronously on the
 * publisher's event loop (so a stream's frames stay in order). A failing exchange is handed to the
 * consumer's exception handler; it never closes the publisher's connection or touches other streams.
 */
final class RtmpConsumer extends MediaStreamConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpConsumer.class);

    private final RtmpEndpoint endpoint;
    private RtmpServer server;

    RtmpConsumer(RtmpEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RtmpConfiguration c = endpoint.getConfiguration();
        Authenticator auth = MediaAuth.forEndpoint(endpoint.getCamelContext(), c.getAuthenticator());
        RtmpServerConfig config = RtmpServerConfig.builder()
                .host(c.getHost())
                .port(c.getPort())
                .app(c.getApp())
                .authenticator(auth)
                .registry(endpoint.getComponent().getRegistry())
                .maxMessageSize(c.getMaxMessageSize())
                .maxFrameSize(c.getMaxFrameSize())
                .handshakeTimeout(c.handshakeTimeoutDuration())
                .idleTimeout(c.idleTimeoutDuration())
                .eventLoopThreads(c.getEventLoopThreads())
                .maxConnections(c.getMaxConnections())
                .build();
        LOG.info("rtmp consumer binding to {}:{} app={}", c.getHost(), c.getPort(), c.getApp() == null ? "*" : c.getApp());
        server = new RtmpServer(config, this);
        server.start();
        endpoint.getComponent().serving(server.stats(), true);
        LOG.info("rtmp consumer bound to {}:{}", c.getHost(), server.port());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            endpoint.getComponent().serving(server.stats(), false);
            server.close();
            server = null;
        }
        super.doStop();
    }

    /** The port actually bound (useful with port 0). */
    int port() {
        return server == null ? -1 : server.port();
    }
}
