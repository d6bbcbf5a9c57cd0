package io.camelmedia.protocol.rtp.sdp;

import java.util.Objects;

/**
 * {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7), e.g. {@code c=IN IP4 127.0.0.1}.
 * A multicast address keeps its {@code /ttl} suffix in {@code address}.
 */
public record SdpConnection(String netType, String addrType, String address) {
    public SdpConnection {
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
    }

    public static SdpConnection ip4(String address) {
        return new SdpConnection("IN", "IP4", address);
    }

    /** The address without a multicast {@code /ttl} or {@code /count} suffix. */
    public String host() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    static SdpConnection parse(int line, String value) {
        String[] f = value.trim().split(" +");
        if (f.length != 3) {
            throw SdpException.atLine(line, "c", "expected '<nettype> <addrtype> <address>', got '" + value + "'");
        }
        return new SdpConnection(f[0], f[1], f[2]);
    }

    @Override
    public String toString() {
        return netType + " " + addrType + " " + address;
    }
}
