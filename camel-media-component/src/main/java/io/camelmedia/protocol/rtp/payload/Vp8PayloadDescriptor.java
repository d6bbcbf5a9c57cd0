package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.protocol.rtp.RtpException;
import io.camelmedia.protocol.rtp.RtpPacket;

/**
 * The VP8 payload descriptor of RFC 7741 §4.2, at the start of every VP8 RTP payload:
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 *      |   PictureID   | (when M: 15-bit PictureID)
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param nonReference     N: the frame is not used as a reference
 * @param startOfPartition S: the first packet of a VP8 partition
 * @param partitionIndex   PID: 0..7
 * @param pictureId        PictureID (7 or 15 bits), -1 when absent
 * @param longPictureId    M: PictureID has 15 bits
 * @param tl0PicIdx        TL0PICIDX, -1 when absent
 * @param tid              TID, -1 when neither T nor K is set; with K only the field is present but unused
 * @param layerSync        Y
 * @param keyIdx           KEYIDX, -1 when K is clear
 * @param length           bytes of the descriptor: the VP8 payload starts here
 */
public record Vp8PayloadDescriptor(boolean nonReference, boolean startOfPartition, int partitionIndex, int pictureId,
                                   boolean longPictureId, int tl0PicIdx, int tid, boolean layerSync, int keyIdx,
                                   int length) {
    private static final String STRUCTURE = "VP8 payload descriptor";
    private static final int X_BIT = 0x80;
    private static final int N_BIT = 0x20;
    private static final int S_BIT = 0x10;
    private static final int PID_MASK = 0x07;
    private static final int I_BIT = 0x80;
    private static final int L_BIT = 0x40;
    private static final int T_BIT = 0x20;
    private static final int K_BIT = 0x10;
    private static final int M_BIT = 0x80;
    private static final int TID_SHIFT = 6;
    private static final int Y_BIT = 0x20;
    private static final int KEYIDX_MASK = 0x1F;
    /** 15-bit PictureID: values wrap at 2^15 (RFC 7741 §4.2). */
    public static final int PICTURE_ID_MODULUS = 1 << 15;

    /** A descriptor of the packets our packetizer writes: X, I with a 15-bit PictureID, nothing else. */
    public static Vp8PayloadDescriptor of(boolean startOfPartition, int pictureId) {
        return new Vp8PayloadDescriptor(false, startOfPartition, 0, pictureId & (PICTURE_ID_MODULUS - 1), true,
                -1, -1, false, -1, 4);
    }

    /** Reads the descriptor at the start of {@code packet}'s payload; at least one payload byte must follow it. */
    public static Vp8PayloadDescriptor decode(RtpPacket packet) {
        int n = packet.payloadLength();
        require(n, 1, "first octet", 0);
        int b0 = packet.payloadByte(0);
        int pos = 1;
        int pictureId = -1;
        boolean longId = false;
        int tl0 = -1;
        int tid = -1;
        boolean sync = false;
        int keyIdx = -1;
        if ((b0 & X_BIT) != 0) {
            require(n, 2, "extension octet", pos);
            int x = packet.payloadByte(pos++);
            int need = pos + ((x & I_BIT) != 0 ? 1 : 0) + ((x & L_BIT) != 0 ? 1 : 0)
                    + ((x & (T_BIT | K_BIT)) != 0 ? 1 : 0);
            require(n, need, "I/L/T/K fields", pos);
            if ((x & I_BIT) != 0) {
                int i0 = packet.payloadByte(pos++);
                longId = (i0 & M_BIT) != 0;
                if (longId) {
                    require(n, need + 1, "15-bit PictureID", pos);
                    pictureId = ((i0 & 0x7F) << 8) | packet.payloadByte(pos++);
                } else {
                    pictureId = i0 & 0x7F;
                }
            }
            if ((x & L_BIT) != 0) {
                tl0 = packet.payloadByte(pos++);
            }
            if ((x & (T_BIT | K_BIT)) != 0) {
                int tk = packet.payloadByte(pos++);
                tid = (x & T_BIT) != 0 ? tk >>> TID_SHIFT : -1;
                sync = (x & T_BIT) != 0 && (tk & Y_BIT) != 0;
                keyIdx = (x & K_BIT) != 0 ? tk & KEYIDX_MASK : -1;
            }
        }
        require(n, pos + 1, "VP8 payload", pos);
        return new Vp8PayloadDescriptor((b0 & N_BIT) != 0, (b0 & S_BIT) != 0, b0 & PID_MASK, pictureId, longId, tl0,
                tid, sync, keyIdx, pos);
    }

    private static void require(int payloadLength, int needed, String field, int offset) {
        if (payloadLength < needed) {
            throw RtpException.truncated(STRUCTURE, field, needed - offset, payloadLength - offset, offset);
        }
    }

    /** The first packet of a frame: S=1 and PID=0 (RFC 7741 §4.4). */
    public boolean startOfFrame() {
        return startOfPartition && partitionIndex == 0;
    }

    /** Bytes {@link #encode} writes. */
    public int encodedLength() {
        boolean x = pictureId >= 0 || tl0PicIdx >= 0 || tid >= 0 || keyIdx >= 0;
        return 1 + (x ? 1 : 0) + (pictureId >= 0 ? (longPictureId ? 2 : 1) : 0) + (tl0PicIdx >= 0 ? 1 : 0)
                + (tid >= 0 || keyIdx >= 0 ? 1 : 0);
    }

    /** Writes the descriptor at {@code dst[off..]}; returns the position after it. */
    public int encode(byte[] dst, int off) {
        boolean x = pictureId >= 0 || tl0PicIdx >= 0 || tid >= 0 || keyIdx >= 0;
        int p = off;
        dst[p++] = (byte) ((x ? X_BIT : 0) | (nonReference ? N_BIT : 0) | (startOfPartition ? S_BIT : 0)
                | (partitionIndex & PID_MASK));
        if (!x) {
            return p;
        }
        dst[p++] = (byte) ((pictureId >= 0 ? I_BIT : 0) | (tl0PicIdx >= 0 ? L_BIT : 0) | (tid >= 0 ? T_BIT : 0)
                | (keyIdx >= 0 ? K_BIT : 0));
        if (pictureId >= 0) {
            if (longPictureId) {
                dst[p++] = (byte) (M_BIT | (pictureId >>> 8));
            }
            dst[p++] = (byte) (longPictureId ? pictureId : pictureId & 0x7F);
        }
        if (tl0PicIdx >= 0) {
            dst[p++] = (byte) tl0PicIdx;
        }
        if (tid >= 0 || keyIdx >= 0) {
            dst[p++] = (byte) ((Math.max(tid, 0) << TID_SHIFT) | (layerSync ? Y_BIT : 0) | Math.max(keyIdx, 0));
        }
        return p;
    }
}
