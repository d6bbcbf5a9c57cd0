package io.camelmedia.protocol.webrtc.sdp;

/** No m-line of an offer can be accepted: nothing offered is something we can receive or send (HTTP 406). */
public final class NoCommonCodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoCommonCodecException(String message) {
        super(message, null, false, false);
    }
}
