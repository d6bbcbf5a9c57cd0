package io.camelmedia.format.fmp4;

import java.util.Objects;

import io.camelmedia.frame.MediaFrame;

/**
 * One sample of a {@link TrackRun}: a frame and its duration in ticks of the frame's track clock
 * (ISO/IEC 14496-12 8.8.8 sample_duration). The caller knows the next frame's dts, so it gives
 * {@code next.dts - frame.dts}; the last sample of a stream usually repeats the previous duration.
 *
 * @param frame    the access unit or audio frame; its {@code pts - dts} becomes the composition offset
 * @param duration 0 .. 2^32-1 ticks
 */
public record Sample(MediaFrame frame, long duration) {
    public Sample {
        Objects.requireNonNull(frame, "frame");
    }
}
