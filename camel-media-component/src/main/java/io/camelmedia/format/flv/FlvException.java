package io.camelmedia.format.flv;

/** An FLV tag (or RTMP audio/video message body) is malformed; the message says which field and why. */
public class FlvException extends RuntimeException {
    public FlvException(String message) {
        super(message);
    }

    public FlvException(String message, Throwable cause) {
        super(message, cause);
    }
}
