package io.camelmedia.camel.webrtc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelmedia.hub.StreamHub;
import io.camelmedia.hub.StreamStats;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code whep:name}: a WHEP server. The streams a route sends here are played by WebRTC viewers that POST an SDP
 * offer to {@code http://host:8080/whep/<stream path>}, each through its own bounded queue of the hub fan-out.
 */
@Component("whep")
public class WhepComponent extends WebRtcOptions {
    /** The fan-out of each base path: endpoints with the same base path serve one set of streams. */
    private final Map<String, StreamHub> fanOuts = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("whep: needs a name, syntax whep:name (e.g. whep:live)");
        }
        WhepEndpoint endpoint = new WhepEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    StreamHub fanOut(WhepEndpoint endpoint) {
        return fanOuts.computeIfAbsent(endpoint.getBasePath(), b -> new StreamHub(endpoint.getMaxStreams()));
    }

    /** WebRTC viewers of {@code path} over every base path served (as {@code SrtComponent.readers}). */
    public int readers(String path) {
        return fanOuts.values().stream().mapToInt(h -> h.stats(path).map(StreamStats.Snapshot::readers).orElse(0)).sum();
    }

    /** Frames handed to the WebRTC viewers of {@code path}, over every base path served. */
    public long framesOut(String path) {
        return fanOuts.values().stream().mapToLong(h -> h.stats(path).map(StreamStats.Snapshot::framesOut).orElse(0L)).sum();
    }

    @Override
    protected void doStop() throws Exception {
        fanOuts.values().forEach(StreamHub::close);
        fanOuts.clear();
        super.doStop();
    }
}
