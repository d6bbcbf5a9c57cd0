package io.camelmedia.camel.webrtc;


import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.PlatformHttp;
import io.camelmedia.camel.MediaAuth;
import io.camelmedia.hub.Authenticator;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * WHIP ingest: WebRTC publishers (browsers, OBS 30+, ffmpeg 8 {@code -f whip}) POST an SDP offer to
 * {@code <basePath>/<stream path>}. Each publish is a stream of the route: STARTED with the negotiated tracks,
 * one exchange per frame (depacketized, reordered, NACK-repaired, one timeline from RTCP), ENDED on DELETE,
 * DTLS close or ICE consent expiry.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "whip", title = "WHIP", syntax = "whip:name", consumerOnly = true,
             category = { Category.NETWORKING }, headersClass = MediaHeaders.class)
public class WhipEndpoint extends DefaultEndpoint {
    @UriPath(description = "A name for this ingest (logs)")
    @Metadata(required = true)
    private final String name;
    @UriParam(defaultValue = "/whip", description = "HTTP path the offers are POSTed under: <basePath>/<stream path>")
    private String basePath = "/whip";
    @UriParam(label = "security,advanced", description = "Decides who may publish here (the Bearer token is the key),"
              + " instead of the context's one authenticator (MediaAuth: camel.media.auth.* or the camelMediaAuth bean)")
    private Authenticator authenticator;

    public WhipEndpoint(String uri, WhipComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public WhipComponent getComponent() {
        return (WhipComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        PlatformHttp.lookup(getCamelContext()); // while routes are built: see PlatformHttp
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("whip: as a producer (push to a remote WHIP server) is not available yet;"
                + " use whip: in from()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        WhipConsumer consumer = new WhipConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    Authenticator authenticator() {
        return MediaAuth.forEndpoint(getCamelContext(), authenticator);
    }

    public String getName() {
        return name;
    }

    public String getBasePath() {
        return basePath;
    }

    /** HTTP path the offers are POSTed under: {@code <basePath>/<stream path>}. */
    public void setBasePath(String basePath) {
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    }

    public Authenticator getAuthenticator() {
        return authenticator;
    }

    /** Decides who may publish here, instead of the context's one authenticator. */
    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }
}
