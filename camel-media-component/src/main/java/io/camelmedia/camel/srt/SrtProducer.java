package io.camelmedia.camel.srt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelmedia.camel.FanOutPublisher;
import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.protocol.srt.SrtRedialer;
import io.camelmedia.protocol.srt.SrtStreamReader;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SRT out. The route's streams go into a fan-out (never blocking the route); listener: callers asking
 * {@code read:<path>} each read one through its own bounded queue; caller: each stream is pushed to the remote
 * listener over its own connection (stream id {@code publish:<path>} by default), started at a key frame and
 * dialled again with a backoff when it drops.
 */
final class SrtProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(SrtProducer.class);
    private final SrtEndpoint endpoint;
    private final Map<String, SrtRedialer> pushes = new ConcurrentHashMap<>();
    private SrtComponent.Port port;
    private StreamHub fanOut;
    private FanOutPublisher publisher;

    SrtProducer(SrtEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SrtConfiguration c = endpoint.getConfiguration();
        if (c.listener()) {
            port = endpoint.getComponent().acquire(c);
            fanOut = endpoint.getComponent().fanOut(port);
            port.server.serveFrom(fanOut, endpoint.authenticator(), ReaderConfig.defaults());
            publisher = new FanOutPublisher(fanOut, "srt:" + port.key, (path, live) -> { });
            LOG.info("srt producer: readers on UDP {}:{} (stream id read:<path>)", c.getHost(), port.server.port());
        } else {
            fanOut = new StreamHub(StreamHub.DEFAULT_MAX_STREAMS);
            publisher = new FanOutPublisher(fanOut, "srt:" + c.getHost() + ":" + c.getPort(), this::pushLifecycle);
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        publisher.process(exchange);
    }

    private void pushLifecycle(String path, boolean live) {
        if (live) {
            SrtRedialer r = endpoint.redialer(endpoint.getConfiguration().streamIdFor(path, true), () -> new SrtStreamReader(fanOut, path, "push", ReaderConfig.defaults(), false));
            if (pushes.putIfAbsent(path, r) == null) {
                r.start();
            }
        } else {
            SrtRedialer r = pushes.remove(path);
            if (r != null) {
                r.close();
            }
        }
    }

    /** Listener port actually bound (for port 0). */
    int port() {
        return port == null ? -1 : port.server.port();
    }

    @Override
    protected void doStop() throws Exception {
        if (publisher != null) {
            publisher.stop();
        }
        pushes.values().forEach(SrtRedialer::close);
        pushes.clear();
        if (port != null) {
            port.server.serveFrom(null, null, null);
            endpoint.getComponent().release(port);
            port = null;
        } else if (fanOut != null) {
            fanOut.close();
        }
        super.doStop();
    }
}
