package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.protocol.rtp.RtpException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * VP8 frames into RTP payloads (RFC 7741 §4): each payload is a 4-byte descriptor (X=1, S=1 and PID=0 on the
 * first packet of the frame, I=1 with a 15-bit PictureID that increments per frame, §4.2) and then the next
 * slice of the frame. Partitions are not aligned to packets (allowed, §4.4); the caller sets the marker bit
 * on the last payload.
 */
public final class Vp8Packetizer implements Packetizer {
    private static final int DESCRIPTOR_LENGTH = 4;

    private int pictureId;

    /** Starts at a random PictureID (RFC 7741 §4.2 recommends a random start, as for sequence numbers). */
    public Vp8Packetizer() {
        this(ThreadLocalRandom.current().nextInt(Vp8PayloadDescriptor.PICTURE_ID_MODULUS));
    }

    public Vp8Packetizer(int initialPictureId) {
        this.pictureId = initialPictureId & (Vp8PayloadDescriptor.PICTURE_ID_MODULUS - 1);
    }

    /** The PictureID the next frame gets. */
    public int nextPictureId() {
        return pictureId;
    }

    @Override
    public List<byte[]> packetize(MediaFrame frame, int maxPayloadSize) {
        if (maxPayloadSize <= DESCRIPTOR_LENGTH) {
            throw RtpException.invalid("VP8 packetizer", "maxPayloadSize", maxPayloadSize,
                    "must exceed the " + DESCRIPTOR_LENGTH + "-byte descriptor", 0);
        }
        int size = frame.payloadLength();
        if (size == 0) {
            throw RtpException.invalid("VP8 packetizer", "frame size", 0, "an empty frame cannot be sent", 0);
        }
        int chunk = maxPayloadSize - DESCRIPTOR_LENGTH;
        List<byte[]> out = new ArrayList<>((size + chunk - 1) / chunk);
        for (int from = 0; from < size; from += chunk) {
            int n = Math.min(chunk, size - from);
            byte[] p = new byte[DESCRIPTOR_LENGTH + n];
            Vp8PayloadDescriptor.of(from == 0, pictureId).encode(p, 0);
            frame.copyPayload(from, p, DESCRIPTOR_LENGTH, n);
            out.add(p);
        }
        pictureId = (pictureId + 1) % Vp8PayloadDescriptor.PICTURE_ID_MODULUS;
        return out;
    }
}
