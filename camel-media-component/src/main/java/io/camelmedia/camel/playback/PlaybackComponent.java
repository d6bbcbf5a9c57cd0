package io.camelmedia.camel.playback;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code playback:name}: serves the recordings of a folder ({@code media:record}'s fragmented MP4 files) over Camel
 * Platform HTTP: a JSON listing, the files with byte ranges, and HLS VOD playlists of a time span.
 */
@Component("playback")
public class PlaybackComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("playback: needs a name, syntax playback:name (e.g. playback:recordings)");
        }
        PlaybackEndpoint endpoint = new PlaybackEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
