package io.camelmedia.protocol.mjr;

import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.payload.Av1Depacketizer;
import io.camelmedia.protocol.rtp.payload.Depacketizer;
import io.camelmedia.protocol.rtp.payload.FramePerPacketDepacketizer;
import io.camelmedia.protocol.rtp.payload.H264Depacketizer;
import io.camelmedia.protocol.rtp.payload.H265Depacketizer;
import io.camelmedia.protocol.rtp.payload.Vp8Depacketizer;
import io.camelmedia.protocol.rtp.payload.Vp9Depacketizer;

/**
 * The {@link DepacketizerFactory} over the RTP payload formats of {@code protocol.rtp.payload} — the same
 * depacketizers {@code rtp:} uses, one implementation:
 *
 * <ul>
 *   <li>H.264 (RFC 6184, packetization-mode 0/1: Janus negotiates mode 1 with browsers), H.265 (RFC 7798,
 *       no DONL: Janus never offers sprop-max-don-diff), VP8 (RFC 7741), VP9 (RFC 9628 draft as browsers send
 *       it), AV1 (AV1 RTP spec v1.0);</li>
 *   <li>Opus/multiopus (RFC 7587), G.711 (RFC 3551 §4.5.14), G.722 (RFC 3551 §4.5.2) and L16 (§4.5.11):
 *       one frame per packet — the payload is the frame.</li>
 * </ul>
 * Data recordings need none (their messages are not RTP). Stateless; every call makes a new depacketizer.
 */
public final class MjrDepacketizers implements DepacketizerFactory {
    /** The factory to use. */
    public static final MjrDepacketizers DEFAULT = new MjrDepacketizers(Depacketizer.DEFAULT_MAX_FRAME_SIZE);

    private final int maxFrameSize;

    /** @param maxFrameSize bound on one reassembled video frame (a larger one is dropped and counted) */
    public MjrDepacketizers(int maxFrameSize) {
        if (maxFrameSize < 1) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public Depacketizer create(MjrCodec codec, MjrHeader header) {
        return switch (codec) {
            case H264 -> new H264Depacketizer(maxFrameSize);
            case H265 -> new H265Depacketizer(maxFrameSize, false);
            case VP8 -> new Vp8Depacketizer(maxFrameSize);
            case VP9 -> new Vp9Depacketizer(maxFrameSize);
            case AV1 -> new Av1Depacketizer(maxFrameSize);
            case OPUS, MULTIOPUS -> FramePerPacketDepacketizer.opus();
            case G711, PCMU, PCMA, G722, L16, L16_48K -> new FramePerPacketDepacketizer(RtpPacket.MAX_PACKET_LENGTH);
            case TEXT, BINARY -> null;
        };
    }
}
