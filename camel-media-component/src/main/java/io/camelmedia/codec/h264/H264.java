package io.camelmedia.codec.h264;

/**
 * Limits shared by the H.264 (and, through {@link AnnexB} / {@link Avcc}, H.265) parsers. Every count or
 * length read from untrusted bytes is bounded by one of these.
 */
public final class H264 {
    /**
     * Largest access unit accepted: 8 MiB. A 2160p60 stream at 50 Mbit/s averages about 100 KB per
     * frame; its key frames are rarely ten times that. 8 MiB leaves room for intra-only 8K.
     */
    public static final int MAX_ACCESS_UNIT_SIZE = 8 * 1024 * 1024;

    /**
     * Most NAL units accepted in one access unit. A 2160p picture coded one slice per macroblock row has
     * 135 slices; with AUD, SEI and parameter sets that stays under 256 (drones have been seen sending 48).
     */
    public static final int MAX_NAL_UNITS_PER_ACCESS_UNIT = 256;

    private H264() {
    }
}
