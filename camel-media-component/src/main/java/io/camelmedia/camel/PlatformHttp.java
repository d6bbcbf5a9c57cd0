package io.camelmedia.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel Platform HTTP, which serves {@code hls:}, {@code whip:}, {@code whep:} and {@code rtp:} SDPs. It is optional:
 * without it those endpoints still run, and say what they do not serve.
 *
 * <p>Endpoints that serve HTTP look the component up while routes are built (their {@code doInit}), although they
 * start their HTTP consumers only once the context has fully started. Camel JBang starts its HTTP server when
 * platform-http is first resolved, at once if the context is already starting, and that server resolves
 * platform-http itself: resolved during start, the component's creation fails as circular. Resolved while routes
 * are built, JBang starts the server with the context.
 */
public final class PlatformHttp {
    public static final String COMPONENT = "platform-http";
    private static final Logger LOG = LoggerFactory.getLogger(PlatformHttp.class);

    private PlatformHttp() {
    }

    /** The context's platform-http component, or null when there is none (or it cannot be made: logged). */
    public static Component lookup(CamelContext context) {
        try {
            return context.getComponent(COMPONENT);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            LOG.warn("{} component could not be created: {}", COMPONENT, cause.getMessage());
            return null;
        }
    }
}
