package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.protocol.rtp.RtpException;

import java.util.List;

/**
 * Opus (RFC 7587 §4.2) and G.711 (RFC 3551 §4.5.14): the frame is the payload. A frame over the payload
 * size cannot be split (an Opus packet is indivisible; G.711 samples would need their own timestamps), so
 * it fails: send 20 ms frames (160 bytes of G.711, under 1275 of Opus).
 */
public final class FramePerPacketPacketizer implements Packetizer {
    @Override
    public List<byte[]> packetize(MediaFrame frame, int maxPayloadSize) {
        if (frame.payloadLength() > maxPayloadSize) {
            throw new RtpException(frame.codec() + " frame of " + frame.payloadLength() + " bytes exceeds the payload size "
                    + maxPayloadSize + " and is not split");
        }
        return frame.payloadLength() == 0 ? List.of() : List.of(frame.payloadBytes());
    }
}
