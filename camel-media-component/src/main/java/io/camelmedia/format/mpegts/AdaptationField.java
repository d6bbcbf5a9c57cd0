package io.camelmedia.format.mpegts;

import io.netty.buffer.ByteBuf;

/**
 * adaptation_field() of ITU-T H.222.0 2.4.3.4, as a muxer writes it:
 *
 * <pre>
 * adaptation_field_length(8)
 * [discontinuity_indicator(1) random_access_indicator(1) elementary_stream_priority_indicator(1)
 *  PCR_flag(1) OPCR_flag(1) splicing_point_flag(1) transport_private_data_flag(1)
 *  adaptation_field_extension_flag(1)
 *  [program_clock_reference_base(33) reserved(6) program_clock_reference_extension(9)]
 *  stuffing_byte(8)*]
 * </pre>
 *
 * The classic corner: when a single byte must be filled, the field is just {@code adaptation_field_length
 * = 0} with no flags byte (2.4.3.5: "the value 0 is for inserting a single stuffing byte").
 */
public final class AdaptationField {
    public static final int RANDOM_ACCESS_INDICATOR = 0x40;
    public static final int PCR_FLAG = 0x10;
    /** program_clock_reference: 33 + 6 + 9 bits. */
    public static final int PCR_SIZE = 6;
    /** adaptation_field_length + the flags byte. */
    private static final int FLAGS_SIZE = 2;
    /** The six reserved bits between PCR base and extension are ones. */
    private static final int PCR_RESERVED = 0x7E;

    private AdaptationField() {
    }

    /** Bytes (length byte included) of a field with these flags and no stuffing: 0, 2 or 8. */
    public static int size(boolean randomAccess, boolean pcr) {
        if (!randomAccess && !pcr) {
            return 0;
        }
        return FLAGS_SIZE + (pcr ? PCR_SIZE : 0);
    }

    /**
     * Writes a field of exactly {@code size} bytes (length byte included, at least
     * {@link #size}{@code (randomAccess, pcrBase >= 0)} and at least 1), the rest stuffing.
     *
     * @param pcrBase the 33-bit program_clock_reference_base (extension 0), or negative for none
     */
    public static void write(ByteBuf out, int size, boolean randomAccess, long pcrBase) {
        boolean pcr = pcrBase >= 0;
        if (size < Math.max(1, size(randomAccess, pcr)) || size > TsPacket.BODY_SIZE) {
            throw new TsException("adaptation_field: size " + size + " cannot hold the flags (needs "
                    + size(randomAccess, pcr) + ", limit " + TsPacket.BODY_SIZE + ")");
        }
        out.writeByte(size - 1); // adaptation_field_length
        if (size == 1) {
            return;
        }
        out.writeByte((randomAccess ? RANDOM_ACCESS_INDICATOR : 0) | (pcr ? PCR_FLAG : 0));
        int used = FLAGS_SIZE;
        if (pcr) {
            writePcr(out, pcrBase);
            used += PCR_SIZE;
        }
        for (int i = used; i < size; i++) {
            out.writeByte(TsPacket.STUFFING_BYTE);
        }
    }

    /** program_clock_reference_base (33 bits), reserved (6 ones), program_clock_reference_extension (9 bits) = 0. */
    static void writePcr(ByteBuf out, long base) {
        long b = SystemClock.wrap(base);
        out.writeByte((int) (b >>> 25));
        out.writeByte((int) (b >>> 17));
        out.writeByte((int) (b >>> 9));
        out.writeByte((int) (b >>> 1));
        out.writeByte((int) ((b & 1) << 7) | PCR_RESERVED);
        out.writeByte(0);
    }
}
