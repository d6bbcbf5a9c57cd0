package io.camelmedia.protocol.rtp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One media section (RFC 8866 §5.14): {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...} and the
 * lines after it up to the next {@code m=}. The typed accessors read the attributes RTP needs; all others
 * are kept in {@link #attributes()} in order.
 */
public final class MediaDescription {
    private final String media;
    private final int port;
    private final int numberOfPorts;
    private final String proto;
    private final List<String> formats;
    private final SdpConnection connection;
    private final List<String> bandwidths;
    private final List<SdpAttribute> attributes;

    MediaDescription(String media, int port, int numberOfPorts, String proto, List<String> formats,
                     SdpConnection connection, List<String> bandwidths, List<SdpAttribute> attributes) {
        this.media = Objects.requireNonNull(media, "media");
        this.port = port;
        this.numberOfPorts = numberOfPorts;
        this.proto = Objects.requireNonNull(proto, "proto");
        this.formats = List.copyOf(formats);
        this.connection = connection;
        this.bandwidths = List.copyOf(bandwidths);
        this.attributes = List.copyOf(attributes);
    }

    public static Builder builder(String media, int port, String proto) {
        return new Builder(media, port, proto);
    }

    /** {@code audio}, {@code video}, {@code application}... */
    public String media() {
        return media;
    }

    public int port() {
        return port;
    }

    /** The {@code /<number of ports>} of the m= line, 1 when absent. */
    public int numberOfPorts() {
        return numberOfPorts;
    }

    /** {@code RTP/AVP}, {@code RTP/AVPF}, {@code UDP/TLS/RTP/SAVPF}... */
    public String proto() {
        return proto;
    }

    /** The fmt list: RTP payload types as text. */
    public List<String> formats() {
        return formats;
    }

    /** The payload types of the fmt list that are numbers 0..127 (RTP profiles), in order. */
    public List<Integer> payloadTypes() {
        List<Integer> pts = new ArrayList<>();
        for (String f : formats) {
            try {
                int pt = Integer.parseInt(f);
                if (pt >= 0 && pt <= 127) {
                    pts.add(pt);
                }
            } catch (NumberFormatException e) {
                // not an RTP format (e.g. "webrtc-datachannel"): not a payload type
            }
        }
        return pts;
    }

    /** This section's own {@code c=}; see {@link SessionDescription#connectionOf}. */
    public Optional<SdpConnection> connection() {
        return Optional.ofNullable(connection);
    }

    /** {@code b=} values as written ({@code AS:152}). */
    public List<String> bandwidths() {
        return bandwidths;
    }

    public List<SdpAttribute> attributes() {
        return attributes;
    }

    /** The value of the first attribute named {@code name} (empty string for a flag), if any. */
    public Optional<String> attribute(String name) {
        for (SdpAttribute a : attributes) {
            if (a.name().equals(name)) {
                return Optional.of(a.value() == null ? "" : a.value());
            }
        }
        return Optional.empty();
    }

    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** The {@code a=rtpmap} of {@code payloadType}, or the static assignment of RFC 3551 table 4/5. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        for (SdpAttribute a : attributes) {
            if (a.name().equals("rtpmap") && a.value() != null) {
                RtpMap m = RtpMap.parse(0, a.value());
                if (m.payloadType() == payloadType) {
                    return Optional.of(m);
                }
            }
        }
        return StaticPayloadTypes.rtpMap(payloadType);
    }

    /** The {@code a=fmtp} of {@code payloadType}, if any. */
    public Optional<Fmtp> fmtp(int payloadType) {
        for (SdpAttribute a : attributes) {
            if (a.name().equals("fmtp") && a.value() != null) {
                Fmtp f = Fmtp.parse(0, a.value());
                if (f.payloadType() == payloadType) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The RTCP port: {@code a=rtcp:<port>} (RFC 3605), else the RTP port + 1 (RFC 3550 §11); the RTP port if muxed. */
    public int rtcpPort() {
        if (rtcpMux()) {
            return port;
        }
        Optional<String> rtcp = attribute("rtcp");
        if (rtcp.isPresent()) {
            String v = rtcp.get().trim();
            int sp = v.indexOf(' ');
            return SdpParser.number(0, "a", "rtcp port", sp < 0 ? v : v.substring(0, sp), 0, 65535);
        }
        return port + 1;
    }

    /** {@code a=rtcp-mux} (RFC 5761): RTCP on the RTP port. */
    public boolean rtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** {@code a=control} (RTSP, RFC 7826 appendix C.1.1), if any. */
    public Optional<String> control() {
        return attribute("control");
    }

    /** The last direction attribute, {@link Direction#SENDRECV} if none (RFC 8866 §6.7). */
    public Direction direction() {
        Direction d = Direction.SENDRECV;
        for (SdpAttribute a : attributes) {
            Direction x = a.value() == null ? Direction.ofAttribute(a.name()) : null;
            if (x != null) {
                d = x;
            }
        }
        return d;
    }

    void write(StringBuilder sb) {
        sb.append("m=").append(media).append(' ').append(port);
        if (numberOfPorts != 1) {
            sb.append('/').append(numberOfPorts);
        }
        sb.append(' ').append(proto);
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        sb.append("\r\n");
        if (connection != null) {
            sb.append("c=").append(connection).append("\r\n");
        }
        for (String b : bandwidths) {
            sb.append("b=").append(b).append("\r\n");
        }
        for (SdpAttribute a : attributes) {
            sb.append("a=").append(a).append("\r\n");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        write(sb);
        return sb.toString();
    }

    /** Builds a media section; typed helpers add the attributes in the usual order. */
    public static final class Builder {
        private final String media;
        private final int port;
        private final String proto;
        private int numberOfPorts = 1;
        private final List<String> formats = new ArrayList<>();
        private SdpConnection connection;
        private final List<String> bandwidths = new ArrayList<>();
        private final List<SdpAttribute> attributes = new ArrayList<>();

        private Builder(String media, int port, String proto) {
            this.media = media;
            this.port = port;
            this.proto = proto;
        }

        public Builder numberOfPorts(int n) {
            this.numberOfPorts = n;
            return this;
        }

        public Builder format(String fmt) {
            formats.add(fmt);
            return this;
        }

        public Builder connection(SdpConnection c) {
            this.connection = c;
            return this;
        }

        public Builder bandwidth(String b) {
            bandwidths.add(b);
            return this;
        }

        public Builder attribute(String name, String value) {
            attributes.add(new SdpAttribute(name, value));
            return this;
        }

        public Builder flag(String name) {
            attributes.add(SdpAttribute.flag(name));
            return this;
        }

        /** Adds the payload type to the fmt list and its {@code a=rtpmap}. */
        public Builder rtpMap(RtpMap map) {
            formats.add(String.valueOf(map.payloadType()));
            return attribute("rtpmap", map.value());
        }

        public Builder fmtp(Fmtp fmtp) {
            return fmtp.parameters().isEmpty() ? this : attribute("fmtp", fmtp.value());
        }

        public Builder direction(Direction d) {
            return flag(d.attribute());
        }

        public Builder control(String url) {
            return attribute("control", url);
        }

        public Builder rtcpMux() {
            return flag("rtcp-mux");
        }

        public MediaDescription build() {
            return new MediaDescription(media, port, numberOfPorts, proto, formats, connection, bandwidths, attributes);
        }
    }
}
