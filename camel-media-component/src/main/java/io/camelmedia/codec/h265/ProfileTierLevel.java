package io.camelmedia.codec.h265;

import io.camelmedia.codec.bits.BitReader;

/**
 * profile_tier_level(profilePresentFlag = 1, maxNumSubLayersMinus1) of ITU-T H.265 7.3.3: the general
 * profile/tier/level is kept; the sub-layer entries are read past.
 */
public final class ProfileTierLevel {
    /** general_profile_space .. general_level_idc: 2+1+5+32+48+8 bits. */
    private static final int GENERAL_BITS = 96;
    /** sub_layer_profile_space .. sub_layer_inbld/reserved flag: 88 bits (7.3.3). */
    private static final int SUB_LAYER_PROFILE_BITS = 88;
    private static final int SUB_LAYER_LEVEL_BITS = 8;
    /** Entries up to 8 are always coded as 2 bits each once there is any sub-layer (reserved_zero_2bits). */
    private static final int MAX_SUB_LAYERS = 8;

    private final int generalProfileSpace;
    private final boolean generalTierFlag;
    private final int generalProfileIdc;
    private final long generalProfileCompatibilityFlags;
    private final long generalConstraintIndicatorFlags;
    private final int generalLevelIdc;

    private ProfileTierLevel(int space, boolean tier, int profile, long compat, long constraints, int level) {
        this.generalProfileSpace = space;
        this.generalTierFlag = tier;
        this.generalProfileIdc = profile;
        this.generalProfileCompatibilityFlags = compat;
        this.generalConstraintIndicatorFlags = constraints;
        this.generalLevelIdc = level;
    }

    /** Reads the structure; {@code maxNumSubLayersMinus1} is 0..6 (checked by the caller). */
    static ProfileTierLevel read(BitReader r, int maxNumSubLayersMinus1) {
        r.require(GENERAL_BITS, "general_profile_tier_level");
        int space = r.ui(2, "general_profile_space");
        boolean tier = r.flag("general_tier_flag");
        int profile = r.ui(5, "general_profile_idc");
        long compat = r.u(32, "general_profile_compatibility_flags");
        long constraints = r.u(48, "general_constraint_indicator_flags");
        int level = r.ui(8, "general_level_idc");
        boolean[] profilePresent = new boolean[maxNumSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxNumSubLayersMinus1];
        for (int i = 0; i < maxNumSubLayersMinus1; i++) {
            profilePresent[i] = r.flag("sub_layer_profile_present_flag");
            levelPresent[i] = r.flag("sub_layer_level_present_flag");
        }
        if (maxNumSubLayersMinus1 > 0) {
            r.skip(2L * (MAX_SUB_LAYERS - maxNumSubLayersMinus1), "reserved_zero_2bits");
        }
        for (int i = 0; i < maxNumSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skip(SUB_LAYER_PROFILE_BITS, "sub_layer_profile");
            }
            if (levelPresent[i]) {
                r.skip(SUB_LAYER_LEVEL_BITS, "sub_layer_level_idc");
            }
        }
        return new ProfileTierLevel(space, tier, profile, compat, constraints, level);
    }

    public int generalProfileSpace() {
        return generalProfileSpace;
    }

    public boolean generalTierFlag() {
        return generalTierFlag;
    }

    public int generalProfileIdc() {
        return generalProfileIdc;
    }

    public long generalProfileCompatibilityFlags() {
        return generalProfileCompatibilityFlags;
    }

    /** The 48 bits from general_progressive_source_flag to general_inbld_flag/reserved. */
    public long generalConstraintIndicatorFlags() {
        return generalConstraintIndicatorFlags;
    }

    public int generalLevelIdc() {
        return generalLevelIdc;
    }
}
