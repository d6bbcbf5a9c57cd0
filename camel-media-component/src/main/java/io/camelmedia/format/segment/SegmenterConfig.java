package io.camelmedia.format.segment;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Segmenter} cuts: segments start on a key frame at or after {@code segmentDuration}
 * (audio-only streams cut on time); with {@code partDuration} set (fMP4 only) each segment is also cut
 * into LL-HLS parts of about that length.
 *
 * @param format          the container
 * @param segmentDuration the target segment length (HLS: 2 s is the usual live choice)
 * @param partDuration    the LL-HLS part target, or zero for no parts
 * @param partsOnly       for recording: the sink takes each part as it closes and segments come without
 *                        their bytes ({@link Segment#data()} empty), so a long segment is never held in
 *                        memory; segments may then be up to {@link #MAX_RECORDING_SEGMENT} long. Recording
 *                        also takes parts in MPEG-TS (whole packets) and WebM (one Cluster each, the only use
 *                        of {@link SegmentFormat#WEBM}), and keeps Opus in MPEG-TS (file players read it; HLS
 *                        players do not)
 */
public record SegmenterConfig(SegmentFormat format, Duration segmentDuration, Duration partDuration, boolean partsOnly) {
    /** Default segment target: 2 s, as nginx-rtmp, SRS and MediaMTX default to for live HLS. */
    public static final Duration DEFAULT_SEGMENT_DURATION = Duration.ofSeconds(2);
    /** Default LL-HLS part target: 200 ms, Apple's recommended ballpark (about 1/10 of the segment). */
    public static final Duration DEFAULT_PART_DURATION = Duration.ofMillis(200);
    /**
     * A stream whose key frames never come (a broken encoder, a 60 s GOP) would grow one segment without
     * end: at this many targets the segment is cut anyway, on a non-key frame if it must.
     */
    public static final int MAX_SEGMENT_TARGETS = 5;
    /** The longest recording file (partsOnly): a day, MediaMTX's recordSegmentDuration defaults to 1 h. */
    public static final Duration MAX_RECORDING_SEGMENT = Duration.ofHours(24);

    public SegmenterConfig(SegmentFormat format, Duration segmentDuration, Duration partDuration) {
        this(format, segmentDuration, partDuration, false);
    }

    public SegmenterConfig {
        Objects.requireNonNull(format, "format");
        Duration max = partsOnly ? MAX_RECORDING_SEGMENT : Duration.ofSeconds(60);
        if (segmentDuration == null || segmentDuration.toMillis() < 100 || segmentDuration.compareTo(max) > 0) {
            throw new IllegalArgumentException("segmentDuration must be 100 ms .. " + max.toSeconds() + " s, was " + segmentDuration);
        }
        if (partsOnly && (partDuration == null || partDuration.isZero())) {
            throw new IllegalArgumentException("partsOnly needs a partDuration");
        }
        partDuration = partDuration == null ? Duration.ZERO : partDuration;
        if (format == SegmentFormat.WEBM && !partsOnly) {
            throw new IllegalArgumentException("webm segments are for recording (partsOnly) only");
        }
        if (!partDuration.isZero()) {
            if (format != SegmentFormat.FMP4 && !partsOnly) {
                throw new IllegalArgumentException("LL-HLS parts need fmp4, not " + format);
            }
            if (partDuration.toMillis() < 50 || partDuration.compareTo(segmentDuration) >= 0) {
                throw new IllegalArgumentException("partDuration must be 50 ms .. the segment duration, was " + partDuration);
            }
        }
    }

    public static SegmenterConfig of(SegmentFormat format) {
        return new SegmenterConfig(format, DEFAULT_SEGMENT_DURATION, Duration.ZERO);
    }

    public boolean hasParts() {
        return !partDuration.isZero();
    }

    long segmentMicros() {
        return segmentDuration.toNanos() / 1000;
    }

    long partMicros() {
        return partDuration.toNanos() / 1000;
    }
}
