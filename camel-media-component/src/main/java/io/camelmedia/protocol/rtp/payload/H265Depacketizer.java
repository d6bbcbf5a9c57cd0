package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.h265.NalUnitType;
import io.camelmedia.protocol.rtp.RtpPacket;

/**
 * H.265 over RTP, RFC 7798: single NAL unit packets (§4.4.1), aggregation packets (AP, §4.4.2) and
 * fragmentation units (FU, §4.4.3); with {@code sprop-max-don-diff > 0} the DONL/DOND fields are skipped
 * (we deliver in transmission order, as a non-interleaving receiver may). PACI packets (type 50) are not
 * taken ({@link DropReason#UNSUPPORTED}). Output: AVCC with 4-byte lengths; key frame = an IRAP NAL unit.
 *
 * <pre>
 * payload header (§4.2):                 FU header (§4.4.3):
 * +---------------+---------------+      +---------------+
 * |0|1|2|3|4|5|6|7|0|1|2|3|4|5|6|7|      |0|1|2|3|4|5|6|7|
 * |F|   Type    |  LayerId  | TID |      |S|E|  FuType   |
 * +-------------+-----------------+      +---------------+
 * </pre>
 */
public final class H265Depacketizer extends NalUnitDepacketizer {
    static final int AP = 48;
    static final int FU = 49;
    static final int PACI = 50;
    private static final int HEADER = 2;
    private static final int FU_HEADER = 1;
    private static final int NALU_SIZE_LENGTH = 2;
    private static final int DONL_LENGTH = 2;
    private static final int DOND_LENGTH = 1;
    private static final int FU_START = 0x80;
    private static final int FU_END = 0x40;
    private static final int FU_TYPE_MASK = 0x3F;

    private final boolean donl;

    public H265Depacketizer() {
        this(DEFAULT_MAX_FRAME_SIZE, false);
    }

    /**
     * @param maxFrameSize largest access unit reassembled
     * @param donl         true when {@code sprop-max-don-diff} is above 0 (RFC 7798 §7.1): DONL/DOND fields present
     */
    public H265Depacketizer(int maxFrameSize, boolean donl) {
        super(maxFrameSize);
        this.donl = donl;
    }

    @Override
    DropReason depacketize(RtpPacket p, AccessUnitBuffer au) {
        if (p.payloadLength() < HEADER) {
            return DropReason.MALFORMED;
        }
        int type = NalUnitType.of((byte) p.payloadByte(0));
        if (au.fragmentOpen() && type != FU) {
            return DropReason.MALFORMED;
        }
        if (type < AP) {
            if (donl) {   // §4.4.1: header, DONL, then the rest of the NAL unit
                return DropReason.UNSUPPORTED;
            }
            return au.appendNal(p, 0, p.payloadLength()) ? null : DropReason.TOO_LARGE;
        }
        return switch (type) {
            case AP -> aggregation(p, au);
            case FU -> fragment(p, au);
            default -> DropReason.UNSUPPORTED;   // PACI (50), reserved 51..63
        };
    }

    /** §4.4.2: PayloadHdr, then ([DONL|DOND] NALU size, NALU) ... */
    private DropReason aggregation(RtpPacket p, AccessUnitBuffer au) {
        int pos = HEADER;
        int end = p.payloadLength();
        int units = 0;
        while (pos < end) {
            if (donl) {
                pos += units == 0 ? DONL_LENGTH : DOND_LENGTH;
            }
            if (end - pos < NALU_SIZE_LENGTH) {
                return DropReason.MALFORMED;
            }
            int size = (p.payloadByte(pos) << 8) | p.payloadByte(pos + 1);
            pos += NALU_SIZE_LENGTH;
            if (size < HEADER || size > end - pos) {
                return DropReason.MALFORMED;
            }
            if (!au.appendNal(p, pos, size)) {
                return DropReason.TOO_LARGE;
            }
            pos += size;
            units++;
        }
        // §4.4.2: "an AP MUST contain at least two aggregation units"; one is harmless, none is not
        return units == 0 ? DropReason.MALFORMED : null;
    }

    /** §4.4.3: PayloadHdr, FU header, [DONL] (start only), FU payload. */
    private DropReason fragment(RtpPacket p, AccessUnitBuffer au) {
        int pos = HEADER + FU_HEADER;
        if (p.payloadLength() < pos) {
            return DropReason.MALFORMED;
        }
        int fuHeader = p.payloadByte(HEADER);
        boolean start = (fuHeader & FU_START) != 0;
        boolean end = (fuHeader & FU_END) != 0;
        if (start) {
            if (au.fragmentOpen()) {
                return DropReason.MALFORMED;
            }
            if (donl) {
                pos += DONL_LENGTH;
                if (p.payloadLength() < pos) {
                    return DropReason.MALFORMED;
                }
            }
            int b0 = p.payloadByte(0);
            byte h0 = (byte) ((b0 & 0x81) | ((fuHeader & FU_TYPE_MASK) << 1));   // F and LayerId MSB kept, Type from FuType
            if (!au.openFragment(new byte[] {h0, (byte) p.payloadByte(1)})) {
                return DropReason.TOO_LARGE;
            }
        } else if (!au.fragmentOpen()) {
            return DropReason.FRAGMENT_WITHOUT_START;
        }
        if (!au.appendFragment(p, pos, p.payloadLength() - pos)) {
            return DropReason.TOO_LARGE;
        }
        if (end) {
            au.closeFragment();
        }
        return null;
    }

    @Override
    boolean isKeyNal(byte header0) {
        return NalUnitType.isIrap(NalUnitType.of(header0));
    }
}
