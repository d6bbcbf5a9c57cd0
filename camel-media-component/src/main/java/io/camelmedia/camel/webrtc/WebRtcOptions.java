package io.camelmedia.camel.webrtc;

import java.util.Arrays;
import java.util.List;

import io.camelmedia.protocol.webrtc.WebRtcServerConfig;
import io.camelmedia.protocol.webrtc.ice.IceServerConfig;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;

/**
 * The ICE options {@code whip:} and {@code whep:} both take (component options): they configure the one shared
 * WebRTC server of the context, so set them on either component; the first endpoint to start decides.
 */
public abstract class WebRtcOptions extends DefaultComponent {
    @Metadata(defaultValue = "0.0.0.0", description = "Address the ICE UDP/TCP port binds to")
    private String iceHost = "0.0.0.0";
    @Metadata(defaultValue = "8189", description = "The one UDP port (and ICE-TCP port) every WebRTC session shares")
    private int icePort = 8189;
    @Metadata(defaultValue = "true", description = "Also accept ICE-TCP (RFC 6544, passive) on the same port number")
    private boolean iceTcp = true;
    @Metadata(description = "Comma-separated addresses advertised as host candidates, e.g. the public IP behind NAT"
                            + " (by default every local IPv4 address)")
    private String additionalHosts;
    @Metadata(description = "Comma-separated STUN/TURN URLs sent to clients as Link rel=ice-server headers")
    private String iceServers;
    @Metadata(defaultValue = "1000", description = "Most WebRTC sessions at once (publishers and viewers); more get 503")
    private int maxSessions = 1000;

    WebRtcServerConfig serverConfig() {
        IceServerConfig d = IceServerConfig.defaults();
        IceServerConfig ice = new IceServerConfig(iceHost, icePort, iceTcp, split(additionalHosts), maxSessions,
                d.connectTimeout(), d.consentTimeout(), d.eventLoopThreads());
        return WebRtcServerConfig.defaults().withIce(ice).withIceServers(split(iceServers));
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of()
                : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    public String getIceHost() {
        return iceHost;
    }

    /** Address the ICE UDP/TCP port binds to. */
    public void setIceHost(String iceHost) {
        this.iceHost = iceHost;
    }

    public int getIcePort() {
        return icePort;
    }

    /** The one UDP port (and ICE-TCP port) every WebRTC session shares; 0 picks a free one. */
    public void setIcePort(int icePort) {
        this.icePort = icePort;
    }

    public boolean isIceTcp() {
        return iceTcp;
    }

    /** Also accept ICE-TCP (RFC 6544, passive) on the same port number. */
    public void setIceTcp(boolean iceTcp) {
        this.iceTcp = iceTcp;
    }

    public String getAdditionalHosts() {
        return additionalHosts;
    }

    /** Comma-separated addresses advertised as host candidates (e.g. the public IP behind NAT). */
    public void setAdditionalHosts(String additionalHosts) {
        this.additionalHosts = additionalHosts;
    }

    public String getIceServers() {
        return iceServers;
    }

    /** Comma-separated STUN/TURN URLs sent to clients as Link rel=ice-server headers. */
    public void setIceServers(String iceServers) {
        this.iceServers = iceServers;
    }

    public int getMaxSessions() {
        return maxSessions;
    }

    /** Most WebRTC sessions at once (publishers and viewers); more get 503. */
    public void setMaxSessions(int maxSessions) {
        this.maxSessions = maxSessions;
    }

}
