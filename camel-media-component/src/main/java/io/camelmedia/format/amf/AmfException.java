package io.camelmedia.format.amf;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * AMF0 input is malformed or beyond a limit. The message names the marker, the byte offset (from the start
 * of the decoded region) and, for limits, the value and the limit.
 */
public class AmfException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    public AmfException(String message) {
        super(message);
    }

    static AmfException limit(String what, long value, long limit, int marker, int offset) {
        return new AmfException(what + " " + value + " exceeds limit " + limit + " (marker "
                + Amf0Marker.describe(marker) + " at offset " + offset + ")");
    }

    static AmfException truncated(String what, long needed, long available, int marker, int offset) {
        return new AmfException(what + " needs " + needed + " bytes but " + available + " remain (marker "
                + Amf0Marker.describe(marker) + " at offset " + offset + ")");
    }
}
