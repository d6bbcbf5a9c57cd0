package io.camelmedia.codec.h264;

/**
 * nal_unit_type of ITU-T H.264 Table 7-1 (the low 5 bits of the NAL unit header byte). An open code
 * set read straight off the wire, so plain int constants with helpers rather than an enum.
 */
public final class NalUnitType {
    public static final int NON_IDR_SLICE = 1;
    public static final int SLICE_DATA_PARTITION_A = 2;
    public static final int SLICE_DATA_PARTITION_B = 3;
    public static final int SLICE_DATA_PARTITION_C = 4;
    public static final int IDR_SLICE = 5;
    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int AUD = 9;
    public static final int END_OF_SEQUENCE = 10;
    public static final int END_OF_STREAM = 11;
    public static final int FILLER_DATA = 12;
    public static final int SPS_EXTENSION = 13;
    public static final int PREFIX_NAL_UNIT = 14;
    public static final int SUBSET_SPS = 15;
    public static final int SLICE_EXTENSION = 20;

    private static final int TYPE_MASK = 0x1F;
    private static final String[] NAMES = new String[32];

    static {
        String[] known = {null, "NON_IDR_SLICE", "SLICE_DATA_PARTITION_A", "SLICE_DATA_PARTITION_B",
            "SLICE_DATA_PARTITION_C", "IDR_SLICE", "SEI", "SPS", "PPS", "AUD", "END_OF_SEQUENCE", "END_OF_STREAM",
            "FILLER_DATA", "SPS_EXTENSION", "PREFIX_NAL_UNIT", "SUBSET_SPS"};
        for (int i = 0; i < NAMES.length; i++) {
            NAMES[i] = i < known.length && known[i] != null ? known[i] : (i == 0 ? "UNSPECIFIED" : "TYPE_" + i);
        }
        NAMES[SLICE_EXTENSION] = "SLICE_EXTENSION";
    }

    private NalUnitType() {
    }

    /** nal_unit_type of the NAL unit whose header byte is {@code header}. */
    public static int of(byte header) {
        return header & TYPE_MASK;
    }

    /** SPS or PPS. */
    public static boolean isParameterSet(int type) {
        return type == SPS || type == PPS;
    }

    /** A coded slice of a picture (types 1..5). */
    public static boolean isVcl(int type) {
        return type >= NON_IDR_SLICE && type <= IDR_SLICE;
    }

    public static String name(int type) {
        return NAMES[type & TYPE_MASK];
    }
}
