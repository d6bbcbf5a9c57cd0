package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.av1.Leb128;
import io.camelmedia.codec.av1.ObuType;
import io.camelmedia.codec.av1.TemporalUnit;
import io.camelmedia.codec.bits.ByteReader;
import io.camelmedia.protocol.rtp.RtpException;
import io.camelmedia.protocol.rtp.RtpPacket;

import java.util.Arrays;
import java.util.List;

/**
 * AV1 temporal units out of RTP (AOM "RTP Payload Format for AV1" v1.0.0). Each payload is an
 * {@link Av1AggregationHeader} and OBU elements (§4.3, §4.4): with W=0 every element has a leb128 length, else
 * W elements of which the last runs to the end of the payload; Z/Y join OBU fragments across packets. A
 * temporal unit is the run of packets up to the marker bit (§4.2), all with one timestamp.
 *
 * <p>Output: the temporal unit in the low-overhead bitstream format (AV1 spec 5.2) as MP4, Matroska and FLV
 * samples carry it: every OBU rewritten with {@code obu_has_size_field=1} and a minimal leb128
 * {@code obu_size}, temporal delimiters dropped (§5: "SHOULD be removed" by senders and ignored by
 * receivers; ISOBMFF 2.4 forbids them in samples). Other OBUs (padding, metadata...) are kept as received.
 * An element that arrives with its size field already set keeps its payload; its obu_size must match the
 * element length.
 *
 * <p>Key frame: N=1 on the first packet (a new coded video sequence, §4.4), or a sequence header in the unit
 * whose first frame is a KEY_FRAME ({@link TemporalUnit#isKeyFrame}).
 */
public final class Av1Depacketizer extends VideoDepacketizer {
    private static final String STRUCTURE = "AV1 OBU element";
    /** obu_header (1) + obu_extension_header (1) + obu_size (at most 8 leb128 bytes, AV1 spec 4.10.5). */
    private static final int MAX_OBU_HEADER = 2 + Leb128.MAX_BYTES;
    private static final int FORBIDDEN_BIT = 0x80;
    private static final int TYPE_SHIFT = 3;
    private static final int TYPE_MASK = 0x0F;
    private static final int EXTENSION_FLAG = 0x04;
    private static final int HAS_SIZE_FIELD = 0x02;

    private final int maxFrameSize;
    /** The OBU being joined from fragments (Y/Z); bounded by the maximum frame size. */
    private byte[] fragment = new byte[1024];
    private int fragmentLength;
    private boolean fragmentOpen;
    private final byte[] head = new byte[MAX_OBU_HEADER];
    private boolean newSequence;
    private boolean sequenceHeaderSeen;
    private boolean previousMarker = true;
    private int lebLength;
    private long previousTimestamp = -1;

    public Av1Depacketizer() {
        this(DEFAULT_MAX_FRAME_SIZE);
    }

