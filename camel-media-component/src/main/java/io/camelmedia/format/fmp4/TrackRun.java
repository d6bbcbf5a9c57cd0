package io.camelmedia.format.fmp4;

import java.util.List;
import java.util.Objects;

import io.camelmedia.frame.Track;

/**
 * The samples of one track in one fragment: becomes one {@code traf} with its {@code tfdt} and
 * {@code trun} (ISO/IEC 14496-12 8.8.6, 8.8.12, 8.8.8) and the samples' bytes in the {@code mdat}.
 *
 * @param track                the track, as announced in the init segment (matched by id)
 * @param baseMediaDecodeTime  decode time of the first sample, in ticks of the track clock (tfdt); the
 *                             sum of all earlier sample durations, usually the first frame's dts
 * @param samples              in decode order, all on {@code track}'s id; may be empty
 */
public record TrackRun(Track track, long baseMediaDecodeTime, List<Sample> samples) {
    public TrackRun {
        Objects.requireNonNull(track, "track");
        samples = List.copyOf(samples);
    }
}
