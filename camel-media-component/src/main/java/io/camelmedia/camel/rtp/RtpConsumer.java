package io.camelmedia.camel.rtp;

import java.time.Duration;

import io.camelmedia.camel.MediaStreamConsumer;
import io.camelmedia.protocol.rtp.RtpInput;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one RTP input into its stream (the component's registry) and, when it is the stream's first consumer,
 * turns the stream's events into exchanges, processed synchronously on the stream's event loop (so frames stay
 * in order). A failing exchange goes to the consumer's exception handler; it never reaches the receiver.
 */
final class RtpConsumer extends MediaStreamConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(RtpConsumer.class);

    private final RtpEndpoint endpoint;
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
}
