package io.camelmedia.protocol.webrtc.ice;

/**
 * A host candidate of the server (RFC 8839 §5.1 syntax; ICE-TCP passive per RFC 6544 §4.5).
 *
 * @param foundation same for candidates of one base and type
 * @param transport  {@code udp} or {@code tcp}
 * @param priority   RFC 8445 §5.1.2.1: (2^24)*type pref + (2^8)*local pref + (256 - component)
 */
public record IceCandidate(String foundation, String transport, long priority, String address, int port) {
    /** Host candidates: type preference 126 (RFC 8445 §5.1.2.2). */
    static final int HOST_TYPE_PREFERENCE = 126;

    /** The priority of a host candidate of component 1 with {@code localPreference} (0..65535). */
    static long hostPriority(int localPreference) {
        return (1L << 24) * HOST_TYPE_PREFERENCE + (1L << 8) * localPreference + (256 - 1);
    }

    /** The {@code a=candidate} value, e.g. {@code candidate:1 1 udp 2130706431 10.0.0.2 8189 typ host}. */
    public String sdpValue() {
        return "candidate:" + foundation + " 1 " + transport + " " + priority + " " + address + " " + port + " typ host"
                + ("tcp".equals(transport) ? " tcptype passive" : "");
    }
}