    public Av1Depacketizer(int maxFrameSize) {
        super(maxFrameSize);
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected List<DepacketizedFrame> depacketize(RtpPacket packet) {
        boolean startsUnit = previousMarker || packet.timestamp() != previousTimestamp;
        previousMarker = packet.marker();
        previousTimestamp = packet.timestamp();
        if (packet.payloadLength() < Av1AggregationHeader.LENGTH + 1) {
            throw RtpException.truncated("AV1 aggregation header", "header and one OBU element", 2,
                    packet.payloadLength(), 0);
        }
        Av1AggregationHeader h = Av1AggregationHeader.decode(packet.payloadByte(0));
        if (startsUnit && !h.continuesPrevious()) {
            startFrame(packet.timestamp());
            fragmentOpen = false;
            newSequence = h.newSequence();
            sequenceHeaderSeen = false;
        } else if (!inFrame() || startsUnit) {
            orphan();
            return List.of();
        } else if (h.continuesPrevious() != fragmentOpen) {
            // §4.4: Z=1 exactly when the previous packet ended with Y=1
            throw RtpException.invalid("AV1 aggregation header", "Z", h.continuesPrevious() ? 1 : 0,
                    "the previous packet's Y was " + (fragmentOpen ? 1 : 0), 0);
        }
        if (!elements(packet, h)) {
            return List.of();
        }
        if (!packet.marker()) {
            return List.of();
        }
        if (fragmentOpen) {
            throw RtpException.invalid("AV1 aggregation header", "Y", 1, "the temporal unit ends at the marker", 0);
        }
        boolean key = newSequence
                || sequenceHeaderSeen && TemporalUnit.isKeyFrame(frameBuffer(), 0, frameLength());
        return endFrame(key);
    }

    /** Walks the OBU elements of one payload (§4.3); false when the frame was dropped on the way. */
    private boolean elements(RtpPacket packet, Av1AggregationHeader h) {
        int n = packet.payloadLength();
        int pos = Av1AggregationHeader.LENGTH;
        int index = 0;
        while (pos < n) {
            index++;
            boolean last = h.elementCount() != 0 && index == h.elementCount();
            int len;
            if (last) {
                len = n - pos;
            } else {
                long l = readLeb128(packet, pos);
                pos += lebLength;
                if (l > n - pos) {
                    throw RtpException.truncated(STRUCTURE, "OBU element length " + l, l, n - pos, pos);
                }
                len = (int) l;
            }
            boolean first = index == 1;
            boolean continued = first && h.continuesPrevious();
            boolean continues = pos + len == n && h.continuesNext();
            if (!element(packet, pos, len, continued, continues)) {
                return false;
            }
            pos += len;
        }
        if (h.elementCount() != 0 && index != h.elementCount()) {
            throw RtpException.invalid("AV1 aggregation header", "W", h.elementCount(),
                    "the payload holds " + index + " element(s)", 0);
        }
        return true;
    }

    private boolean element(RtpPacket packet, int pos, int len, boolean continued, boolean continues) {
        if (continued || continues) {
            if (!continued) {
                fragmentLength = 0;
            }
            if (len > maxFrameSize - frameLength() - fragmentLength) {
                drop(DropReason.TOO_LARGE);
                fragmentOpen = false;
                return false;
            }
            if (fragmentLength + len > fragment.length) {
                fragment = Arrays.copyOf(fragment,
                        Math.min(maxFrameSize, Math.max(fragment.length * 2, fragmentLength + len)));
            }
            packet.copyPayload(pos, fragment, fragmentLength, len);
            fragmentLength += len;
            fragmentOpen = continues;
            return continues || obu(null, fragment, 0, fragmentLength);
        }
        return obu(packet, null, pos, len);
    }

    /**
     * Appends one whole OBU (from {@code packet}'s payload or from {@code array}) with its size field set;
     * temporal delimiters are skipped.
     */
    private boolean obu(RtpPacket packet, byte[] array, int off, int len) {
        int headN = Math.min(len, MAX_OBU_HEADER);
        if (headN == 0) {
            throw RtpException.truncated(STRUCTURE, "obu_header", 1, 0, off);
        }
        if (packet != null) {
            packet.copyPayload(off, head, 0, headN);
        } else {
            System.arraycopy(array, off, head, 0, headN);
        }
        int b0 = head[0] & 0xFF;
        if ((b0 & FORBIDDEN_BIT) != 0) {
            throw RtpException.invalid(STRUCTURE, "obu_forbidden_bit", 1, "must be 0", off);
        }
        int type = (b0 >>> TYPE_SHIFT) & TYPE_MASK;
        int headerLength = (b0 & EXTENSION_FLAG) != 0 ? 2 : 1;
        if (len < headerLength) {
            throw RtpException.truncated(STRUCTURE, "obu_extension_header", headerLength, len, off);
        }
        int payloadStart = headerLength;
        if ((b0 & HAS_SIZE_FIELD) != 0) {
            ByteReader r = new ByteReader(STRUCTURE, head, headerLength, headN - headerLength);
            long size = Leb128.read(r, "obu_size");
            payloadStart = headerLength + r.position();
            if (size != len - payloadStart) {
                throw RtpException.invalid(STRUCTURE, "obu_size", size,
                        "the element leaves " + (len - payloadStart) + " payload bytes", off);
            }
        }
        if (type == ObuType.TEMPORAL_DELIMITER) {
            return true;
        }
        if (type == ObuType.SEQUENCE_HEADER) {
            sequenceHeaderSeen = true;
        }
        int payloadLength = len - payloadStart;
        if (!reserve(headerLength + Leb128.size(payloadLength) + payloadLength)) {
            return false;
        }
        append(b0 | HAS_SIZE_FIELD);
        if (headerLength == 2) {
            append(head[1] & 0xFF);
        }
        int end = Leb128.write(payloadLength, frameBuffer(), frameLength());
        advance(end - frameLength());
        return packet != null ? append(packet, off + payloadStart, payloadLength)
                : append(array, off + payloadStart, payloadLength);
    }

    /** leb128 (AV1 spec 4.10.5) at payload offset {@code pos}; its byte count goes to {@link #lebLength}. */
    private long readLeb128(RtpPacket packet, int pos) {
        int n = packet.payloadLength();
        long value = 0;
        for (int i = 0; i < Leb128.MAX_BYTES; i++) {
            if (pos + i >= n) {
                throw RtpException.truncated(STRUCTURE, "OBU element length", i + 1L, n - pos, pos);
            }
            int b = packet.payloadByte(pos + i);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (value > Leb128.MAX_VALUE) {
                    throw RtpException.limit(STRUCTURE, "OBU element length", value, Leb128.MAX_VALUE, pos);
                }
                lebLength = i + 1;
                return value;
            }
        }
        throw RtpException.limit(STRUCTURE, "OBU element length bytes", Leb128.MAX_BYTES + 1L, Leb128.MAX_BYTES, pos);
    }
}
