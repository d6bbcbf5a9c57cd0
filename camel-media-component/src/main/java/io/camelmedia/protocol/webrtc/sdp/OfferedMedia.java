package io.camelmedia.protocol.webrtc.sdp;

import java.util.List;

import io.camelmedia.frame.MediaType;
import io.camelmedia.protocol.rtp.sdp.Direction;
import io.camelmedia.protocol.rtp.sdp.MediaDescription;

/**
 * One m-line of a WebRTC offer.
 *
 * @param kind  VIDEO or AUDIO (null for application/data m-lines, which are always rejected)
 * @param ssrcs the primary SSRCs it announces ({@code a=ssrc}), RTX/FEC ones of {@code a=ssrc-group} left out
 */
public record OfferedMedia(int index, String mid, MediaType kind, Direction direction, List<OfferedCodec> codecs,
                           List<Long> ssrcs, MediaDescription description) {
    public OfferedMedia {
        codecs = List.copyOf(codecs);
        ssrcs = List.copyOf(ssrcs);
    }
}
