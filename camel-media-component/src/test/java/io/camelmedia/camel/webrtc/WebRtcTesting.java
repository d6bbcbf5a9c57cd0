package io.camelmedia.camel.webrtc;

import java.net.ServerSocket;

import io.camelmedia.testing.PlatformHttpTesting;
import org.apache.camel.CamelContext;

/** A Camel context with Platform HTTP (Vert.x) on a free port and the ICE port on a free one. */
public final class WebRtcTesting {
    private WebRtcTesting() {
    }

    public static int freeTcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static int freeUdpPort() throws Exception {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A context serving HTTP on {@code httpPort}, whip:/whep: on an ephemeral ICE port. */
    public static CamelContext context(int httpPort) throws Exception {
        return context(httpPort, 0, "127.0.0.1");
    }

    /** As above, ICE on {@code icePort} advertising {@code hosts} ({@code host} or {@code host:port}). */
    static CamelContext context(int httpPort, int icePort, String hosts) throws Exception {
        CamelContext camel = PlatformHttpTesting.context(httpPort);
        WhipComponent whip = new WhipComponent();
        whip.setIcePort(icePort);
        whip.setIceTcp(false);
        whip.setAdditionalHosts(hosts);
        camel.addComponent("whip", whip);
        WhepComponent whep = new WhepComponent();
        whep.setIcePort(icePort);
        whep.setIceTcp(false);
        whep.setAdditionalHosts(hosts);
        camel.addComponent("whep", whep);
        return camel;
    }
}
