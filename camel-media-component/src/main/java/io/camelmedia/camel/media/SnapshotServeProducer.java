package io.camelmedia.camel.media;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.process.snapshot.LatestKeyFrames;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code media:snapshot?serve=true}: keeps each stream's latest video key frame for the HTTP snapshots (nothing is
 * decoded here: a request makes the image). Every exchange goes on unchanged, so the step can sit anywhere in a
 * pipeline.
 */
final class SnapshotServeProducer extends DefaultProducer {
    private final LatestKeyFrames latest;

    SnapshotServeProducer(MediaEndpoint endpoint, LatestKeyFrames latest) {
        super(endpoint);
        this.latest = latest;
    }

    @Override
    public void process(Exchange exchange) {
        String stream = exchange.getIn().getHeader(MediaHeaders.STREAM, "", String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        if (event == MediaEvent.ENDED) {
            latest.ended(stream);
        } else if (exchange.getIn().getBody() instanceof MediaFrame f && f.keyframe()
                && f.track().mediaType() == MediaType.VIDEO) {
            latest.keyFrame(stream, f);
        }
    }
}
