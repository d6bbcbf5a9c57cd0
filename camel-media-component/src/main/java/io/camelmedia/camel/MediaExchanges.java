package io.camelmedia.camel;

import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultConsumer;

/** Fills exchanges with stream events the same way for every consumer. */
public final class MediaExchanges {
    private MediaExchanges() {
    }

    public static void started(Exchange exchange, StreamInfo info) {
        Message m = exchange.getIn();
        m.setHeader(MediaHeaders.STREAM, info.path());
        m.setHeader(MediaHeaders.EVENT, MediaEvent.STARTED.name());
        m.setBody(info);
    }

    public static void frame(Exchange exchange, String path, MediaFrame frame) {
        Message m = exchange.getIn();
        Track t = frame.track();
        m.setHeader(MediaHeaders.STREAM, path);
        m.setHeader(MediaHeaders.EVENT, MediaEvent.FRAME.name());
        m.setHeader(MediaHeaders.TRACK, t.id());
        m.setHeader(MediaHeaders.CODEC, t.codec().name());
        m.setHeader(MediaHeaders.MEDIA_TYPE, t.mediaType().name());
        m.setHeader(MediaHeaders.KEYFRAME, frame.keyframe());
        m.setHeader(MediaHeaders.PTS, frame.pts());
        m.setHeader(MediaHeaders.DTS, frame.dts());
        m.setHeader(MediaHeaders.CLOCK_RATE, t.clockRate());
        m.setBody(frame);
    }

    public static void ended(Exchange exchange, String path, String reason, StreamInfo last) {
        Message m = exchange.getIn();
        m.setHeader(MediaHeaders.STREAM, path);
        m.setHeader(MediaHeaders.EVENT, MediaEvent.ENDED.name());
        m.setHeader(MediaHeaders.REASON, reason);
        m.setBody(last);
    }

    /**
     * Runs one stream event through {@code consumer}'s route on the calling thread; a failure goes to the consumer's
     * exception handler and never reaches the protocol, the file reader or other streams.
     */
    public static void process(DefaultConsumer consumer, Exchange exchange) {
        try {
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            consumer.getExceptionHandler().handleException("Error processing " + exchange.getIn().getHeader(MediaHeaders.STREAM)
                    + " " + exchange.getIn().getHeader(MediaHeaders.EVENT), exchange, exchange.getException());
        }
        consumer.releaseExchange(exchange, false);
    }

    /** The event of an exchange, FRAME when the header is missing but the body is a frame. */
    public static MediaEvent event(Exchange exchange) {
        String e = exchange.getIn().getHeader(MediaHeaders.EVENT, String.class);
        if (e != null) {
            return MediaEvent.valueOf(e);
        }
        return exchange.getIn().getBody() instanceof MediaFrame ? MediaEvent.FRAME : null;
    }
}
