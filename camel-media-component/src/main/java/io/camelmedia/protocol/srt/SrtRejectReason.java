package io.camelmedia.protocol.srt;

/**
 * Why a handshake was refused. On the wire the conclusion response's handshake type is 1000 + code: SRT_REJ_*
 * (0-16, libsrt's {@code srt.h}) and the access-control codes 1000 + SRT_REJX_* (HTTP-like, {@code access_control.h}).
 */
public enum SrtRejectReason {
    UNKNOWN(0, "unknown"),
    SYSTEM(1, "system error"),
    PEER(2, "rejected by peer"),
    RESOURCE(3, "resource allocation problem"),
    ROGUE(4, "incorrect data in handshake"),
    BACKLOG(5, "listener's backlog exceeded"),
    IPE(6, "internal program error"),
    CLOSE(7, "socket is closing"),
    VERSION(8, "peer version too old"),
    RDVCOOKIE(9, "rendezvous cookie collision"),
    BADSECRET(10, "wrong passphrase"),
    UNSECURE(11, "passphrase required or unexpected"),
    MESSAGEAPI(12, "stream/message API collision"),
    CONGESTION(13, "incompatible congestion control"),
    FILTER(14, "incompatible packet filter"),
    GROUP(15, "incompatible group"),
    TIMEOUT(16, "connection timeout"),
    BAD_REQUEST(1400, "bad stream id"),
    UNAUTHORIZED(1401, "unauthorized"),
    OVERLOAD(1402, "too many connections"),
    FORBIDDEN(1403, "forbidden"),
    NOTFOUND(1404, "stream not found"),
    BAD_MODE(1405, "mode not supported"),
    CONFLICT(1409, "stream already publishing");

    private final int code;
    private final String description;

    SrtRejectReason(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The handshake type that carries this rejection. */
    public int handshakeType() {
        return SrtHandshake.REJECTION_BASE + code;
    }

    /** The reason a rejection handshake type carries; UNKNOWN for codes we don't name. */
    public static SrtRejectReason ofHandshakeType(int type) {
        int code = type - SrtHandshake.REJECTION_BASE;
        for (SrtRejectReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return UNKNOWN;
    }

    /** "wrong passphrase (1010)" style text for logs. */
    public static String describe(int handshakeType) {
        SrtRejectReason r = ofHandshakeType(handshakeType);
        return (r == UNKNOWN ? "rejected" : r.description) + " (" + handshakeType + ")";
    }
}
