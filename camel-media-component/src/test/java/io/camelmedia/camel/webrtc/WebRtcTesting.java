package io.camelmedia.camel.webrtc;

import java.net.ServerSocket;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/** A Camel context with Platform HTTP (Vert.x) on a free port and the ICE port on a free one. */
final class WebRtcTesting {
    private WebRtcTesting() {
    }

    static int freeTcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A context serving HTTP on {@code httpPort}, whip:/whep: on an ephemeral ICE port. */
    static CamelContext context(int httpPort) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindPort(httpPort);
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(conf);
        camel.addService(server);
        // the engine finds the server's port through the registry (else it assumes 8080)
        camel.getRegistry().bind("vertx-platform-http-server", server);
        WhipComponent whip = new WhipComponent();
        whip.setIcePort(0);
        whip.setIceTcp(false);
        whip.setAdditionalHosts("127.0.0.1");
        camel.addComponent("whip", whip);
        WhepComponent whep = new WhepComponent();
        whep.setIcePort(0);
        whep.setIceTcp(false);
        whep.setAdditionalHosts("127.0.0.1");
        camel.addComponent("whep", whep);
        return camel;
    }
}
