package io.camelmedia.codec.av1;

import io.camelmedia.codec.bits.BitReader;

/**
 * sequence_header_obu() of the AV1 specification 5.5, read through color_config() (5.5.2): profile,
 * still-picture flags, the first operating point's level and tier, max_frame_width/height, bit depth,
 * monochrome and chroma subsampling.
 */
public final class SequenceHeader {
    private static final String STRUCTURE = "AV1 sequence_header_obu";
    /** seq_profile 0..2 are defined (6.4.1); 3..7 are reserved. */
    private static final int MAX_SEQ_PROFILE = 2;
    /** color_primaries BT_709, transfer SRGB, matrix IDENTITY (6.4.2): the sRGB shortcut of color_config. */
    private static final int CP_BT_709 = 1;
    private static final int TC_SRGB = 13;
    private static final int MC_IDENTITY = 0;
    private static final int SELECT_SCREEN_CONTENT_TOOLS = 2;

    private final int seqProfile;
    private final boolean stillPicture;
    private final boolean reducedStillPictureHeader;
    private final int seqLevelIdx0;
    private final int seqTier0;
    private final int maxFrameWidthMinus1;
    private final int maxFrameHeightMinus1;
    private final ColorConfig colorConfig;

    /** color_config() (5.5.2). */
    public record ColorConfig(int bitDepth, boolean monoChrome, int subsamplingX, int subsamplingY,
                              int chromaSamplePosition) {
    }

    private SequenceHeader(int seqProfile, boolean stillPicture, boolean reduced, int level, int tier,
                           int widthMinus1, int heightMinus1, ColorConfig colorConfig) {
        this.seqProfile = seqProfile;
        this.stillPicture = stillPicture;
        this.reducedStillPictureHeader = reduced;
        this.seqLevelIdx0 = level;
        this.seqTier0 = tier;
        this.maxFrameWidthMinus1 = widthMinus1;
        this.maxFrameHeightMinus1 = heightMinus1;
        this.colorConfig = colorConfig;
    }

    /** Decodes the OBU payload (after obu_header and obu_size) in {@code buf[offset, offset+length)}. */
    public static SequenceHeader decode(byte[] buf, int offset, int length) {
        BitReader r = new BitReader(STRUCTURE, buf, offset, length);
        r.require(5, "seq_profile..reduced_still_picture_header");
        int profile = r.ui(3, "seq_profile");
        if (profile > MAX_SEQ_PROFILE) {
            throw io.camelmedia.codec.bits.Errors.limit(STRUCTURE, "seq_profile", profile, MAX_SEQ_PROFILE, 0);
        }
        boolean still = r.flag("still_picture");
        boolean reduced = r.flag("reduced_still_picture_header");
        int level;
        int tier = 0;
        if (reduced) {
            level = r.ui(5, "seq_level_idx[0]");
        } else {
            int[] levelTier = operatingPoints(r);
            level = levelTier[0];
            tier = levelTier[1];
        }
        r.require(8, "frame_width_bits_minus_1, frame_height_bits_minus_1");
        int widthBits = r.ui(4, "frame_width_bits_minus_1") + 1;
        int heightBits = r.ui(4, "frame_height_bits_minus_1") + 1;
        int width = r.ui(widthBits, "max_frame_width_minus_1");
        int height = r.ui(heightBits, "max_frame_height_minus_1");
        skipToColorConfig(r, reduced);
        ColorConfig color = colorConfig(r, profile);
        return new SequenceHeader(profile, still, reduced, level, tier, width, height, color);
    }

    /** timing/decoder model info and the operating points; returns {seq_level_idx[0], seq_tier[0]}. */
    private static int[] operatingPoints(BitReader r) {
        boolean decoderModelInfoPresent = false;
        int bufferDelayLength = 0;
        if (r.flag("timing_info_present_flag")) {
            r.skip(64, "num_units_in_display_tick, time_scale");
            if (r.flag("equal_picture_interval")) {
                r.uvlc("num_ticks_per_picture_minus_1");
            }
            decoderModelInfoPresent = r.flag("decoder_model_info_present_flag");
            if (decoderModelInfoPresent) {
                bufferDelayLength = r.ui(5, "buffer_delay_length_minus_1") + 1;
                r.skip(32 + 5 + 5, "num_units_in_decoding_tick..frame_presentation_time_length_minus_1");
            }
        }
        boolean initialDisplayDelayPresent = r.flag("initial_display_delay_present_flag");
        int count = r.ui(5, "operating_points_cnt_minus_1") + 1;
        int[] first = new int[2];
        for (int i = 0; i < count; i++) {
            r.skip(12, "operating_point_idc");
            int level = r.ui(5, "seq_level_idx");
            int tier = level > 7 ? r.ui(1, "seq_tier") : 0;
            if (decoderModelInfoPresent && r.flag("decoder_model_present_for_this_op")) {
                r.skip(2L * bufferDelayLength + 1, "operating_parameters_info");
            }
            if (initialDisplayDelayPresent && r.flag("initial_display_delay_present_for_this_op")) {
                r.skip(4, "initial_display_delay_minus_1");
            }
            if (i == 0) {
                first[0] = level;
                first[1] = tier;
            }
        }
        return first;
    }

