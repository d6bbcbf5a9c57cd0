package io.camelmedia.camel.srt;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.MediaAuth;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.protocol.srt.SrtRedialer;
import io.camelmedia.protocol.srt.SrtConnection;
import io.camelmedia.protocol.srt.SrtStreamId;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * SRT carrying MPEG-TS (H.264, H.265, AAC, Opus, MP3). Consumer: as a listener, accepts publishers (OBS, vMix,
 * ffmpeg, encoders), each a stream whose path comes from its stream id ({@code publish:live/cam},
 * {@code #!::r=live/cam,m=publish}, {@code live/cam}); as a caller, pulls a stream from a remote listener.
 * Producer: as a listener, serves the route's streams to callers asking {@code read:live/cam}; as a caller,
 * pushes each stream to a remote listener. Callers dial again with a backoff when the connection drops.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "srt", title = "SRT", syntax = "srt:host:port",
             category = { Category.NETWORKING }, headersClass = MediaHeaders.class)
public class SrtEndpoint extends DefaultEndpoint {

    @UriParam
    private SrtConfiguration configuration;

    public SrtEndpoint(String uri, SrtComponent component, SrtConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public SrtComponent getComponent() {
        return (SrtComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new SrtProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SrtConsumer consumer = new SrtConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public SrtConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(SrtConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Who may publish and read here: the endpoint's own authenticator, else the context's (MediaAuth). */
    Authenticator authenticator() {
        return MediaAuth.forEndpoint(getCamelContext(), configuration.getAuthenticator());
    }

    /** A caller that keeps {@code streamId} connected, each connection handled by a fresh {@code handler}. */
    SrtRedialer redialer(String streamId, java.util.function.Supplier<SrtConnection.Handler> handler) {
        SrtConfiguration c = configuration;
        return new SrtRedialer(getComponent().group(), new InetSocketAddress(c.getHost(), c.getPort()), c.settings(),
                streamId, handler, Duration.ofMillis(c.getReconnectDelay()), Duration.ofMillis(c.getMaxReconnectDelay()));
    }

    /** Where a pulled stream goes here: the path option, else the stream id's path, else srt/host-port. */
    String pullPath() {
        SrtConfiguration c = configuration;
        if (c.getPath() != null && !c.getPath().isBlank()) {
            return c.getPath();
        }
        if (c.getStreamId() != null && !c.getStreamId().contains("{path}")) {
            try {
                return SrtStreamId.parse(c.getStreamId(), null, true).path();
            } catch (RuntimeException e) {
                // not a stream id we can read a path from: fall back
            }
        }
        return "srt/" + c.getHost() + "-" + c.getPort();
    }
}
