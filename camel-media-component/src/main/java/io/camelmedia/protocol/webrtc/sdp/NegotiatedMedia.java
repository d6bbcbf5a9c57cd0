package io.camelmedia.protocol.webrtc.sdp;

import io.camelmedia.frame.Track;

/**
 * What the answer says of one offered m-line.
 *
 * @param codec     the payload type chosen, or null when the m-line is rejected
 * @param track     ingest: the track the payload type describes; egress: the stream's track sent on it
 * @param localSsrc egress: the SSRC we send with (announced in the answer), else 0
 */
public record NegotiatedMedia(OfferedMedia offered, boolean accepted, OfferedCodec codec, Track track, long localSsrc,
                              boolean nack, boolean pli, boolean fir) {
    static NegotiatedMedia rejected(OfferedMedia m) {
        return new NegotiatedMedia(m, false, null, null, 0, false, false, false);
    }
}
