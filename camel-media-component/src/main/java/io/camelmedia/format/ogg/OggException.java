package io.camelmedia.format.ogg;

/**
 * An Ogg stream could not be read or written: a malformed or truncated page (capture pattern, version,
 * segment table, CRC), a length past a limit, or a packet the writer cannot take. The message names the
 * field, the value, the limit and the byte offset.
 */
public class OggException extends IllegalArgumentException {
    public OggException(String message) {
        super(message);
    }

    public OggException(String message, Throwable cause) {
        super(message, cause);
    }

    static OggException invalid(String field, long value, String why, long offset) {
        return new OggException("Ogg page: " + field + " " + value + " is invalid (" + why + ") at offset " + offset);
    }

    static OggException truncated(String field, long needed, long left, long offset) {
        return new OggException("Ogg page: " + field + " needs " + needed + " bytes but only " + left
                + " are left at offset " + offset);
    }
}
