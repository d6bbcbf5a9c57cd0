package io.camelmedia.codec.h264;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.BitReader;
import io.camelmedia.codec.bits.EmulationPrevention;

/**
 * seq_parameter_set_data() of ITU-T H.264 7.3.2.1.1, read up to frame cropping: enough for the profile,
 * level, chroma format, bit depth and the displayed width and height (7.4.2.1.1, equations 7-18..7-22).
 * VUI is not parsed.
 */
public final class Sps {
    private static final String STRUCTURE = "H.264 SPS";
    /** seq_parameter_set_id is 0..31 (7.4.2.1.1). */
    private static final int MAX_SPS_ID = 31;
    /** chroma_format_idc is 0..3. */
    private static final int MAX_CHROMA_FORMAT_IDC = 3;
    /** bit_depth_*_minus8 is 0..6 (7.4.2.1.1). */
    private static final int MAX_BIT_DEPTH_MINUS8 = 6;
    /** log2_max_frame_num_minus4 and log2_max_pic_order_cnt_lsb_minus4 are 0..12. */
    private static final int MAX_LOG2_MINUS4 = 12;
    /** pic_order_cnt_type is 0..2. */
    private static final int MAX_POC_TYPE = 2;
    /** num_ref_frames_in_pic_order_cnt_cycle is 0..255. */
    private static final int MAX_REF_FRAMES_IN_POC_CYCLE = 255;
    /** offset_for_* are -2^31+1 .. 2^31-1. */
    private static final int MAX_POC_OFFSET = Integer.MAX_VALUE;
    /** max_num_ref_frames is at most MaxDpbFrames, itself at most 16 (A.3.1). */
    private static final int MAX_NUM_REF_FRAMES = 16;
    /**
     * Macroblocks per side: A.3.1 limits PicWidthInMbs and FrameHeightInMbs to sqrt(8 * MaxFS); the largest
     * MaxFS (level 6.2) is 139 264, so 1 055.
     */
    private static final int MAX_MBS_PER_SIDE = 1055;
    /** delta_scale is -128..127 (7.4.2.1.1.1). */
    private static final int MAX_DELTA_SCALE = 128;

    private final int profileIdc;
    private final int constraintFlags;
    private final int levelIdc;
    private final int seqParameterSetId;
    private final int chromaFormatIdc;
    private final boolean separateColourPlaneFlag;
    private final int bitDepthLumaMinus8;
    private final int bitDepthChromaMinus8;
    private final int picWidthInMbsMinus1;
    private final int picHeightInMapUnitsMinus1;
    private final boolean frameMbsOnlyFlag;
    private final int[] frameCrop; // left, right, top, bottom

    private Sps(int profileIdc, int constraintFlags, int levelIdc, int seqParameterSetId, int chromaFormatIdc,
                boolean separateColourPlaneFlag, int bitDepthLumaMinus8, int bitDepthChromaMinus8,
                int picWidthInMbsMinus1, int picHeightInMapUnitsMinus1, boolean frameMbsOnlyFlag, int[] frameCrop) {
        this.profileIdc = profileIdc;
        this.constraintFlags = constraintFlags;
        this.levelIdc = levelIdc;
        this.seqParameterSetId = seqParameterSetId;
        this.chromaFormatIdc = chromaFormatIdc;
        this.separateColourPlaneFlag = separateColourPlaneFlag;
        this.bitDepthLumaMinus8 = bitDepthLumaMinus8;
        this.bitDepthChromaMinus8 = bitDepthChromaMinus8;
        this.picWidthInMbsMinus1 = picWidthInMbsMinus1;
        this.picHeightInMapUnitsMinus1 = picHeightInMapUnitsMinus1;
        this.frameMbsOnlyFlag = frameMbsOnlyFlag;
        this.frameCrop = frameCrop;
    }

