package io.camelmedia.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a processor under a base path (and everything below it) over Camel Platform HTTP, for the given methods,
 * once the context has started: how whip:, whep: and playback: serve HTTP.
 */
public final class HttpServing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServing.class);
    private volatile Consumer consumer;
    private volatile boolean closed;

    /** Platform HTTP consumers cannot start while the context starts its routes: serve once it has (see ContextStarted). */
    public static HttpServing later(CamelContext context, String basePath, String methods, Processor processor, String what) throws Exception {
        HttpServing h = new HttpServing();
        ContextStarted.then(context, () -> h.start(context, basePath, methods, processor, what));
        return h;
    }

    private synchronized void start(CamelContext context, String basePath, String methods, Processor processor, String what) throws Exception {
        if (closed || consumer != null) {
            return;
        }
        if (PlatformHttp.lookup(context) == null) {
            LOG.warn("{} is not served: no platform-http component (camel-platform-http-vertx, or run in the Quarkus app)", what);
            return;
        }
        Endpoint ep = context.getEndpoint(PlatformHttp.COMPONENT + ":" + basePath
                + "?matchOnUriPrefix=true&httpMethodRestrict=" + methods);
        Consumer c = ep.createConsumer(processor);
        try {
            ServiceHelper.startService(c);
        } catch (RuntimeException e) {
            LOG.warn("{} is not served: platform-http did not start ({})", what, e.getMessage());
            return;
        }
        consumer = c;
        LOG.info("{} serves {}/<stream path>", what, basePath);
    }

    /** Makes {@code out} the HTTP answer: only these headers (none of the request's), status, content type, body. */
    public static void respond(Message out, int status, java.util.Map<String, String> headers, Object body) {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        headers.forEach(out::setHeader);
        if (headers.containsKey("Content-Type")) {
            out.setHeader(Exchange.CONTENT_TYPE, headers.get("Content-Type"));
        }
        out.setBody(body);
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
