package io.camelmedia.camel.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import io.camelmedia.hub.StreamHub;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code live:name}: a named set of live streams inside the Camel context. Routes send streams to it
 * ({@code to: live:streams}) and other routes read one of them ({@code from: live:streams?path=live/cam1}) through
 * the hub fan-out: STARTED, the cached GOP from its key frame, then live frames, each reader on its own bounded
 * queue so a slow route never holds the publisher back. What {@code /v1/streams} lists and the metrics count.
 */
@Component("live")
public class LiveComponent extends DefaultComponent {
    @Metadata(label = "advanced", defaultValue = "4", description = "Threads that run the reading routes (all live: consumers share them)")
    private int readerThreads = 4;

    private final Map<String, StreamHub> fanOuts = new ConcurrentHashMap<>();
    private ExecutorService readers;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("live: needs a name, syntax live:name (e.g. live:streams)");
        }
        LiveEndpoint endpoint = new LiveEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The fan-out of one name; every endpoint of that name shares it. */
    public StreamHub fanOut(String name) {
        return fanOuts.computeIfAbsent(name, n -> new StreamHub());
    }

    /** The fan-out {@code live:<name>} of a context, made if no endpoint has used it yet. */
    public static StreamHub fanOut(CamelContext context, String name) {
        return context.getComponent("live", LiveComponent.class).fanOut(name);
    }

    synchronized ExecutorService readerExecutor() {
        if (readers == null) {
            readers = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "live-readers", readerThreads);
        }
        return readers;
    }

    @Override
    protected void doStop() throws Exception {
        fanOuts.values().forEach(StreamHub::close);
        fanOuts.clear();
        if (readers != null) {
            getCamelContext().getExecutorServiceManager().shutdown(readers);
            readers = null;
        }
        super.doStop();
    }

    public int getReaderThreads() {
        return readerThreads;
    }

    /** Threads that run the reading routes (all live: consumers share them). */
    public void setReaderThreads(int readerThreads) {
        if (readerThreads <= 0) {
            throw new IllegalArgumentException("readerThreads must be positive, was " + readerThreads);
        }
        this.readerThreads = readerThreads;
    }
}