    /**
     * Decodes the SPS NAL unit in {@code nal[offset, offset+length)}, starting at its header byte
     * (nal_unit_type must be 7).
     */
    public static Sps decode(byte[] nal, int offset, int length) {
        if (length < 1 || NalUnitType.of(nal[offset]) != NalUnitType.SPS) {
            throw new CodecException(STRUCTURE + ": not an SPS NAL unit (nal_unit_type "
                    + (length < 1 ? "missing" : NalUnitType.of(nal[offset])) + ")");
        }
        byte[] rbsp = EmulationPrevention.remove(nal, offset + 1, length - 1);
        BitReader r = new BitReader(STRUCTURE, rbsp, 0, rbsp.length);
        r.require(24, "profile_idc..level_idc");
        int profile = r.ui(8, "profile_idc");
        int constraints = r.ui(8, "constraint_set_flags");
        int level = r.ui(8, "level_idc");
        int id = r.ue("seq_parameter_set_id", MAX_SPS_ID);
        int chroma = 1;
        boolean separate = false;
        int lumaDepth = 0;
        int chromaDepth = 0;
        if (hasChromaInfo(profile)) {
            chroma = r.ue("chroma_format_idc", MAX_CHROMA_FORMAT_IDC);
            separate = chroma == 3 && r.flag("separate_colour_plane_flag");
            lumaDepth = r.ue("bit_depth_luma_minus8", MAX_BIT_DEPTH_MINUS8);
            chromaDepth = r.ue("bit_depth_chroma_minus8", MAX_BIT_DEPTH_MINUS8);
            r.flag("qpprime_y_zero_transform_bypass_flag");
            if (r.flag("seq_scaling_matrix_present_flag")) {
                skipScalingLists(r, chroma != 3 ? 8 : 12);
            }
        }
        r.ue("log2_max_frame_num_minus4", MAX_LOG2_MINUS4);
        skipPicOrderCnt(r);
        r.ue("max_num_ref_frames", MAX_NUM_REF_FRAMES);
        r.flag("gaps_in_frame_num_value_allowed_flag");
        int width = r.ue("pic_width_in_mbs_minus1", MAX_MBS_PER_SIDE - 1);
        int height = r.ue("pic_height_in_map_units_minus1", MAX_MBS_PER_SIDE - 1);
        boolean frameMbsOnly = r.flag("frame_mbs_only_flag");
        if (!frameMbsOnly) {
            r.flag("mb_adaptive_frame_field_flag");
        }
        r.flag("direct_8x8_inference_flag");
        int[] crop = new int[4];
        if (r.flag("frame_cropping_flag")) {
            crop[0] = r.ue("frame_crop_left_offset", MAX_MBS_PER_SIDE * 16);
            crop[1] = r.ue("frame_crop_right_offset", MAX_MBS_PER_SIDE * 16);
            crop[2] = r.ue("frame_crop_top_offset", MAX_MBS_PER_SIDE * 16);
            crop[3] = r.ue("frame_crop_bottom_offset", MAX_MBS_PER_SIDE * 16);
        }
        Sps sps = new Sps(profile, constraints, level, id, chroma, separate, lumaDepth, chromaDepth, width, height,
                frameMbsOnly, crop);
        sps.checkCropping();
        return sps;
    }

    public static Sps decode(byte[] nal) {
        return decode(nal, 0, nal.length);
    }

