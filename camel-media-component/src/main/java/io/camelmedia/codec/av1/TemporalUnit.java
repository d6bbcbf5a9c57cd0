package io.camelmedia.codec.av1;

import java.util.ArrayList;
import java.util.List;

import io.camelmedia.codec.bits.BitReader;
import io.camelmedia.codec.bits.ByteReader;
import io.camelmedia.codec.bits.Errors;

/**
 * A temporal unit in the low-overhead bitstream format of the AV1 specification 5.2 / 7.5, as MP4 samples
 * (AV1 ISOBMFF binding 2.4), FLV and WebRTC depacketizers carry it: OBUs one after another, each with
 * obu_size (the last one may omit it and extend to the end).
 */
public final class TemporalUnit {
    private static final String STRUCTURE = "AV1 temporal unit";
    /** Largest temporal unit accepted: 8 MiB, as for H.264 access units (8K intra at high bit rate). */
    public static final int MAX_SIZE = 8 * 1024 * 1024;
    /**
     * Most OBUs accepted in one temporal unit: 8 spatial layers x (frame header + a few tile groups) plus
     * sequence header, delimiter and metadata stays well under 256.
     */
    public static final int MAX_OBUS = 256;
    /** frame_type KEY_FRAME (6.8.2). */
    private static final int KEY_FRAME = 0;

    /** One OBU: its header and where its payload is in the buffer. */
    public record Obu(ObuHeader header, int payloadOffset, int payloadLength) {
    }

    private TemporalUnit() {
    }

    /** The OBUs of {@code buf[offset, offset+length)}, payloads as offsets into {@code buf}. */
    public static List<Obu> split(byte[] buf, int offset, int length) {
        ByteReader r = new ByteReader(STRUCTURE, buf, offset, length);
        r.checkLimit("size", length, MAX_SIZE);
        List<Obu> obus = new ArrayList<>();
        while (r.remaining() > 0) {
            if (obus.size() == MAX_OBUS) {
                throw Errors.limit(STRUCTURE, "OBU count", MAX_OBUS + 1L, MAX_OBUS, r.position());
            }
            ObuHeader h = ObuHeader.read(r);
            long size = h.hasSizeField() ? h.obuSize() : r.remaining();
            if (size > r.remaining()) {
                throw Errors.truncated(STRUCTURE, "OBU payload", size, r.remaining(), r.position(), buf,
                        r.absolutePosition());
            }
            obus.add(new Obu(h, r.absolutePosition(), (int) size));
            r.skip((int) size, "OBU payload");
        }
        return obus;
    }

    /** The sequence header OBU of the unit, or null. */
    public static SequenceHeader sequenceHeader(byte[] buf, int offset, int length) {
        for (Obu o : split(buf, offset, length)) {
            if (o.header().obuType() == ObuType.SEQUENCE_HEADER) {
                return SequenceHeader.decode(buf, o.payloadOffset(), o.payloadLength());
            }
        }
        return null;
    }

    /**
     * True when the first frame of the unit is a key frame that is not a show_existing_frame (the
     * uncompressed_header of 5.9.2): a decoder can start here, given the sequence header. A stream with
     * reduced_still_picture_header has only key frames; that is known from the unit's sequence header.
     */
    public static boolean isKeyFrame(byte[] buf, int offset, int length) {
        boolean reduced = false;
        for (Obu o : split(buf, offset, length)) {
            int type = o.header().obuType();
            if (type == ObuType.SEQUENCE_HEADER) {
                reduced = SequenceHeader.decode(buf, o.payloadOffset(), o.payloadLength()).reducedStillPictureHeader();
            } else if (type == ObuType.FRAME || type == ObuType.FRAME_HEADER) {
                return reduced || firstFrameIsKey(buf, o);
            }
        }
        return false;
    }

    private static boolean firstFrameIsKey(byte[] buf, Obu o) {
        BitReader r = new BitReader("AV1 uncompressed_header", buf, o.payloadOffset(), o.payloadLength());
        if (r.flag("show_existing_frame")) {
            return false;
        }
        return r.ui(2, "frame_type") == KEY_FRAME;
    }
}
