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
 * WHEP playback: the streams sent here are served to WebRTC viewers that POST an SDP offer to
 * {@code <basePath>/<stream path>}. Each viewer starts on a key frame (the stream's last GOP is cached), gets its
 * own SRTP context, sequence numbers and bounded queue, and has its NACKs answered; a slow viewer skips to the
 * next key frame or is dropped. Sending here never blocks the route.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "whep", title = "WHEP", syntax = "whep:name", producerOnly = true,
             category = { Category.NETWORKING }, headersClass = MediaHeaders.class)
public class WhepEndpoint extends DefaultEndpoint {
    @UriPath(description = "A name for this output (logs)")
    @Metadata(required = true)
    private final String name;
    @UriParam(defaultValue = "/whep", description = "HTTP path viewers POST their offers under: <basePath>/<stream path>")
    private String basePath = "/whep";
    @UriParam(label = "security,advanced", description = "Decides who may read here (Bearer token or ?token=),"
              + " instead of the context's one authenticator (MediaAuth: camel.media.auth.* or the camelMediaAuth bean)")
    private Authenticator authenticator;
    @UriParam(label = "advanced", defaultValue = "1000", description = "Most streams served under this base path")
    private int maxStreams = 1000;

    public WhepEndpoint(String uri, WhepComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public WhepComponent getComponent() {
        return (WhepComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        PlatformHttp.lookup(getCamelContext()); // while routes are built: see PlatformHttp
    }

    @Override
    public Producer createProducer() {
        return new WhepProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("whep: as a consumer (pull from a remote WHEP server) is not available"
                + " yet; use whep: in to()");
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

    /** HTTP path viewers POST their offers under: {@code <basePath>/<stream path>}. */
    public void setBasePath(String basePath) {
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    }

    public Authenticator getAuthenticator() {
        return authenticator;
    }

    /** Decides who may read here, instead of the context's one authenticator. */
    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public int getMaxStreams() {
        return maxStreams;
    }

    /** Most streams served under this base path. */
    public void setMaxStreams(int maxStreams) {
        this.maxStreams = maxStreams;
    }
}
