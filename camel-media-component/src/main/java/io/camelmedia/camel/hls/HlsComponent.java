package io.camelmedia.camel.hls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelmedia.camel.MediaAuth;
import io.camelmedia.camel.PlatformHttp;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.protocol.hls.HlsConfig;
import io.camelmedia.protocol.hls.HlsOrigin;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code hls:name}: an HLS origin. Streams sent to it are served as HLS at
 * {@code <basePath>/<stream path>/index.m3u8} over Camel Platform HTTP (the app's HTTP port).
 */
@Component("hls")
public class HlsComponent extends DefaultComponent {
    private static final Logger LOG = LoggerFactory.getLogger(HlsComponent.class);
    /** Origins by base path: endpoints with the same base path share one. */
    private final Map<String, HlsOrigin> origins = new ConcurrentHashMap<>();
    private final Map<String, Authenticator> readers = new ConcurrentHashMap<>();
    private final Map<String, HlsEndpoint> owners = new ConcurrentHashMap<>();
    private final Map<String, Consumer> httpConsumers = new ConcurrentHashMap<>();
    private final Map<String, Integer> users = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("hls: needs a name, syntax hls:name (e.g. hls:live)");
        }
        HlsEndpoint endpoint = new HlsEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** A started producer's hold on its base path's origin; the last {@link #release} frees it. */
    synchronized HlsOrigin acquire(HlsEndpoint endpoint) {
        HlsOrigin o = origin(endpoint);
        users.merge(endpoint.getBasePath(), 1, Integer::sum);
        return o;
    }

    /** Drops a producer's hold: with none left, the base path is no longer served and its streams end. */
    synchronized void release(HlsEndpoint endpoint) {
        String base = endpoint.getBasePath();
        Integer left = users.computeIfPresent(base, (b, n) -> n > 1 ? n - 1 : null);
        if (left != null) {
            return;
        }
        Consumer c = httpConsumers.remove(base);
        if (c != null) {
            ServiceHelper.stopService(c);
        }
        HlsOrigin o = origins.remove(base);
        if (o != null) {
            o.close();
        }
        owners.remove(base);
    }

    /** The origin serving {@code basePath}, made by the first endpoint that asks; later ones must agree. */
    synchronized HlsOrigin origin(HlsEndpoint endpoint) {
        String base = endpoint.getBasePath();
        HlsEndpoint owner = owners.get(base);
        if (owner != null && owner != endpoint && !owner.sameOrigin(endpoint)) {
            throw new IllegalArgumentException("hls: " + endpoint.getEndpointUri() + " and " + owner.getEndpointUri()
                    + " both serve " + base + " with different options; give one another basePath");
        }
        owners.putIfAbsent(base, endpoint);
        readers.computeIfAbsent(base, b -> endpoint.authenticator());
        return origins.computeIfAbsent(base, b -> new HlsOrigin(endpoint.hlsConfig()));
    }

    /** The longest base path {@code uriPath} is under (the path itself, or it followed by '/'), or null. */
    String basePathOf(String uriPath) {
        String best = null;
        for (String base : origins.keySet()) {
            boolean under = uriPath.equals(base) || uriPath.startsWith(base + "/");
            if (under && (best == null || base.length() > best.length())) {
                best = base;
            }
        }
        return best;
    }

    /** Who may read the origin under {@code base} (its first endpoint's authenticator). */
    Authenticator readers(String base) {
        Authenticator a = base == null ? null : readers.get(base);
        return a != null ? a : MediaAuth.of(getCamelContext());
    }

    /** Every origin with its base path, for the stream listing. */
    Map<String, HlsOrigin> origins() {
        return origins;
    }

    /** One line per stream served, for {@code streams.json}. */
    List<Map<String, Object>> listing() {
        List<Map<String, Object>> out = new ArrayList<>();
        origins.forEach((base, origin) -> {
            for (String path : origin.paths()) {
                out.add(Map.of("path", path, "url", base + "/" + path + "/index.m3u8",
                        "format", origin.config().segmenter().format().name().toLowerCase(java.util.Locale.ROOT),
                        "lowLatency", origin.config().lowLatency(), "live", origin.isLive(path)));
            }
        });
        out.sort((a, b) -> String.valueOf(a.get("url")).compareTo(String.valueOf(b.get("url"))));
        return out;
    }

    /** Starts the HTTP consumer for the endpoint's base path, once per base path. */
    synchronized void serve(HlsEndpoint endpoint, HlsOrigin origin) throws Exception {
        String base = endpoint.getBasePath();
        if (httpConsumers.containsKey(base) || origins.get(base) != origin) {
            return;   // served already, or released before the context had fully started
        }
        CamelContext context = getCamelContext();
        if (PlatformHttp.lookup(context) == null) {
            LOG.warn("hls:{} is not served over HTTP: no platform-http component on the classpath (camel-platform-http-vertx,"
                    + " or run in the Quarkus app); set serveHttp=false to silence this", endpoint.getName());
            return;
        }
        Endpoint ep = context.getEndpoint(PlatformHttp.COMPONENT + ":" + base + "?matchOnUriPrefix=true&httpMethodRestrict=GET,HEAD,OPTIONS");
        Consumer consumer = ep.createConsumer(new HlsHttpProcessor(this));
        ServiceHelper.startService(consumer);
        httpConsumers.put(base, consumer);
        HlsConfig c = origin.config();
        LOG.info("HLS origin hls:{} ({}{}) serves {}/<stream path>/index.m3u8", endpoint.getName(),
                c.segmenter().format(), c.lowLatency() ? ", low latency" : "", base);
    }

    @Override
    protected void doStop() throws Exception {
        httpConsumers.values().forEach(ServiceHelper::stopService);
        httpConsumers.clear();
        origins.values().forEach(HlsOrigin::close);
        origins.clear();
        readers.clear();
        owners.clear();
        users.clear();
        super.doStop();
    }
}
