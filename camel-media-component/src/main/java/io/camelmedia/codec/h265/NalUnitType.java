package io.camelmedia.codec.h265;

/**
 * nal_unit_type of ITU-T H.265 Table 7-1: bits 1..6 of the first byte of the two-byte NAL unit header
 * (forbidden_zero_bit(1) nal_unit_type(6) nuh_layer_id(6) nuh_temporal_id_plus1(3)).
 */
public final class NalUnitType {
    public static final int TRAIL_N = 0;
    public static final int TRAIL_R = 1;
    /** First IRAP type: BLA_W_LP. */
    public static final int BLA_W_LP = 16;
    public static final int BLA_W_RADL = 17;
    public static final int BLA_N_LP = 18;
    public static final int IDR_W_RADL = 19;
    public static final int IDR_N_LP = 20;
    public static final int CRA_NUT = 21;
    /** Last IRAP type: RSV_IRAP_VCL23 (reserved, but IRAP by 7.4.2.2). */
    public static final int RSV_IRAP_VCL23 = 23;
    public static final int VPS = 32;
    public static final int SPS = 33;
    public static final int PPS = 34;
    public static final int AUD = 35;
    public static final int EOS = 36;
    public static final int EOB = 37;
    public static final int FD = 38;
    public static final int PREFIX_SEI = 39;
    public static final int SUFFIX_SEI = 40;

    /** Bytes of the NAL unit header (7.3.1.2). */
    public static final int HEADER_LENGTH = 2;
    private static final int TYPE_SHIFT = 1;
    private static final int TYPE_MASK = 0x3F;

    private NalUnitType() {
    }

    /** nal_unit_type of the NAL unit whose first header byte is {@code header0}. */
    public static int of(byte header0) {
        return (header0 >> TYPE_SHIFT) & TYPE_MASK;
    }

    /** IRAP pictures (7.4.2.2): types 16..23. A decoder can start there. */
    public static boolean isIrap(int type) {
        return type >= BLA_W_LP && type <= RSV_IRAP_VCL23;
    }

    /** VPS, SPS or PPS. */
    public static boolean isParameterSet(int type) {
        return type == VPS || type == SPS || type == PPS;
    }

    /** Coded slice segments: types 0..31. */
    public static boolean isVcl(int type) {
        return type < VPS;
    }
}
