package io.camelmedia.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * A consumer fed by an ingest protocol's {@link MediaListener}: each stream event becomes an exchange
 * (STARTED / FRAME / ENDED, see {@link MediaExchanges}), processed synchronously on the caller's thread — the
 * stream's event loop — so a stream's frames stay in order. A failing exchange goes to the consumer's
 * exception handler; it never reaches the protocol, closes a connection, or touches other streams.
 */
public abstract class MediaStreamConsumer extends DefaultConsumer implements MediaListener {
    /** The last StreamInfo per live stream, for the ENDED body; entries leave on ENDED. */
    private final Map<String, StreamInfo> live = new ConcurrentHashMap<>();

    protected MediaStreamConsumer(Endpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public void started(StreamInfo info) {
        live.put(info.path(), info);
        Exchange exchange = createExchange(false);
        MediaExchanges.started(exchange, info);
        MediaExchanges.process(this, exchange);
    }

    @Override
    public void frame(String path, MediaFrame frame) {
        Exchange exchange = createExchange(false);
        MediaExchanges.frame(exchange, path, frame);
        MediaExchanges.process(this, exchange);
    }

    @Override
    public void ended(String path, String reason) {
        StreamInfo last = live.remove(path);
        Exchange exchange = createExchange(false);
        MediaExchanges.ended(exchange, path, reason, last);
        MediaExchanges.process(this, exchange);
    }
}
