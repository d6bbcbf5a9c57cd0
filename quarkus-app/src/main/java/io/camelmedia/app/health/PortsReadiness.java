package io.camelmedia.app.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

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
 * {@code /q/health/ready}: up when the Camel context and every route have started and the configured ingest ports
 * are bound (RTMP accepts a TCP connection on its port, the SRT listener holds its UDP port). HTTP is up by
 * definition when this answers.
 */
@Readiness
@ApplicationScoped
public class PortsReadiness implements HealthCheck {
    private final CamelContext camel;
    @ConfigProperty(name = "camel.media.rtmp.port", defaultValue = "1935")
    int rtmpPort;
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
        boolean rtmp = listening(rtmpPort);
        r.withData("rtmp " + rtmpPort, rtmp ? "bound" : "not bound");
        int srt = camel.getComponent("srt", SrtComponent.class).boundPort(srtHost, srtPort);
        r.withData("srt " + srtPort, srt > 0 ? "bound" : "not bound");
        return r.status(up && rtmp && srt > 0).build();
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
