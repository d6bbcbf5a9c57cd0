package io.camelmedia.protocol.rtp.sdp;

/** The media direction attributes of RFC 8866 §6.7 (closed set); {@link #SENDRECV} when none is given. */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String attribute;

    Direction(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }

    /** The direction an attribute name stands for, or null when it is not one. */
    public static Direction ofAttribute(String name) {
        for (Direction d : values()) {
            if (d.attribute.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