    /** From frame_id_numbers_present_flag to enable_restoration (5.5.1). */
    private static void skipToColorConfig(BitReader r, boolean reduced) {
        if (!reduced && r.flag("frame_id_numbers_present_flag")) {
            r.skip(4 + 3, "delta_frame_id_length_minus_2, additional_frame_id_length_minus_1");
        }
        r.skip(3, "use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter");
        if (!reduced) {
            r.skip(4, "enable_interintra_compound..enable_dual_filter");
            boolean orderHint = r.flag("enable_order_hint");
            if (orderHint) {
                r.skip(2, "enable_jnt_comp, enable_ref_frame_mvs");
            }
            int screenContent = r.flag("seq_choose_screen_content_tools") ? SELECT_SCREEN_CONTENT_TOOLS
                    : r.ui(1, "seq_force_screen_content_tools");
            if (screenContent > 0 && !r.flag("seq_choose_integer_mv")) {
                r.skip(1, "seq_force_integer_mv");
            }
            if (orderHint) {
                r.skip(3, "order_hint_bits_minus_1");
            }
        }
        r.skip(3, "enable_superres, enable_cdef, enable_restoration");
    }

    private static ColorConfig colorConfig(BitReader r, int profile) {
        boolean high = r.flag("high_bitdepth");
        int bitDepth = profile == 2 && high ? (r.flag("twelve_bit") ? 12 : 10) : (high ? 10 : 8);
        boolean mono = profile != 1 && r.flag("mono_chrome");
        int cp = 2;
        int tc = 2;
        int mc = 2;
        if (r.flag("color_description_present_flag")) {
            r.require(24, "color_primaries..matrix_coefficients");
            cp = r.ui(8, "color_primaries");
            tc = r.ui(8, "transfer_characteristics");
            mc = r.ui(8, "matrix_coefficients");
        }
        if (mono) {
            r.skip(1, "color_range");
            return new ColorConfig(bitDepth, true, 1, 1, 0);
        }
        if (cp == CP_BT_709 && tc == TC_SRGB && mc == MC_IDENTITY) {
            return new ColorConfig(bitDepth, false, 0, 0, 0);
        }
        r.skip(1, "color_range");
        int sx;
        int sy;
        if (profile == 0) {
            sx = 1;
            sy = 1;
        } else if (profile == 1) {
            sx = 0;
            sy = 0;
        } else if (bitDepth == 12) {
            sx = r.ui(1, "subsampling_x");
            sy = sx == 1 ? r.ui(1, "subsampling_y") : 0;
        } else {
            sx = 1;
            sy = 0;
        }
        int position = sx == 1 && sy == 1 ? r.ui(2, "chroma_sample_position") : 0;
        return new ColorConfig(bitDepth, false, sx, sy, position);
    }

    public int seqProfile() {
        return seqProfile;
    }

    public boolean stillPicture() {
        return stillPicture;
    }

    public boolean reducedStillPictureHeader() {
        return reducedStillPictureHeader;
    }

    public int seqLevelIdx0() {
        return seqLevelIdx0;
    }

    public int seqTier0() {
        return seqTier0;
    }

    public int maxFrameWidth() {
        return maxFrameWidthMinus1 + 1;
    }

    public int maxFrameHeight() {
        return maxFrameHeightMinus1 + 1;
    }

    public ColorConfig colorConfig() {
        return colorConfig;
    }

    public int bitDepth() {
        return colorConfig.bitDepth();
    }

    @Override
    public String toString() {
        return STRUCTURE + "[profile=" + seqProfile + " level=" + seqLevelIdx0 + " " + maxFrameWidth() + "x"
                + maxFrameHeight() + " depth=" + bitDepth() + "]";
    }
}
