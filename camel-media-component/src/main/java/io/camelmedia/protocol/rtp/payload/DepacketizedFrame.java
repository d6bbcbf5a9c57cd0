package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.frame.BitstreamFormat;

import java.util.Objects;

/**
 * One access unit or audio frame out of a {@link Depacketizer}.
 *
 * @param rtpTimestamp the frame's RTP timestamp, 32 bits unsigned (0..2^32-1) as on the wire; the caller
 *                     unwraps it ({@code RtpTimestampUnwrapper}). Audio frames after the first in one
 *                     packet carry the packet timestamp plus their offset, modulo 2^32.
 * @param payload      the frame, owned by the receiver: H.264/H.265 as {@link BitstreamFormat#AVCC} with
 *                     4-byte lengths (every NAL unit received, parameter sets included); other codecs
 *                     {@link BitstreamFormat#RAW} (the codec's own frame)
 * @param format       how {@code payload} is framed
 * @param keyframe     a decoder can start here (H.264 IDR, H.265 IRAP, VP8/VP9/AV1 key frame; always true for audio)
 */
public record DepacketizedFrame(long rtpTimestamp, byte[] payload, BitstreamFormat format, boolean keyframe) {
    public DepacketizedFrame {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(format, "format");
    }

    @Override
    public String toString() {
        return "DepacketizedFrame[ts=" + rtpTimestamp + " " + format + " " + payload.length + "B" + (keyframe ? " key" : "") + "]";
    }
}
