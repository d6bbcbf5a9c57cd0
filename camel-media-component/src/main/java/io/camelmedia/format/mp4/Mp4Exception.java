package io.camelmedia.format.mp4;

/**
 * The MP4 file writer was given something it cannot write: a codec MP4 does not carry here, a track
 * without its configuration, timestamps going backwards, more samples or bytes than the limits allow.
 * The message names the box or field, the value and the limit.
 */
public class Mp4Exception extends IllegalArgumentException {
    public Mp4Exception(String message) {
        super(message);
    }

    public Mp4Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
