package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.vp9.FrameHeader;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.protocol.rtp.RtpException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * VP9 frames into RTP payloads (RFC 9628 §4) in non-flexible mode: every payload starts with a descriptor
 * with I=1 and a 15-bit picture id that increments per frame, P=0 on key frames, B on the first and E on the
 * last payload of the frame. The first payload of a key frame also carries the scalability structure with
 * the frame size (V=1, one spatial layer, §4.2.1), as libwebrtc sends it, so a receiver learns the size
 * before decoding. Single layer only: no layer indices. The caller sets the marker bit on the last payload.
 */
public final class Vp9Packetizer implements Packetizer {
    private static final int DESCRIPTOR_LENGTH = 3;

    private int pictureId;

    /** Starts at a random picture id. */
    public Vp9Packetizer() {
        this(ThreadLocalRandom.current().nextInt(Vp9PayloadDescriptor.PICTURE_ID_MODULUS));
    }

    public Vp9Packetizer(int initialPictureId) {
        this.pictureId = initialPictureId & (Vp9PayloadDescriptor.PICTURE_ID_MODULUS - 1);
    }

    /** The picture id the next frame gets. */
    public int nextPictureId() {
        return pictureId;
    }

    @Override
    public List<byte[]> packetize(MediaFrame frame, int maxPayloadSize) {
        int size = frame.payloadLength();
        if (size == 0) {
            throw RtpException.invalid("VP9 packetizer", "frame size", 0, "an empty frame cannot be sent", 0);
        }
        Vp9ScalabilityStructure ss = frame.keyframe() ? scalabilityStructure(frame) : null;
        int first = DESCRIPTOR_LENGTH + (ss == null ? 0 : ss.encodedLength());
        if (maxPayloadSize <= first) {
            throw RtpException.invalid("VP9 packetizer", "maxPayloadSize", maxPayloadSize,
                    "must exceed the " + first + "-byte descriptor", 0);
        }
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        while (from < size) {
            int header = from == 0 ? first : DESCRIPTOR_LENGTH;
            int n = Math.min(maxPayloadSize - header, size - from);
            boolean end = from + n == size;
            byte[] p = new byte[header + n];
            Vp9PayloadDescriptor.of(!frame.keyframe(), from == 0, end, pictureId, from == 0 ? ss : null).encode(p, 0);
            frame.copyPayload(from, p, header, n);
            out.add(p);
            from += n;
        }
        pictureId = (pictureId + 1) % Vp9PayloadDescriptor.PICTURE_ID_MODULUS;
        return out;
    }

    /** SS with the key frame's size, or null when its header cannot be read (the frame still goes out). */
    private static Vp9ScalabilityStructure scalabilityStructure(MediaFrame frame) {
        byte[] head = new byte[Math.min(frame.payloadLength(), 32)];
        frame.copyPayload(0, head, 0, head.length);
        try {
            FrameHeader h = FrameHeader.decode(head);
            return h.isKeyFrame() ? Vp9ScalabilityStructure.of(h.width(), h.height()) : null;
        } catch (CodecException e) {
            return null;
        }
    }
}
