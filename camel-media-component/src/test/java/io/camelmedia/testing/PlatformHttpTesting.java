package io.camelmedia.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/** A Camel context with Camel Platform HTTP (Vert.x) on a given port, as the app has it on 8080. */
public final class PlatformHttpTesting {
    private PlatformHttpTesting() {
    }

    public static CamelContext context(int httpPort) {
        CamelContext camel = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindPort(httpPort);
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(conf);
        try {
            camel.addService(server);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // the engine finds the server's port through the registry (else it assumes 8080)
        camel.getRegistry().bind("vertx-platform-http-server", server);
        return camel;
    }
}
