package io.camelmedia.protocol.rtp;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * An RTP packet (or a payload inside one) is malformed. RTP is a stream format: the packet is dropped and
 * counted, the stream goes on. The message names the field, the value found, the limit and the offset,
 * e.g. "RTP header: CSRC count 15 needs 60 bytes but only 8 are left at offset 12".
 */
public class RtpException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    public RtpException(String message) {
        super(message);
    }

    /** "Structure: field needs N bytes but only M are left at offset K". */
    public static RtpException truncated(String structure, String field, long needed, long left, int offset) {
        return new RtpException(structure + ": " + field + " needs " + needed + " bytes but only " + left
                + " are left at offset " + offset);
    }

    /** "Structure: field value is invalid (why) at offset N". */
    public static RtpException invalid(String structure, String field, long value, String why, int offset) {
        return new RtpException(structure + ": " + field + " " + value + " is invalid (" + why + ") at offset "
                + offset);
    }

    /** "Structure: field value exceeds the limit L at offset N". */
    public static RtpException limit(String structure, String field, long value, long limit, int offset) {
        return new RtpException(structure + ": " + field + " " + value + " exceeds the limit " + limit
                + " at offset " + offset);
    }
}
