package io.camelmedia.protocol.rtp.rtcp;

import io.camelmedia.protocol.rtp.RtpException;

/**
 * An RTCP compound packet is malformed (RFC 3550 §6.4, Appendix A.2 validity checks): the message names the
 * packet type, the field, the value, the limit and the offset in the compound packet, with a hex snippet.
 */
public class RtcpException extends RtpException {
    private static final long serialVersionUID = 1L;

    public RtcpException(String message) {
        super(message);
    }

    static RtcpException truncatedField(String structure, String field, long needed, long left, int offset, byte[] buf, int abs) {
        return new RtcpException(structure + ": " + field + " needs " + needed + " bytes but only " + left
                + " are left at offset " + offset + hex(buf, abs, left));
    }

    static RtcpException invalidField(String structure, String field, long value, String why, int offset) {
        return new RtcpException(structure + ": " + field + " " + value + " is invalid (" + why + ") at offset " + offset);
    }

    private static String hex(byte[] buf, int from, long left) {
        int n = (int) Math.min(8, Math.max(0, Math.min(left, buf.length - (long) from)));
        StringBuilder sb = new StringBuilder(n == 0 ? "" : " [");
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", buf[from + i] & 0xFF));
        }
        return n == 0 ? "" : sb.append(']').toString();
    }
}
