package io.camelmedia.protocol.webrtc.srtp;

/** An SRTP/SRTCP packet that failed: too short, authentication, replay. */
public final class SrtpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SrtpException(String message) {
        super(message, null, false, false);
    }
}
