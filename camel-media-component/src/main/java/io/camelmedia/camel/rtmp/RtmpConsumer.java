package io.camelmedia.camel.rtmp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.protocol.rtmp.RtmpServer;
import io.camelmedia.protocol.rtmp.RtmpServerConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link RtmpServer} and turns each stream event into an exchange, processed synchronously on the
 * publisher's event loop (so a stream's frames stay in order). A failing exchange is handed to the
 * consumer's exception handler; it never closes the publisher's connection or touches other streams.
 */
final class RtmpConsumer extends DefaultConsumer implements MediaListener {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpConsumer.class);

    private final RtmpEndpoint endpoint;
    /** Last StreamInfo per live stream, for the ENDED body; entries leave on ENDED. */
    private final Map<String, StreamInfo> live = new ConcurrentHashMap<>();
    private RtmpServer server;

    RtmpConsumer(RtmpEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RtmpConfiguration c = endpoint.getConfiguration();
        Authenticator auth = c.getAuthenticator() != null ? c.getAuthenticator()
                : Authenticator.staticKeys(c.publishKeySet());
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
        LOG.info("rtmp consumer bound to {}:{}", c.getHost(), server.port());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
        super.doStop();
    }

    /** The port actually bound (useful with port 0). */
    int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void started(StreamInfo info) {
        live.put(info.path(), info);
        Exchange exchange = createExchange(false);
        MediaExchanges.started(exchange, info);
        process(exchange);
    }

    @Override
    public void frame(String path, MediaFrame frame) {
        Exchange exchange = createExchange(false);
        MediaExchanges.frame(exchange, path, frame);
        process(exchange);
    }

    @Override
    public void ended(String path, String reason) {
        StreamInfo last = live.remove(path);
        Exchange exchange = createExchange(false);
        MediaExchanges.ended(exchange, path, reason, last);
        process(exchange);
    }

    private void process(Exchange exchange) {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing " + exchange.getIn().getHeader("CamelMediaStream")
                    + " " + exchange.getIn().getHeader("CamelMediaEvent"), exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
