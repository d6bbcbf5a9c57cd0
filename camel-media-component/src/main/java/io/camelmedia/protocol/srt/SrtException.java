package io.camelmedia.protocol.srt;

/** An SRT packet or handshake that breaks the protocol; the message says what and where. */
public class SrtException extends RuntimeException {
    private final transient SrtRejectReason reason;

    public SrtException(String message) {
        this(message, null);
    }

    public SrtException(String message, SrtRejectReason reason) {
        super(message);
        this.reason = reason;
    }

    /** Why the peer refused the connection, when that is what this says; else null. */
    public SrtRejectReason reason() {
        return reason;
    }
}
