package io.camelmedia.camel.rtmp;

import io.camelmedia.camel.MediaHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * RTMP ingest: an RTMP server accepting publishers (OBS, ffmpeg, encoders), including Enhanced RTMP
 * (HEVC, AV1, VP9, Opus). Each published stream {@code <app>/<key>} becomes a stream of the route:
 * a STARTED exchange with its tracks, one exchange per frame, and ENDED when the publisher leaves.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "rtmp", title = "RTMP", syntax = "rtmp:host:port/app",
             consumerOnly = true, category = { Category.NETWORKING }, headersClass = MediaHeaders.class)
public class RtmpEndpoint extends DefaultEndpoint {

    @UriParam
    private RtmpConfiguration configuration;

    public RtmpEndpoint(String uri, RtmpComponent component, RtmpConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public RtmpComponent getComponent() {
        return (RtmpComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(
                "rtmp: as a producer (push to a server, serve players) is not available yet; use rtmp: in from()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RtmpConsumer consumer = new RtmpConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public RtmpConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(RtmpConfiguration configuration) {
        this.configuration = configuration;
    }
}
