package io.camelmedia.codec.h265;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.BitReader;
import io.camelmedia.codec.bits.EmulationPrevention;

/**
 * seq_parameter_set_rbsp() of ITU-T H.265 7.3.2.2.1, read up to the bit depths: the profile_tier_level,
 * chroma format, and the picture size with its conformance window (7.4.3.2.1).
 */
public final class Sps {
    private static final String STRUCTURE = "H.265 SPS";
    /** sps_max_sub_layers_minus1 is 0..6 (7.4.3.2.1). */
    private static final int MAX_SUB_LAYERS_MINUS1 = 6;
    /** sps_seq_parameter_set_id is 0..15. */
    private static final int MAX_SPS_ID = 15;
    private static final int MAX_CHROMA_FORMAT_IDC = 3;
    /** bit_depth_*_minus8 is 0..8. */
    private static final int MAX_BIT_DEPTH_MINUS8 = 8;
    /**
     * Luma samples per side: A.4.1 limits width and height to sqrt(8 * MaxLumaPs); the largest MaxLumaPs
     * (level 6.2) is 35 651 584, so 16 888.
     */
    private static final int MAX_LUMA_SAMPLES_PER_SIDE = 16888;

    private final int spsMaxSubLayersMinus1;
    private final ProfileTierLevel profileTierLevel;
    private final int seqParameterSetId;
    private final int chromaFormatIdc;
    private final boolean separateColourPlaneFlag;
    private final int picWidthInLumaSamples;
    private final int picHeightInLumaSamples;
    private final int[] conformanceWindow; // left, right, top, bottom
    private final int bitDepthLumaMinus8;
    private final int bitDepthChromaMinus8;

    private Sps(int maxSubLayersMinus1, ProfileTierLevel ptl, int id, int chroma, boolean separate, int width,
                int height, int[] window, int lumaDepth, int chromaDepth) {
        this.spsMaxSubLayersMinus1 = maxSubLayersMinus1;
        this.profileTierLevel = ptl;
        this.seqParameterSetId = id;
        this.chromaFormatIdc = chroma;
        this.separateColourPlaneFlag = separate;
        this.picWidthInLumaSamples = width;
        this.picHeightInLumaSamples = height;
        this.conformanceWindow = window;
        this.bitDepthLumaMinus8 = lumaDepth;
        this.bitDepthChromaMinus8 = chromaDepth;
    }

    /** Decodes the SPS NAL unit in {@code nal[offset, offset+length)}, starting at its 2-byte header. */
    public static Sps decode(byte[] nal, int offset, int length) {
        if (length < NalUnitType.HEADER_LENGTH || NalUnitType.of(nal[offset]) != NalUnitType.SPS) {
            throw new CodecException(STRUCTURE + ": not an SPS NAL unit (nal_unit_type "
                    + (length < 1 ? "missing" : NalUnitType.of(nal[offset])) + ")");
        }
        byte[] rbsp = EmulationPrevention.remove(nal, offset + NalUnitType.HEADER_LENGTH,
                length - NalUnitType.HEADER_LENGTH);
        BitReader r = new BitReader(STRUCTURE, rbsp, 0, rbsp.length);
        r.require(8, "sps_video_parameter_set_id..sps_temporal_id_nesting_flag");
        r.skip(4, "sps_video_parameter_set_id");
        int subLayers = r.ui(3, "sps_max_sub_layers_minus1");
        if (subLayers > MAX_SUB_LAYERS_MINUS1) {
            throw io.camelmedia.codec.bits.Errors.limit(STRUCTURE, "sps_max_sub_layers_minus1", subLayers,
                    MAX_SUB_LAYERS_MINUS1, 0);
        }
        r.flag("sps_temporal_id_nesting_flag");
        ProfileTierLevel ptl = ProfileTierLevel.read(r, subLayers);
        int id = r.ue("sps_seq_parameter_set_id", MAX_SPS_ID);
        int chroma = r.ue("chroma_format_idc", MAX_CHROMA_FORMAT_IDC);
        boolean separate = chroma == 3 && r.flag("separate_colour_plane_flag");
        int width = r.ue("pic_width_in_luma_samples", MAX_LUMA_SAMPLES_PER_SIDE);
        int height = r.ue("pic_height_in_luma_samples", MAX_LUMA_SAMPLES_PER_SIDE);
        int[] window = new int[4];
        if (r.flag("conformance_window_flag")) {
            window[0] = r.ue("conf_win_left_offset", MAX_LUMA_SAMPLES_PER_SIDE);
            window[1] = r.ue("conf_win_right_offset", MAX_LUMA_SAMPLES_PER_SIDE);
            window[2] = r.ue("conf_win_top_offset", MAX_LUMA_SAMPLES_PER_SIDE);
            window[3] = r.ue("conf_win_bottom_offset", MAX_LUMA_SAMPLES_PER_SIDE);
        }
        int lumaDepth = r.ue("bit_depth_luma_minus8", MAX_BIT_DEPTH_MINUS8);
        int chromaDepth = r.ue("bit_depth_chroma_minus8", MAX_BIT_DEPTH_MINUS8);
        Sps sps = new Sps(subLayers, ptl, id, chroma, separate, width, height, window, lumaDepth, chromaDepth);
        sps.checkWindow();
        return sps;
    }

