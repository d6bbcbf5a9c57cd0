package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.protocol.rtp.RtpException;
import io.camelmedia.protocol.rtp.RtpPacket;

import java.util.ArrayList;
import java.util.List;

/**
 * The scalability structure (SS) of RFC 9628 §4.2.1, present when V=1:
 *
 * <pre>
 *      +-+-+-+-+-+-+-+-+
 * V:   | N_S |Y|G|-|-|-|
 *      +-+-+-+-+-+-+-+-+              -\
 * Y:   |     WIDTH     | (OPTIONAL)    .
 *      +               +               .
 *      |               | (OPTIONAL)    .
 *      +-+-+-+-+-+-+-+-+               . - N_S + 1 times
 *      |     HEIGHT    | (OPTIONAL)    .
 *      +               +               .
 *      |               | (OPTIONAL)    .
 *      +-+-+-+-+-+-+-+-+              -/
 * G:   |      N_G      | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+                            -\
 * N_G: |  TID  |U| R |-|-| (OPTIONAL)               .
 *      +-+-+-+-+-+-+-+-+              -\            . - N_G times
 *      |    P_DIFF     | (OPTIONAL)    . - R times  .
 *      +-+-+-+-+-+-+-+-+              -/            -/
 * </pre>
 *
 * @param spatialLayers N_S + 1
 * @param widths        WIDTH per spatial layer, empty when Y=0
 * @param heights       HEIGHT per spatial layer, empty when Y=0
 * @param pictureGroups the N_G picture group descriptions, empty when G=0
 * @param length        bytes of the structure
 */
public record Vp9ScalabilityStructure(int spatialLayers, int[] widths, int[] heights, List<PictureGroup> pictureGroups,
                                      int length) {
    private static final String STRUCTURE = "VP9 scalability structure";
    private static final int N_S_SHIFT = 5;
    private static final int Y_BIT = 0x10;
    private static final int G_BIT = 0x08;
    private static final int TID_SHIFT = 5;
    private static final int U_BIT = 0x10;
    private static final int R_SHIFT = 2;
    private static final int R_MASK = 0x03;

    /** One picture in the group: TID, U and its R reference differences. */
    public record PictureGroup(int temporalId, boolean switchingUpPoint, int[] pDiffs) {
    }

    /** A single spatial layer of {@code width} x {@code height}, no picture group (what our packetizer sends). */
    public static Vp9ScalabilityStructure of(int width, int height) {
        return new Vp9ScalabilityStructure(1, new int[] {width}, new int[] {height}, List.of(), 5);
    }

    /** Reads the structure at payload offset {@code pos} of {@code packet}. */
    public static Vp9ScalabilityStructure decode(RtpPacket packet, int pos) {
        int n = packet.payloadLength();
        int start = pos;
        require(n, pos, 1, "N_S/Y/G octet");
        int b = packet.payloadByte(pos++);
        int spatial = (b >>> N_S_SHIFT) + 1;
        int[] widths = new int[0];
        int[] heights = new int[0];
        if ((b & Y_BIT) != 0) {
            require(n, pos, 4 * spatial, "WIDTH/HEIGHT");
            widths = new int[spatial];
            heights = new int[spatial];
            for (int i = 0; i < spatial; i++) {
                widths[i] = (packet.payloadByte(pos) << 8) | packet.payloadByte(pos + 1);
                heights[i] = (packet.payloadByte(pos + 2) << 8) | packet.payloadByte(pos + 3);
                pos += 4;
            }
        }
        List<PictureGroup> groups = List.of();
        if ((b & G_BIT) != 0) {
            require(n, pos, 1, "N_G");
            int ng = packet.payloadByte(pos++);
            groups = new ArrayList<>(ng);
            for (int g = 0; g < ng; g++) {
                require(n, pos, 1, "TID/U/R octet");
                int t = packet.payloadByte(pos++);
                int r = (t >>> R_SHIFT) & R_MASK;
                require(n, pos, r, "P_DIFF");
                int[] diffs = new int[r];
                for (int i = 0; i < r; i++) {
                    diffs[i] = packet.payloadByte(pos++);
                }
                groups.add(new PictureGroup(t >>> TID_SHIFT, (t & U_BIT) != 0, diffs));
            }
        }
        return new Vp9ScalabilityStructure(spatial, widths, heights, List.copyOf(groups), pos - start);
    }

    private static void require(int payloadLength, int pos, int needed, String field) {
        if (needed > payloadLength - pos) {
            throw RtpException.truncated(STRUCTURE, field, needed, payloadLength - pos, pos);
        }
    }

    /** Bytes {@link #encode} writes. */
    public int encodedLength() {
        int l = 1 + 4 * widths.length;
        if (!pictureGroups.isEmpty()) {
            l++;
            for (PictureGroup g : pictureGroups) {
                l += 1 + g.pDiffs().length;
            }
        }
        return l;
    }

    /** Writes the structure at {@code dst[off..]}; returns the position after it. */
    public int encode(byte[] dst, int off) {
        int p = off;
        dst[p++] = (byte) (((spatialLayers - 1) << N_S_SHIFT) | (widths.length > 0 ? Y_BIT : 0)
                | (pictureGroups.isEmpty() ? 0 : G_BIT));
        for (int i = 0; i < widths.length; i++) {
            dst[p++] = (byte) (widths[i] >>> 8);
            dst[p++] = (byte) widths[i];
            dst[p++] = (byte) (heights[i] >>> 8);
            dst[p++] = (byte) heights[i];
        }
        if (!pictureGroups.isEmpty()) {
            dst[p++] = (byte) pictureGroups.size();
            for (PictureGroup g : pictureGroups) {
                dst[p++] = (byte) ((g.temporalId() << TID_SHIFT) | (g.switchingUpPoint() ? U_BIT : 0)
                        | (g.pDiffs().length << R_SHIFT));
                for (int d : g.pDiffs()) {
                    dst[p++] = (byte) d;
                }
            }
        }
        return p;
    }
}
