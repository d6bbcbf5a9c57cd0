package io.camelmedia.protocol.webrtc.stun;

/** A malformed STUN message (RFC 8489): the message says which field, value and offset. */
public final class StunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StunException(String message) {
        super(message, null, false, false);
    }
}
