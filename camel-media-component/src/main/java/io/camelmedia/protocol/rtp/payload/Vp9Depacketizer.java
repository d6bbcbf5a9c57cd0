package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.vp9.FrameHeader;
import io.camelmedia.protocol.rtp.RtpPacket;

import java.util.List;

/**
 * VP9 frames out of RTP (RFC 9628). A frame begins at a packet with B=1 and ends at one with E=1 (§4.2; the
 * marker bit, set at the end of a whole picture, also ends it), all packets sharing one timestamp. Both
 * flexible and non-flexible descriptors and the scalability structure are read; the frame is delivered as the
 * VP9 frame (or superframe) as WebM and IVF store it ({@code RAW}).
 *
 * <p>Key frame: P=0 on the B packet of spatial layer 0 (§4.2) and the frame's uncompressed header says
 * KEY_FRAME ({@link FrameHeader}): P=0 alone also marks intra-only frames, and ffmpeg's packetizer never
 * sets P at all. With spatial layers, each layer frame is delivered on its own (same timestamp); only
 * layer 0 can be a key frame.
 */
public final class Vp9Depacketizer extends VideoDepacketizer {
    private boolean keyCandidate;

    public Vp9Depacketizer() {
        this(DEFAULT_MAX_FRAME_SIZE);
    }

    public Vp9Depacketizer(int maxFrameSize) {
        super(maxFrameSize);
    }

    @Override
    protected List<DepacketizedFrame> depacketize(RtpPacket packet) {
        Vp9PayloadDescriptor d = Vp9PayloadDescriptor.decode(packet);
        if (d.startOfFrame()) {
            startFrame(packet.timestamp());
            keyCandidate = !d.interPicturePredicted() && d.spatialId() == 0;
        } else if (!inFrame()) {
            orphan();
            return List.of();
        } else if (packet.timestamp() != frameTimestamp()) {
            // §4.2: the end of the old frame (E) never came although no packet was missing
            drop(DropReason.MALFORMED);
            return List.of();
        }
        if (!append(packet, d.length(), packet.payloadLength() - d.length())) {
            return List.of();
        }
        if (!d.endOfFrame() && !packet.marker()) {
            return List.of();
        }
        boolean key = keyCandidate && FrameHeader.decode(frameBuffer(), 0, frameLength()).isKeyFrame();
        return endFrame(key);
    }
}
