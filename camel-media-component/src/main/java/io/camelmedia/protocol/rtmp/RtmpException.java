package io.camelmedia.protocol.rtmp;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The peer broke the RTMP protocol or a limit; the connection is closed. {@link #reason()} is the counter it
 * is counted under; the message names the field, its value, the limit and where it was found.
 */
public class RtmpException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    private final RtmpRejectReason reason;

    public RtmpException(RtmpRejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RtmpRejectReason reason() {
        return reason;
    }
}
