package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.protocol.rtp.RtpException;
import io.camelmedia.protocol.rtp.RtpPacket;

/**
 * The VP9 payload descriptor of RFC 9628 §4.2, at the start of every VP9 RTP payload:
 *
 * <pre>
 *  flexible mode (F=1)                     non-flexible mode (F=0)
 *       +-+-+-+-+-+-+-+-+                       +-+-+-+-+-+-+-+-+
 *       |I|P|L|F|B|E|V|Z| (REQUIRED)            |I|P|L|F|B|E|V|Z| (REQUIRED)
 *       +-+-+-+-+-+-+-+-+                       +-+-+-+-+-+-+-+-+
 *  I:   |M| PICTURE ID  | (REQUIRED)       I:   |M| PICTURE ID  | (RECOMMENDED)
 *       +-+-+-+-+-+-+-+-+                       +-+-+-+-+-+-+-+-+
 *  M:   | EXTENDED PID  | (RECOMMENDED)    M:   | EXTENDED PID  | (RECOMMENDED)
 *       +-+-+-+-+-+-+-+-+                       +-+-+-+-+-+-+-+-+
 *  L:   | TID |U| SID |D| (COND. RECOMM.)  L:   | TID |U| SID |D| (COND. RECOMM.)
 *       +-+-+-+-+-+-+-+-+       -\              +-+-+-+-+-+-+-+-+
 *  P,F: | P_DIFF      |N| (COND.) . up to       |   TL0PICIDX   | (COND. REQUIRED)
 *       +-+-+-+-+-+-+-+-+       -/ 3 times      +-+-+-+-+-+-+-+-+
 *  V:   | SS            |                  V:   | SS            |
 *       | ..            |                       | ..            |
 *       +-+-+-+-+-+-+-+-+                       +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param interPicturePredicted P: the frame uses inter-picture prediction (0 on key and intra-only frames)
 * @param flexibleMode          F
 * @param startOfFrame          B: first packet of a frame (one spatial layer of a picture)
 * @param endOfFrame            E: last packet of a frame
 * @param notReference          Z: not used for inter-layer prediction by upper spatial layers
 * @param pictureId             PICTURE ID (7 or 15 bits), -1 when I=0
 * @param longPictureId         M: the picture id has 15 bits
 * @param layerIndices          L: TID/U/SID/D (and TL0PICIDX in non-flexible mode) are present
 * @param temporalId            TID, 0 when L=0
 * @param switchingUpPoint      U
 * @param spatialId             SID, 0 when L=0
 * @param interLayerDependency  D
 * @param tl0PicIdx             TL0PICIDX (non-flexible mode with L=1), -1 otherwise
 * @param pDiffs                P_DIFF values (flexible mode with P=1), empty otherwise
 * @param scalabilityStructure  SS when V=1, else null
 * @param length                bytes of the descriptor: the VP9 frame data starts here
 */
