package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.protocol.rtp.RtpPacket;

import java.util.List;

/**
 * VP8 frames out of RTP (RFC 7741). A frame starts at the packet with S=1 and PID=0 (§4.4), runs over
 * packets of the same timestamp and ends at the marker bit (§4.1). The key frame flag is the inverse P bit
 * of the VP8 payload header, the first byte of the frame (§4.3, RFC 6386 §9.1). The frame is delivered as
 * the VP8 bitstream frame ({@code RAW}), as WebM and IVF store it.
 */
public final class Vp8Depacketizer extends VideoDepacketizer {
    /** P bit of the VP8 payload header: 0 for a key frame (RFC 7741 §4.3, "inverse key frame flag"). */
    private static final int INVERSE_KEY_FRAME_BIT = 0x01;

    private boolean keyframe;

    public Vp8Depacketizer() {
        this(DEFAULT_MAX_FRAME_SIZE);
    }

    public Vp8Depacketizer(int maxFrameSize) {
        super(maxFrameSize);
    }

    @Override
    protected List<DepacketizedFrame> depacketize(RtpPacket packet) {
        Vp8PayloadDescriptor d = Vp8PayloadDescriptor.decode(packet);
        if (d.startOfFrame()) {
            startFrame(packet.timestamp());
            keyframe = (packet.payloadByte(d.length()) & INVERSE_KEY_FRAME_BIT) == 0;
        } else if (!inFrame()) {
            orphan();
            return List.of();
        } else if (packet.timestamp() != frameTimestamp()) {
            // §4.1: every packet of a frame carries its timestamp; the marker of the old frame never came
            drop(DropReason.MALFORMED);
            return List.of();
        }
        if (!append(packet, d.length(), packet.payloadLength() - d.length())) {
            return List.of();
        }
        return packet.marker() ? endFrame(keyframe) : List.of();
    }
}
