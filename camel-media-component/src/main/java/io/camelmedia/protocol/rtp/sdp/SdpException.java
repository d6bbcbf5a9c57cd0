package io.camelmedia.protocol.rtp.sdp;

import io.camelmedia.protocol.rtp.RtpException;

/**
 * A session description is malformed or over a limit: the message names the line number, the field and
 * the value, e.g. "SDP line 7 (m=): port 'abc' is not a number".
 */
public class SdpException extends RtpException {
    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }

    static SdpException atLine(int line, String type, String what) {
        return new SdpException("SDP line " + line + " (" + type + "=): " + what);
    }
}
