package io.camelmedia.format.webm;

/**
 * The WebM writer was given something it cannot write: a codec WebM does not carry, a track without the
 * configuration its CodecPrivate needs, a timestamp that does not fit, a value an EBML field cannot hold.
 * The message names the element, the value and the limit.
 */
public class WebmException extends IllegalArgumentException {
    public WebmException(String message) {
        super(message);
    }

    public WebmException(String message, Throwable cause) {
        super(message, cause);
    }
}
