package io.camelmedia.protocol.rtp.sdp;

import java.util.Objects;

/**
 * One {@code a=} line (RFC 8866 §5.13): a property attribute {@code a=<name>} ({@code value} null) or a
 * value attribute {@code a=<name>:<value>}. Unknown attributes are kept as they are.
 */
public record SdpAttribute(String name, String value) {
    public SdpAttribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name is empty");
        }
    }

    public static SdpAttribute flag(String name) {
        return new SdpAttribute(name, null);
    }

    static SdpAttribute parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new SdpAttribute(text, null) : new SdpAttribute(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }
}
