package io.camelmedia.camel.srt;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.camelmedia.hub.StreamHub;
import io.camelmedia.hub.StreamStats;
import io.camelmedia.protocol.srt.SrtMediaServer;
import io.camelmedia.protocol.srt.SrtTransport;
import io.netty.channel.EventLoopGroup;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code srt://host:port}: SRT (Secure Reliable Transport) carrying MPEG-TS. A listener port is shared by the
 * consumer (publishers) and the producer (readers) that name it, routed by each caller's stream id; callers each
 * have their own socket. Every SRT socket of the component lives on its event loops.
 */
@Component("srt")
public class SrtComponent extends DefaultComponent {

    @Metadata(label = "advanced", defaultValue = "2", description = "Event loop threads for SRT sockets")
    private int eventLoopThreads = 2;

    private EventLoopGroup group;
    private final Map<String, Port> ports = new HashMap<>();

    /** One listening port: its server, the fan-out its readers read from, and how many endpoints use it. */
    static final class Port {
        final String key;
        final SrtMediaServer server;
        StreamHub fanOut;
        int users;

        Port(String key, SrtMediaServer server) {
            this.key = key;
            this.server = server;
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SrtConfiguration config = new SrtConfiguration();
        config.parseRemaining(remaining);
        SrtEndpoint endpoint = new SrtEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public int getEventLoopThreads() {
        return eventLoopThreads;
    }

    /** Event loop threads for SRT sockets. */
    public void setEventLoopThreads(int eventLoopThreads) {
        this.eventLoopThreads = eventLoopThreads;
    }

    synchronized EventLoopGroup group() {
        if (group == null) {
            group = SrtTransport.newGroup(eventLoopThreads, "srt");
        }
        return group;
    }

    /** The listener on the configuration's host and port, started by its first user. */
    synchronized Port acquire(SrtConfiguration c) throws InterruptedException {
        String key = c.getHost() + ":" + c.getPort();
        Port p = ports.get(key);
        if (p == null) {
            SrtMediaServer server = new SrtMediaServer(c.getHost(), c.getPort(), c.settings(), c.getMaxConnections(),
                    c.getDefaultPath(), group());
            server.start();
            p = new Port(key, server);
            ports.put(key, p);
        }
        p.users++;
        return p;
    }

    /** The fan-out readers of the port read from, made by the first producer. */
    synchronized StreamHub fanOut(Port p) {
        if (p.fanOut == null) {
            p.fanOut = new StreamHub(StreamHub.DEFAULT_MAX_STREAMS);
        }
        return p.fanOut;
    }

    /** The readers' fan-outs of the listening ports (SRT viewers of each stream), for listings and metrics. */
    public synchronized java.util.List<StreamHub> readerFanOuts() {
        return ports.values().stream().map(p -> p.fanOut).filter(java.util.Objects::nonNull).toList();
    }

    /** SRT readers of {@code path} over every listening port. */
    public int readers(String path) {
        return readerFanOuts().stream().mapToInt(h -> h.stats(path).map(StreamStats.Snapshot::readers).orElse(0)).sum();
    }

    /** The port a listener configured as {@code host:port} is bound to (the real one for port 0), or -1. */
    public synchronized int boundPort(String host, int port) {
        Port p = ports.get(host + ":" + port);
        return p == null ? -1 : p.server.port();
    }

    synchronized void release(Port p) {
        if (--p.users > 0) {
            return;
        }
        ports.remove(p.key);
        p.server.close();
        if (p.fanOut != null) {
            p.fanOut.close();
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        ports.values().forEach(p -> p.server.close());
        ports.clear();
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            group = null;
        }
        super.doStop();
    }
}
