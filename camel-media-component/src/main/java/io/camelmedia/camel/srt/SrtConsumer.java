package io.camelmedia.camel.srt;

import io.camelmedia.camel.MediaHubs;
import io.camelmedia.camel.MediaStreamConsumer;
import io.camelmedia.hub.PublishingListener;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.protocol.srt.SrtConnection;
import io.camelmedia.protocol.srt.SrtMediaIngest;
import io.camelmedia.protocol.srt.SrtRedialer;
import io.netty.buffer.ByteBuf;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SRT in. Listener: publishers on the shared port, each claiming its path in the context's hub, each a stream of
 * this route. Caller: one stream pulled from a remote listener, dialled again when it drops. Exchanges are
 * processed on the connection's event loop, in order; a failing exchange never touches the connection.
 */
final class SrtConsumer extends MediaStreamConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(SrtConsumer.class);
    private final SrtEndpoint endpoint;
    private SrtComponent.Port port;
    private SrtRedialer redialer;

    SrtConsumer(SrtEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SrtConfiguration c = endpoint.getConfiguration();
        StreamHub hub = MediaHubs.of(getEndpoint().getCamelContext());
        if (c.listener()) {
            port = endpoint.getComponent().acquire(c);
            port.server.publishTo(this, endpoint.authenticator(), hub);
            LOG.info("srt consumer: publishers on UDP {}:{}", c.getHost(), port.server.port());
        } else {
            String path = endpoint.pullPath();
            String sid = c.streamIdFor(path, false);
            redialer = endpoint.redialer(sid, () -> new Pull(path, hub));
            redialer.start();
            LOG.info("srt consumer: pulling '{}' from {}:{} as {}", sid, c.getHost(), c.getPort(), path);
        }
    }

    /** Listener port actually bound (for port 0). */
    int port() {
        return port == null ? -1 : port.server.port();
    }

    @Override
    protected void doStop() throws Exception {
        if (port != null) {
            port.server.publishTo(null, null, null);
            endpoint.getComponent().release(port);
            port = null;
        }
        if (redialer != null) {
            redialer.close();
            redialer = null;
        }
        super.doStop();
    }

    /** One pulled connection: claims the path when it opens, demuxes into the route, frees the path at the end. */
    private final class Pull implements SrtConnection.Handler {
        private final String path;
        private final StreamHub hub;
        private SrtMediaIngest ingest;

        Pull(String path, StreamHub hub) {
            this.path = path;
            this.hub = hub;
        }

        @Override
        public void opened(SrtConnection c) {
            StreamHub.ClaimResult claim = hub.claimAuthorized(path, this);
            if (claim.publisher() == null) {
                c.close(path + " cannot be published here: " + claim.status(), true);
                return;
            }
            StreamHub.Publisher p = claim.publisher();
            ingest = new SrtMediaIngest(path, new PublishingListener(p, SrtConsumer.this), p::release);
        }

        @Override
        public void payload(SrtConnection c, ByteBuf payload) {
            if (ingest != null) {
                ingest.payload(c, payload);
            }
        }

        @Override
        public void closed(SrtConnection c, String reason) {
            if (ingest != null) {
                ingest.closed(c, reason);
            }
        }
    }
}
