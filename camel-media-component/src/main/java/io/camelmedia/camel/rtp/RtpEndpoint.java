package io.camelmedia.camel.rtp;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.PlatformHttp;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * RTP over UDP. Consumer: receives one RTP input (H.264, H.265, VP8, VP9, AV1, Opus, AAC, G.711; codec from
 * options or an SDP, RTCP on port+1 or muxed); consumers with the same {@code stream} make one stream with a
 * track each: STARTED, one exchange per frame, ENDED. Producer: sends the frames of a stream as RTP with RTCP
 * Sender Reports, and writes/serves the SDP a player opens it with.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "rtp", title = "RTP", syntax = "rtp:host:port",
             category = { Category.NETWORKING }, headersClass = MediaHeaders.class)
public class RtpEndpoint extends DefaultEndpoint {

    @UriParam
    private RtpConfiguration configuration;

    public RtpEndpoint(String uri, RtpComponent component, RtpConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public RtpComponent getComponent() {
        return (RtpComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        String sdpName = configuration.getSdpName();
        if (sdpName != null && !sdpName.isBlank()) {
            // a producer that names its SDP serves it over HTTP: resolve while routes are built, see PlatformHttp
            PlatformHttp.lookup(getCamelContext());
        }
    }

    @Override
    public Producer createProducer() {
        return new RtpProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RtpConsumer consumer = new RtpConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public RtpConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(RtpConfiguration configuration) {
        this.configuration = configuration;
    }
}
