package io.camelmedia.camel.rtmp;

import java.util.Map;

import io.camelmedia.hub.StreamRegistry;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code rtmp://host:port/app}: an RTMP server accepting publishers (OBS, ffmpeg, hardware encoders).
 * Every stream published as {@code rtmp://host:port/<app>/<key>} becomes a stream {@code <app>/<key>}
 * of the route.
 */
@Component("rtmp")
public class RtmpComponent extends DefaultComponent {

    @Metadata(label = "advanced", autowired = true,
              description = "The live stream registry shared by the endpoints of this component"
                            + " (one publisher per path). By default it is backed by the context's one stream hub.")
    private StreamRegistry registry;
    /** The figures of every RTMP server the component's consumers run, for metrics. */
    private final java.util.Set<io.camelmedia.protocol.rtmp.RtmpServerStats> servers =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        RtmpConfiguration config = new RtmpConfiguration();
        config.parseRemaining(remaining);
        RtmpEndpoint endpoint = new RtmpEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The figures of the RTMP servers running now (one per consumer). */
    public java.util.Collection<io.camelmedia.protocol.rtmp.RtmpServerStats> serverStats() {
        return java.util.List.copyOf(servers);
    }

    void serving(io.camelmedia.protocol.rtmp.RtmpServerStats stats, boolean running) {
        if (running) {
            servers.add(stats);
        } else {
            servers.remove(stats);
        }
    }

    public synchronized StreamRegistry getRegistry() {
        if (registry == null) {
            // RTMP claims its paths in the context's one hub: one namespace with WHIP and the ingests to come
            registry = new StreamRegistry(io.camelmedia.camel.MediaHubs.of(getCamelContext()));
        }
        return registry;
    }

    /** The live stream registry shared by the endpoints of this component (one publisher per path). */
    public void setRegistry(StreamRegistry registry) {
        this.registry = registry;
    }
}
