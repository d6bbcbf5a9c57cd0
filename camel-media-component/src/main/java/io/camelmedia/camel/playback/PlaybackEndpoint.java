package io.camelmedia.camel.playback;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.PlatformHttp;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import io.camelmedia.camel.MediaAuth;
import io.camelmedia.hub.Authenticator;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Playback of recordings over Camel Platform HTTP: {@code <basePath>/list} (JSON, every stream's recordings with
 * their time spans), {@code <basePath>/<stream path>/list}, {@code <basePath>/<stream path>/index.m3u8?start=&duration=}
 * (HLS VOD of byte ranges into the files) and {@code <basePath>/<stream path>/<start>.mp4} (Range, ETag, HEAD).
 * {@code <basePath>/<stream path>/get?start=&duration=} (and MediaMTX's {@code <basePath>/get?path=&start=&duration=})
 * answers one fragmented MP4 of the span. Each request, once answered, goes through the route (to log or count it;
 * the route may change the answer); a file's or span's body is streamed after the route and is not its message
 * body: the exchange property {@code CamelMediaPlaybackStreamedBody} holds it (its {@code bytesRead()} is what was
 * sent once the exchange completes).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "playback", title = "Playback of recordings", syntax = "playback:name",
             consumerOnly = true, category = { Category.FILE, Category.HTTP }, headersClass = MediaHeaders.class)
public class PlaybackEndpoint extends DefaultEndpoint {

    @UriPath(description = "A name for this playback server (for logs; the URL comes from basePath)")
    @Metadata(required = true)
    private final String name;

    @UriParam(defaultValue = "recordings",
              description = "Folder of the recordings (<directory>/<stream path>/<start>.mp4, as media:record writes them)")
    private String directory = "recordings";

    @UriParam(defaultValue = "/recordings", description = "URL path the recordings are served under")
    private String basePath = "/recordings";

    @UriParam(label = "security,advanced", description = "Decides who may read these recordings (Bearer token or ?token=),"
              + " instead of the context's one authenticator (MediaAuth: camel.media.auth.* or the camelMediaAuth bean)")
    private Authenticator authenticator;

    public PlaybackEndpoint(String uri, PlaybackComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (!basePath.startsWith("/") || basePath.endsWith("/") || basePath.length() < 2) {
            throw new IllegalArgumentException("playback: basePath must start with / and not end with one, was '"
                    + basePath + "'");
        }
        PlatformHttp.lookup(getCamelContext()); // while routes are built: see PlatformHttp
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("playback: serves recordings; use it in from()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        PlaybackConsumer consumer = new PlaybackConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public String getName() {
        return name;
    }

    public String getDirectory() {
        return directory;
    }

    /** Folder of the recordings. */
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public String getBasePath() {
        return basePath;
    }

    /** URL path the recordings are served under. */
    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    /** Who may read here: the endpoint's own authenticator, else the context's. */
    Authenticator authenticator() {
        return MediaAuth.forEndpoint(getCamelContext(), authenticator);
    }

    public Authenticator getAuthenticator() {
        return authenticator;
    }

    /** Decides who may read these recordings, instead of the context's one authenticator. */
    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }
}
