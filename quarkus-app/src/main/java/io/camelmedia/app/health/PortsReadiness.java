package io.camelmedia.app.health;

import io.camelmedia.camel.srt.SrtComponent;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: up when the Camel context and every route have started - a listening consumer (RTMP,
 * RTP, WHIP) starts only once its port is bound - and the SRT listener holds its UDP port (shared by the srt:
 * endpoints of the routes, so checked on the component). HTTP is up by definition when this answers. No probe
 * connections: they would show up as failed handshakes in the RTMP log.
 */
@Readiness
@ApplicationScoped
public class PortsReadiness implements HealthCheck {
    private final CamelContext camel;
    @ConfigProperty(name = "camel.media.srt.host", defaultValue = "0.0.0.0")
    String srtHost;
    @ConfigProperty(name = "camel.media.srt.port", defaultValue = "8890")
    int srtPort;

    PortsReadiness(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("camel-media ports and routes");
        boolean up = camel.getStatus() == ServiceStatus.Started;
        r.withData("camel", camel.getStatus().name());
        for (Route route : camel.getRoutes()) {
            ServiceStatus s = camel.getRouteController().getRouteStatus(route.getRouteId());
            if (s != ServiceStatus.Started) {
                up = false;
                r.withData("route " + route.getRouteId(), String.valueOf(s));
            }
        }
        int srt = camel.getComponent("srt", SrtComponent.class).boundPort(srtHost, srtPort);
        r.withData("srt " + srtPort, srt > 0 ? "bound" : "not bound");
        return r.status(up && srt > 0).build();
    }
}
