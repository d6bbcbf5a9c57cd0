package io.camelmedia.codec.vp9;

import io.camelmedia.codec.bits.BitReader;

/**
 * The start of uncompressed_header() of the VP9 Bitstream Specification v0.6, 6.2: profile,
 * show_existing_frame, frame_type, show_frame, and for key frames frame_sync_code, color_config() (6.2.2)
 * and frame_size() (6.2.3). In a superframe (Annex B) the first frame starts at byte 0, so its header is
 * read the same way.
 */
public final class FrameHeader {
    private static final String STRUCTURE = "VP9 uncompressed_header";
    private static final int FRAME_MARKER = 2;
    /** frame_sync_code 0x49 0x83 0x42 (7.2). */
    private static final int FRAME_SYNC_CODE = 0x498342;
    private static final int KEY_FRAME = 0;
    /** color_space CS_RGB (7.2.2). */
    private static final int CS_RGB = 7;

    private final int profile;
    private final boolean showExistingFrame;
    private final int frameType;
    private final boolean showFrame;
    private final int bitDepth;
    private final int width;
    private final int height;

    private FrameHeader(int profile, boolean showExistingFrame, int frameType, boolean showFrame, int bitDepth,
                        int width, int height) {
        this.profile = profile;
        this.showExistingFrame = showExistingFrame;
        this.frameType = frameType;
        this.showFrame = showFrame;
        this.bitDepth = bitDepth;
        this.width = width;
        this.height = height;
    }

    public static FrameHeader decode(byte[] buf, int offset, int length) {
        BitReader r = new BitReader(STRUCTURE, buf, offset, length);
        r.require(8, "frame_marker..error_resilient_mode");
        int marker = r.ui(2, "frame_marker");
        if (marker != FRAME_MARKER) {
            throw io.camelmedia.codec.bits.Errors.invalid(STRUCTURE, "frame_marker", marker, "must be 2", 0);
        }
        int low = r.ui(1, "profile_low_bit");
        int profile = (r.ui(1, "profile_high_bit") << 1) | low;
        if (profile == 3) {
            r.skip(1, "reserved_zero");
        }
        if (r.flag("show_existing_frame")) {
            return new FrameHeader(profile, true, 1, true, 0, 0, 0);
        }
        int frameType = r.ui(1, "frame_type");
        boolean showFrame = r.flag("show_frame");
        r.skip(1, "error_resilient_mode");
        if (frameType != KEY_FRAME) {
            return new FrameHeader(profile, false, frameType, showFrame, 0, 0, 0);
        }
        int sync = r.ui(24, "frame_sync_code");
        if (sync != FRAME_SYNC_CODE) {
            throw io.camelmedia.codec.bits.Errors.invalid(STRUCTURE, "frame_sync_code", sync, "must be 0x498342", 1);
        }
        int bitDepth = colorConfig(r, profile);
        r.require(32, "frame_size");
        int w = r.ui(16, "frame_width_minus_1") + 1;
        int h = r.ui(16, "frame_height_minus_1") + 1;
        return new FrameHeader(profile, false, frameType, showFrame, bitDepth, w, h);
    }

    public static FrameHeader decode(byte[] frame) {
        return decode(frame, 0, frame.length);
    }

    /** color_config() (6.2.2); returns BitDepth. */
    private static int colorConfig(BitReader r, int profile) {
        int bitDepth = profile >= 2 ? (r.flag("ten_or_twelve_bit") ? 12 : 10) : 8;
        int colorSpace = r.ui(3, "color_space");
        boolean oddProfile = profile == 1 || profile == 3;
        if (colorSpace != CS_RGB) {
            r.skip(1, "color_range");
            if (oddProfile) {
                r.skip(3, "subsampling_x, subsampling_y, reserved_zero");
            }
        } else if (oddProfile) {
            r.skip(1, "reserved_zero");
        }
        return bitDepth;
    }

    public int profile() {
        return profile;
    }

    public boolean showExistingFrame() {
        return showExistingFrame;
    }

    /** 0 KEY_FRAME, 1 NON_KEY_FRAME. */
    public int frameType() {
        return frameType;
    }

    /** A key frame that is decoded (not a show_existing_frame): a decoder can start here. */
    public boolean isKeyFrame() {
        return !showExistingFrame && frameType == KEY_FRAME;
    }

    public boolean showFrame() {
        return showFrame;
    }

    /** BitDepth of a key frame, 0 otherwise. */
    public int bitDepth() {
        return bitDepth;
    }

    /** frame_width_minus_1 + 1 of a key frame, 0 otherwise. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
