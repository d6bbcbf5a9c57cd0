package io.camelmedia.camel.webrtc;

import io.camelmedia.protocol.webrtc.WebRtcServer;
import io.camelmedia.protocol.webrtc.WebRtcServerConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The one {@link WebRtcServer} (one ICE port, one certificate) of a Camel context, shared by {@code whip:} and
 * {@code whep:}: made by whichever endpoint starts first, with that component's ICE options, and closed when the
 * context stops.
 */
public final class WebRtcServers {
    /** Registry name of the shared server. */
    static final String NAME = "camelMediaWebRtcServer";

    private WebRtcServers() {
    }

    /** The context's server if a whip:/whep: endpoint has started it (for metrics), else empty. */
    public static java.util.Optional<WebRtcServer> running(CamelContext context) {
        return java.util.Optional.ofNullable(context.getRegistry().lookupByNameAndType(NAME, WebRtcServer.class));
    }

    static WebRtcServer of(CamelContext context, WebRtcServerConfig config) throws Exception {
        synchronized (context) {
            WebRtcServer s = context.getRegistry().lookupByNameAndType(NAME, WebRtcServer.class);
            if (s != null) {
                return s;
            }
            WebRtcServer server = new WebRtcServer(config);
            server.start();
            context.getRegistry().bind(NAME, WebRtcServer.class, server);
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    server.close();
                    context.getRegistry().unbind(NAME);
                }
            }, true, true);
            return server;
        }
    }
}
