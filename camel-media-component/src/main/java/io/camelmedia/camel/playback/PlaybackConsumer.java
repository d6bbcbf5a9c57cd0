package io.camelmedia.camel.playback;

import java.nio.file.Path;

import io.camelmedia.camel.HttpServing;
import io.camelmedia.protocol.playback.PlaybackServer;
import io.camelmedia.protocol.playback.RecordingStore;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Serves the endpoint's folder at its base path once the context has started. */
final class PlaybackConsumer extends DefaultConsumer {
    private final PlaybackEndpoint endpoint;
    private HttpServing http;

    PlaybackConsumer(PlaybackEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        PlaybackServer server = new PlaybackServer(new RecordingStore(Path.of(endpoint.getDirectory())),
                endpoint.getBasePath());
        http = HttpServing.later(endpoint.getCamelContext(), endpoint.getBasePath(), "GET,HEAD,OPTIONS",
                new PlaybackHttpProcessor(server, endpoint.getBasePath(), endpoint.authenticator(), getProcessor()),
                "playback:" + endpoint.getName() + " (" + server.store().root() + ")");
    }

    @Override
    protected void doStop() throws Exception {
        if (http != null) {
            http.close();
        }
        super.doStop();
    }
}
