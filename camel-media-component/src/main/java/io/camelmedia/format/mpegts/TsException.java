package io.camelmedia.format.mpegts;

/**
 * A frame or track cannot be carried in an MPEG-TS: unknown track, unsupported codec, a payload over a
 * field's limit. The message names the field, the value, the limit and the track.
 */
public class TsException extends RuntimeException {
    public TsException(String message) {
        super(message);
    }

    public TsException(String message, Throwable cause) {
        super(message, cause);
    }
}
