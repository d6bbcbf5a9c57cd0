package io.camelmedia.camel.webrtc;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code whip:name}: a WHIP server (RFC 9725). Browsers, OBS and ffmpeg publish WebRTC by POSTing an SDP offer to
 * {@code http://host:8080/whip/<stream path>}; each publish becomes a stream of the route. Media flows over the
 * one ICE port (8189) shared with {@code whep:}.
 */
@Component("whip")
public class WhipComponent extends WebRtcOptions {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("whip: needs a name, syntax whip:name (e.g. whip:live)");
        }
        WhipEndpoint endpoint = new WhipEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
