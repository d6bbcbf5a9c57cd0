package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.h264.NalUnitType;
import io.camelmedia.protocol.rtp.RtpPacket;

/**
 * H.264 over RTP, RFC 6184, non-interleaved and single-NAL-unit modes (packetization-mode 0 and 1):
 * single NAL unit packets (§5.6), STAP-A (§5.7.1) and FU-A (§5.8). Output: one access unit per frame in
 * AVCC with 4-byte lengths, every NAL unit received kept (SPS/PPS too); key frame = an IDR slice present.
 *
 * <pre>
 * NAL unit header / payload header (§5.3):   FU header (§5.8):
 * +---------------+                           +---------------+
 * |0|1|2|3|4|5|6|7|                           |0|1|2|3|4|5|6|7|
 * |F|NRI|  Type   |                           |S|E|R|  Type   |
 * +---------------+                           +---------------+
 * </pre>
 * STAP-B, MTAP16/24 and FU-B belong to the interleaved mode (packetization-mode 2), which we do not take:
 * such packets drop their access unit as {@link DropReason#UNSUPPORTED}.
 */
public final class H264Depacketizer extends NalUnitDepacketizer {
    /** Payload header types of RFC 6184 table 1 (§5.2). */
    static final int STAP_A = 24;
    static final int STAP_B = 25;
    static final int MTAP16 = 26;
    static final int MTAP24 = 27;
    static final int FU_A = 28;
    static final int FU_B = 29;
    private static final int TYPE_MASK = 0x1F;
    private static final int F_NRI_MASK = 0xE0;
    private static final int FU_START = 0x80;
    private static final int FU_END = 0x40;
    /** STAP-A: the 1-byte payload header, then per unit a 16-bit NALU size. */
    private static final int STAP_A_HEADER = 1;
    private static final int NALU_SIZE_LENGTH = 2;
    /** FU-A: FU indicator and FU header. */
    private static final int FU_A_HEADER = 2;

    public H264Depacketizer() {
        this(DEFAULT_MAX_FRAME_SIZE);
    }

    /** @param maxFrameSize largest access unit (AVCC bytes) reassembled; a larger one is dropped as TOO_LARGE */
    public H264Depacketizer(int maxFrameSize) {
        super(maxFrameSize);
    }

    @Override
    DropReason depacketize(RtpPacket p, AccessUnitBuffer au) {
        if (p.payloadLength() < 1) {
            return DropReason.MALFORMED;
        }
        int type = p.payloadByte(0) & TYPE_MASK;
        if (au.fragmentOpen() && type != FU_A) {
            return DropReason.MALFORMED;   // a fragmented NAL unit never got its end fragment
        }
        if (type >= 1 && type <= 23) {
            return au.appendNal(p, 0, p.payloadLength()) ? null : DropReason.TOO_LARGE;
        }
        return switch (type) {
            case STAP_A -> stapA(p, au);
            case FU_A -> fuA(p, au);
            default -> DropReason.UNSUPPORTED;   // STAP-B, MTAP16/24, FU-B (interleaved), 0/30/31 undefined
        };
    }

    /** §5.7.1: [STAP-A NAL HDR] ([NALU size (16)] [NALU]) ... */
    private static DropReason stapA(RtpPacket p, AccessUnitBuffer au) {
        int pos = STAP_A_HEADER;
        int end = p.payloadLength();
        if (pos == end) {
            return DropReason.MALFORMED;   // no aggregation unit at all
        }
        while (pos < end) {
            if (end - pos < NALU_SIZE_LENGTH) {
                return DropReason.MALFORMED;
            }
            int size = (p.payloadByte(pos) << 8) | p.payloadByte(pos + 1);
            pos += NALU_SIZE_LENGTH;
            if (size == 0 || size > end - pos) {
                return DropReason.MALFORMED;
            }
            if (!au.appendNal(p, pos, size)) {
                return DropReason.TOO_LARGE;
            }
            pos += size;
        }
        return null;
    }

    /** §5.8: [FU indicator] [FU header] [FU payload]. */
    private static DropReason fuA(RtpPacket p, AccessUnitBuffer au) {
        if (p.payloadLength() < FU_A_HEADER) {
            return DropReason.MALFORMED;
        }
        int indicator = p.payloadByte(0);
        int header = p.payloadByte(1);
        boolean start = (header & FU_START) != 0;
        boolean end = (header & FU_END) != 0;
        int dataLength = p.payloadLength() - FU_A_HEADER;
        if (start) {
            if (au.fragmentOpen()) {
                return DropReason.MALFORMED;   // a new start before the previous unit's end
            }
            byte nalHeader = (byte) ((indicator & F_NRI_MASK) | (header & TYPE_MASK));
            if (!au.openFragment(new byte[] {nalHeader})) {
                return DropReason.TOO_LARGE;
            }
        } else if (!au.fragmentOpen()) {
            return DropReason.FRAGMENT_WITHOUT_START;
        }
        if (!au.appendFragment(p, FU_A_HEADER, dataLength)) {
            return DropReason.TOO_LARGE;
        }
        // §5.8 says S and E MUST NOT both be set; a sender that does sends a whole unit, which we take.
        if (end) {
            au.closeFragment();
        }
        return null;
    }

    @Override
    boolean isKeyNal(byte header0) {
        return NalUnitType.of(header0) == NalUnitType.IDR_SLICE;
    }
}
