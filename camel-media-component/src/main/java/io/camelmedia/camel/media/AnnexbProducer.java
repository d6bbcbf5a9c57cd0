package io.camelmedia.camel.media;

import java.util.Map;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.process.annexb.AnnexbConverter;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code media:annexb}: converts the frame in the body in place. One converter per stream (it remembers
 * the stream's last parameter sets); dropped on ENDED, and bounded by {@code maxStreams} (least recently
 * used first) so a stream that never ends cannot grow the map.
 */
final class AnnexbProducer extends DefaultProducer {
    private final boolean toAnnexB;
    private final Map<String, AnnexbConverter> converters;

    AnnexbProducer(MediaEndpoint endpoint) {
        super(endpoint);
        this.toAnnexB = "annexb".equals(endpoint.effectiveFormat());
        this.converters = StreamStates.bounded(endpoint.getMaxStreams());
    }

    @Override
    public void process(Exchange exchange) {
        String stream = exchange.getIn().getHeader(MediaHeaders.STREAM, "", String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        if (event == MediaEvent.ENDED) {
            synchronized (converters) {
                converters.remove(stream);
            }
            return;
        }
        Object body = exchange.getIn().getBody();
        if (!(body instanceof MediaFrame frame)) {
            return;
        }
        AnnexbConverter converter;
        synchronized (converters) {
            converter = converters.computeIfAbsent(stream, s -> new AnnexbConverter());
        }
        MediaFrame out = toAnnexB ? converter.toAnnexB(frame) : converter.toAvcc(frame);
        if (out != frame) {
            exchange.getIn().setBody(out);
        }
    }
}