public record Vp9PayloadDescriptor(boolean interPicturePredicted, boolean flexibleMode, boolean startOfFrame,
                                   boolean endOfFrame, boolean notReference, int pictureId, boolean longPictureId,
                                   boolean layerIndices, int temporalId, boolean switchingUpPoint, int spatialId,
                                   boolean interLayerDependency, int tl0PicIdx, int[] pDiffs,
                                   Vp9ScalabilityStructure scalabilityStructure, int length) {
    private static final String STRUCTURE = "VP9 payload descriptor";
    private static final int I_BIT = 0x80;
    private static final int P_BIT = 0x40;
    private static final int L_BIT = 0x20;
    private static final int F_BIT = 0x10;
    private static final int B_BIT = 0x08;
    private static final int E_BIT = 0x04;
    private static final int V_BIT = 0x02;
    private static final int Z_BIT = 0x01;
    private static final int M_BIT = 0x80;
    private static final int TID_SHIFT = 5;
    private static final int U_BIT = 0x10;
    private static final int SID_SHIFT = 1;
    private static final int SID_MASK = 0x07;
    private static final int D_BIT = 0x01;
    private static final int N_BIT = 0x01;
    /** §4.2: "up to 3 times" — a frame references at most three earlier pictures. */
    public static final int MAX_P_DIFFS = 3;
    /** 15-bit PICTURE ID wraps at 2^15. */
    public static final int PICTURE_ID_MODULUS = 1 << 15;
    private static final int[] NO_DIFFS = new int[0];

    /**
     * A non-flexible descriptor as our packetizer writes it: I=1 with a 15-bit picture id, no layer indices,
     * and the scalability structure when {@code ss} is not null.
     */
    public static Vp9PayloadDescriptor of(boolean interPicturePredicted, boolean start, boolean end, int pictureId,
                                          Vp9ScalabilityStructure ss) {
        return new Vp9PayloadDescriptor(interPicturePredicted, false, start, end, false,
                pictureId & (PICTURE_ID_MODULUS - 1), true, false, 0, false, 0, false, -1, NO_DIFFS, ss,
                3 + (ss == null ? 0 : ss.encodedLength()));
    }

    /** Reads the descriptor at the start of {@code packet}'s payload. */
    public static Vp9PayloadDescriptor decode(RtpPacket packet) {
        int n = packet.payloadLength();
        require(n, 0, 1, "first octet");
        int b0 = packet.payloadByte(0);
        int pos = 1;
        boolean p = (b0 & P_BIT) != 0;
        boolean f = (b0 & F_BIT) != 0;
        int pictureId = -1;
        boolean longId = false;
        if ((b0 & I_BIT) != 0) {
            require(n, pos, 1, "PICTURE ID");
            int i0 = packet.payloadByte(pos++);
            longId = (i0 & M_BIT) != 0;
            pictureId = i0 & 0x7F;
            if (longId) {
                require(n, pos, 1, "EXTENDED PID");
                pictureId = (pictureId << 8) | packet.payloadByte(pos++);
            }
        }
        boolean l = (b0 & L_BIT) != 0;
        int tid = 0;
        int sid = 0;
        boolean u = false;
        boolean d = false;
        int tl0 = -1;
        if (l) {
            require(n, pos, f ? 1 : 2, f ? "layer indices" : "layer indices and TL0PICIDX");
            int li = packet.payloadByte(pos++);
            tid = li >>> TID_SHIFT;
            u = (li & U_BIT) != 0;
            sid = (li >>> SID_SHIFT) & SID_MASK;
            d = (li & D_BIT) != 0;
            if (!f) {
                tl0 = packet.payloadByte(pos++);
            }
        }
        int[] diffs = NO_DIFFS;
        if (f && p) {
            diffs = new int[MAX_P_DIFFS];
            int count = 0;
            boolean more = true;
            while (more) {
                if (count == MAX_P_DIFFS) {
                    throw RtpException.limit(STRUCTURE, "P_DIFF count", count + 1L, MAX_P_DIFFS, pos);
                }
                require(n, pos, 1, "P_DIFF");
                int pd = packet.payloadByte(pos++);
                diffs[count++] = pd >>> 1;
                more = (pd & N_BIT) != 0;
            }
            diffs = java.util.Arrays.copyOf(diffs, count);
        }
        Vp9ScalabilityStructure ss = null;
        if ((b0 & V_BIT) != 0) {
            ss = Vp9ScalabilityStructure.decode(packet, pos);
            pos += ss.length();
        }
        return new Vp9PayloadDescriptor(p, f, (b0 & B_BIT) != 0, (b0 & E_BIT) != 0, (b0 & Z_BIT) != 0, pictureId,
                longId, l, tid, u, sid, d, tl0, diffs, ss, pos);
    }

    private static void require(int payloadLength, int pos, int needed, String field) {
        if (needed > payloadLength - pos) {
            throw RtpException.truncated(STRUCTURE, field, needed, payloadLength - pos, pos);
        }
    }

    /** Bytes {@link #encode} writes. */
    public int encodedLength() {
        return 1 + (pictureId >= 0 ? (longPictureId ? 2 : 1) : 0) + (layerIndices ? (flexibleMode ? 1 : 2) : 0)
                + (flexibleMode && interPicturePredicted ? pDiffs.length : 0)
                + (scalabilityStructure == null ? 0 : scalabilityStructure.encodedLength());
    }

    /** Writes the descriptor at {@code dst[off..]}; returns the position after it. */
    public int encode(byte[] dst, int off) {
        int p = off;
        dst[p++] = (byte) ((pictureId >= 0 ? I_BIT : 0) | (interPicturePredicted ? P_BIT : 0) | (layerIndices ? L_BIT : 0)
                | (flexibleMode ? F_BIT : 0) | (startOfFrame ? B_BIT : 0) | (endOfFrame ? E_BIT : 0)
                | (scalabilityStructure != null ? V_BIT : 0) | (notReference ? Z_BIT : 0));
        if (pictureId >= 0) {
            if (longPictureId) {
                dst[p++] = (byte) (M_BIT | (pictureId >>> 8));
                dst[p++] = (byte) pictureId;
            } else {
                dst[p++] = (byte) (pictureId & 0x7F);
            }
        }
        if (layerIndices) {
            dst[p++] = (byte) ((temporalId << TID_SHIFT) | (switchingUpPoint ? U_BIT : 0)
                    | ((spatialId & SID_MASK) << SID_SHIFT) | (interLayerDependency ? D_BIT : 0));
            if (!flexibleMode) {
                dst[p++] = (byte) tl0PicIdx;
            }
        }
        if (flexibleMode && interPicturePredicted) {
            for (int i = 0; i < pDiffs.length; i++) {
                dst[p++] = (byte) ((pDiffs[i] << 1) | (i < pDiffs.length - 1 ? N_BIT : 0));
            }
        }
        if (scalabilityStructure != null) {
            p = scalabilityStructure.encode(dst, p);
        }
        return p;
    }
}