    public static Sps decode(byte[] nal) {
        return decode(nal, 0, nal.length);
    }

    private void checkWindow() {
        if (picWidthInLumaSamples == 0 || picHeightInLumaSamples == 0 || width() <= 0 || height() <= 0) {
            throw new CodecException(STRUCTURE + ": conformance window " + conformanceWindow[0] + ","
                    + conformanceWindow[1] + "," + conformanceWindow[2] + "," + conformanceWindow[3]
                    + " leaves no picture of " + picWidthInLumaSamples + "x" + picHeightInLumaSamples);
        }
    }

    /** ChromaArrayType: 0 when the colour planes are coded separately. */
    public int chromaArrayType() {
        return separateColourPlaneFlag ? 0 : chromaFormatIdc;
    }

    /** SubWidthC of Table 6-1 (1 for monochrome, 4:4:4 and separate planes). */
    private int subWidthC() {
        return chromaArrayType() == 1 || chromaArrayType() == 2 ? 2 : 1;
    }

    private int subHeightC() {
        return chromaArrayType() == 1 ? 2 : 1;
    }

    /** Width in luma samples after the conformance window (7.4.3.2.1). */
    public int width() {
        return picWidthInLumaSamples - subWidthC() * (conformanceWindow[0] + conformanceWindow[1]);
    }

    public int height() {
        return picHeightInLumaSamples - subHeightC() * (conformanceWindow[2] + conformanceWindow[3]);
    }

    public int spsMaxSubLayersMinus1() {
        return spsMaxSubLayersMinus1;
    }

    public ProfileTierLevel profileTierLevel() {
        return profileTierLevel;
    }

    public int seqParameterSetId() {
        return seqParameterSetId;
    }

    public int chromaFormatIdc() {
        return chromaFormatIdc;
    }

    public int picWidthInLumaSamples() {
        return picWidthInLumaSamples;
    }

    public int picHeightInLumaSamples() {
        return picHeightInLumaSamples;
    }

    public int bitDepthLumaMinus8() {
        return bitDepthLumaMinus8;
    }

    public int bitDepthChromaMinus8() {
        return bitDepthChromaMinus8;
    }

    @Override
    public String toString() {
        return STRUCTURE + "[profile=" + profileTierLevel.generalProfileIdc() + " level="
                + profileTierLevel.generalLevelIdc() + " chroma=" + chromaFormatIdc + " " + width() + "x" + height()
                + " depth=" + (bitDepthLumaMinus8 + 8) + "]";
    }
}
