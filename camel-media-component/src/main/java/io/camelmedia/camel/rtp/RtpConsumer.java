package io.camelmedia.camel.rtp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.rtp.RtpInput;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one RTP input into its stream (the component's registry) and, when it is the stream's first consumer,
 * turns the stream's events into exchanges, processed synchronously on the stream's event loop (so frames stay
 * in order). A failing exchange goes to the consumer's exception handler; it never reaches the receiver.
 */
final class RtpConsumer extends DefaultConsumer implements MediaListener {
    private static final Logger LOG = LoggerFactory.getLogger(RtpConsumer.class);

    private final RtpEndpoint endpoint;
    private final Map<String, StreamInfo> live = new ConcurrentHashMap<>();
    private RtpInput input;
    private String path;

    RtpConsumer(RtpEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RtpConfiguration c = endpoint.getConfiguration();
        path = c.streamPath();
        input = endpoint.getComponent().join(path, this, c.inputConfig(), Duration.ofMillis(c.getInactivityTimeout()));
        LOG.info("rtp consumer bound to {}:{} for stream {}", c.getHost(), input.port(), path);
    }

    @Override
    protected void doStop() throws Exception {
        if (input != null) {
            endpoint.getComponent().leave(path, this, input);
            input = null;
        }
        super.doStop();
    }

    /** The bound input (its port, counters). */
    RtpInput input() {
        return input;
    }

    @Override
    public void started(StreamInfo info) {
        live.put(info.path(), info);
        Exchange exchange = createExchange(false);
        MediaExchanges.started(exchange, info);
        process(exchange);
    }

    @Override
    public void frame(String streamPath, MediaFrame frame) {
        Exchange exchange = createExchange(false);
        MediaExchanges.frame(exchange, streamPath, frame);
        process(exchange);
    }

    @Override
    public void ended(String streamPath, String reason) {
        StreamInfo last = live.remove(streamPath);
        Exchange exchange = createExchange(false);
        MediaExchanges.ended(exchange, streamPath, reason, last);
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
