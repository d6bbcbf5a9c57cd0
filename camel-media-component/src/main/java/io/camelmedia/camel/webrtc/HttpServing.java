package io.camelmedia.camel.webrtc;

import io.camelmedia.camel.PlatformHttp;
import io.camelmedia.protocol.webrtc.WebRtcResource;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves a {@link WebRtcResource} under its base path over Camel Platform HTTP, once the context has started. */
final class HttpServing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServing.class);
    private volatile Consumer consumer;
    private volatile boolean closed;

    /** Platform HTTP consumers cannot start while the context starts its routes: serve once it has. */
    static HttpServing later(CamelContext context, String basePath, WebRtcResource resource, String what) throws Exception {
        HttpServing h = new HttpServing();
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // too early: services such as the HTTP server may still be starting
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) throws Exception {
                h.start(ctx, basePath, resource, what);
            }
        });
        return h;
    }

    private synchronized void start(CamelContext context, String basePath, WebRtcResource resource, String what) throws Exception {
        if (closed || consumer != null) {
            return;
        }
        if (PlatformHttp.lookup(context) == null) {
            LOG.warn("{} is not served: no platform-http component (camel-platform-http-vertx, or run in the Quarkus app)", what);
            return;
        }
        Endpoint ep = context.getEndpoint(PlatformHttp.COMPONENT + ":" + basePath
                + "?matchOnUriPrefix=true&httpMethodRestrict=POST,PATCH,DELETE,OPTIONS");
        Consumer c = ep.createConsumer(new WebRtcHttpProcessor(resource, basePath));
        try {
            ServiceHelper.startService(c);
        } catch (RuntimeException e) {
            LOG.warn("{} is not served: platform-http did not start ({})", what, e.getMessage());
            return;
        }
        consumer = c;
        LOG.info("{} serves {}/<stream path>", what, basePath);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (consumer != null) {
            ServiceHelper.stopService(consumer);
            consumer = null;
        }
    }
}
