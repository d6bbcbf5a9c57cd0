package io.camelmedia.protocol.webrtc.sdp;

import java.util.List;

import io.camelmedia.protocol.rtp.sdp.Fmtp;
import io.camelmedia.protocol.rtp.sdp.RtpMap;

/**
 * One payload type of an offered m-line.
 *
 * @param rtcpFb               its {@code a=rtcp-fb} values ("nack", "nack pli", "ccm fir", "transport-cc"...)
 * @param rtxPayloadTypeOrNull the RTX payload type whose {@code apt} is this one (RFC 4588), or null
 */
public record OfferedCodec(int payloadType, RtpMap rtpMap, Fmtp fmtpOrNull, List<String> rtcpFb,
                           Integer rtxPayloadTypeOrNull) {
    public OfferedCodec {
        rtcpFb = List.copyOf(rtcpFb);
    }

    public boolean hasFeedback(String fb) {
        return rtcpFb.contains(fb);
    }
}
