package io.camelmedia.protocol.rtp.payload;

/**
 * The aggregation header of the AV1 RTP payload format (AOM "RTP Payload Format for AV1" v1.0.0, §4.4), the
 * first byte of every AV1 RTP payload:
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |Z|Y| W |N|-|-|-|
 * +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param continuesPrevious Z: the first OBU element continues an OBU fragment of the previous packet
 * @param continuesNext     Y: the last OBU element continues in the next packet
 * @param elementCount      W: 0 when every element has a length field, else the number of elements (1..3),
 *                          the last of which has no length field
 * @param newSequence       N: the first packet of a coded video sequence
 */
public record Av1AggregationHeader(boolean continuesPrevious, boolean continuesNext, int elementCount,
                                   boolean newSequence) {
    /** The header is one byte. */
    public static final int LENGTH = 1;
    /** W has two bits: with more than 3 elements every one carries a length field (W=0). */
    public static final int MAX_W = 3;
    private static final int Z_BIT = 0x80;
    private static final int Y_BIT = 0x40;
    private static final int W_SHIFT = 4;
    private static final int W_MASK = 0x03;
    private static final int N_BIT = 0x08;

    public Av1AggregationHeader {
        if (elementCount < 0 || elementCount > MAX_W) {
            throw new IllegalArgumentException("W must be 0.." + MAX_W + ", was " + elementCount);
        }
    }

    /** Reads the header byte (the reserved bits are ignored, as §4.4 asks of receivers). */
    public static Av1AggregationHeader decode(int b) {
        return new Av1AggregationHeader((b & Z_BIT) != 0, (b & Y_BIT) != 0, (b >>> W_SHIFT) & W_MASK, (b & N_BIT) != 0);
    }

    /** The header byte. */
    public int encode() {
        return (continuesPrevious ? Z_BIT : 0) | (continuesNext ? Y_BIT : 0) | (elementCount << W_SHIFT)
                | (newSequence ? N_BIT : 0);
    }
}