    /** 7.3.2.1.1: the profiles whose SPS carry chroma_format_idc, bit depths and scaling matrices. */
    static boolean hasChromaInfo(int profile) {
        switch (profile) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135:
                return true;
            default:
                return false;
        }
    }

    /** scaling_list() of 7.3.2.1.1.1 for each present list: 6 lists of 16 then 2 or 6 lists of 64. */
    private static void skipScalingLists(BitReader r, int lists) {
        for (int i = 0; i < lists; i++) {
            if (r.flag("seq_scaling_list_present_flag")) {
                skipScalingList(r, i < 6 ? 16 : 64);
            }
        }
    }

    private static void skipScalingList(BitReader r, int size) {
        int lastScale = 8;
        int nextScale = 8;
        for (int j = 0; j < size && nextScale != 0; j++) {
            int delta = r.se("delta_scale", MAX_DELTA_SCALE);
            nextScale = (lastScale + delta + 256) % 256;
            lastScale = nextScale == 0 ? lastScale : nextScale;
        }
    }

    private static void skipPicOrderCnt(BitReader r) {
        int type = r.ue("pic_order_cnt_type", MAX_POC_TYPE);
        if (type == 0) {
            r.ue("log2_max_pic_order_cnt_lsb_minus4", MAX_LOG2_MINUS4);
        } else if (type == 1) {
            r.flag("delta_pic_order_always_zero_flag");
            r.se("offset_for_non_ref_pic", MAX_POC_OFFSET);
            r.se("offset_for_top_to_bottom_field", MAX_POC_OFFSET);
            int n = r.ue("num_ref_frames_in_pic_order_cnt_cycle", MAX_REF_FRAMES_IN_POC_CYCLE);
            for (int i = 0; i < n; i++) {
                r.se("offset_for_ref_frame", MAX_POC_OFFSET);
            }
        }
    }

    private void checkCropping() {
        long w = (long) cropUnitX() * (frameCrop[0] + frameCrop[1]);
        long h = (long) cropUnitY() * (frameCrop[2] + frameCrop[3]);
        if (w >= codedWidth() || h >= codedHeight()) {
            throw new CodecException(STRUCTURE + ": frame cropping " + frameCrop[0] + "," + frameCrop[1] + ","
                    + frameCrop[2] + "," + frameCrop[3] + " leaves no picture of " + codedWidth() + "x" + codedHeight());
        }
    }

    /** ChromaArrayType (7.4.2.1.1): 0 for monochrome or separately coded planes. */
    public int chromaArrayType() {
        return separateColourPlaneFlag ? 0 : chromaFormatIdc;
    }

    private int cropUnitX() {
        return chromaArrayType() == 0 ? 1 : (chromaFormatIdc == 3 ? 1 : 2); // SubWidthC, Table 6-1
    }

    private int cropUnitY() {
        int subHeightC = chromaFormatIdc == 1 ? 2 : 1;
        return (chromaArrayType() == 0 ? 1 : subHeightC) * (frameMbsOnlyFlag ? 1 : 2);
    }

    private int codedWidth() {
        return (picWidthInMbsMinus1 + 1) * 16;
    }

    private int codedHeight() {
        return (frameMbsOnlyFlag ? 1 : 2) * (picHeightInMapUnitsMinus1 + 1) * 16;
    }

    /** Displayed width in luma samples, after frame cropping. */
    public int width() {
        return codedWidth() - cropUnitX() * (frameCrop[0] + frameCrop[1]);
    }

    /** Displayed height in luma samples (of the frame), after frame cropping. */
    public int height() {
        return codedHeight() - cropUnitY() * (frameCrop[2] + frameCrop[3]);
    }

    public int profileIdc() {
        return profileIdc;
    }

    /** constraint_set0_flag..constraint_set5_flag and reserved_zero_2bits, as one byte. */
    public int constraintFlags() {
        return constraintFlags;
    }

    public int levelIdc() {
        return levelIdc;
    }

    public int seqParameterSetId() {
        return seqParameterSetId;
    }

    public int chromaFormatIdc() {
        return chromaFormatIdc;
    }

    public boolean separateColourPlaneFlag() {
        return separateColourPlaneFlag;
    }

    public int bitDepthLumaMinus8() {
        return bitDepthLumaMinus8;
    }

    public int bitDepthChromaMinus8() {
        return bitDepthChromaMinus8;
    }

    public boolean frameMbsOnlyFlag() {
        return frameMbsOnlyFlag;
    }

    @Override
    public String toString() {
        return STRUCTURE + "[profile=" + profileIdc + " level=" + levelIdc + " chroma=" + chromaFormatIdc + " "
                + width() + "x" + height() + (frameMbsOnlyFlag ? "" : " interlaced") + "]";
    }
}
