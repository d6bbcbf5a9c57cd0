package io.camelmedia.process.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import io.camelmedia.format.segment.SegmentFormat;
import io.camelmedia.frame.MediaType;

/**
 * How a {@link LiveRecorder} writes.
 *
 * @param directory      files go to {@code <directory>/<stream>/<start>.<mp4|ts|webm>}
 * @param interval       a new file at the first video key frame at or after this long (audio-only: on time)
 * @param partDuration   a part (fMP4 {@code moof + mdat}, MPEG-TS packets, a WebM Cluster) is written to disk at
 *                       least this often: what a crash loses at most
 * @param mediaTypes     the tracks kept
 * @param maxQueuedParts parts of one recording waiting for the disk; more are dropped (counted)
 * @param fsync          force each part to the device (survives power loss; costs a disk flush per part and stream)
 * @param format         the container: FMP4 ({@code .mp4}), MPEGTS ({@code .ts}) or WEBM ({@code .webm})
 */
public record LiveRecordConfig(Path directory, Duration interval, Duration partDuration, Set<MediaType> mediaTypes,
                               int maxQueuedParts, boolean fsync, SegmentFormat format) {
    /** Default file length: 1 h, as MediaMTX's recordSegmentDuration. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    /** Default part length: 1 s, as MediaMTX's recordPartDuration: an unclean stop loses at most about this much. */
    public static final Duration DEFAULT_PART_DURATION = Duration.ofSeconds(1);
    /** Default queue per recording: 64 parts, about a minute of media at the default part length. */
    public static final int DEFAULT_MAX_QUEUED_PARTS = 64;

    /** Fragmented MP4. */
    public LiveRecordConfig(Path directory, Duration interval, Duration partDuration, Set<MediaType> mediaTypes,
                            int maxQueuedParts, boolean fsync) {
        this(directory, interval, partDuration, mediaTypes, maxQueuedParts, fsync, SegmentFormat.FMP4);
    }

    public LiveRecordConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(format, "format");
        if (partDuration == null || partDuration.toMillis() < 100) {
            throw new IllegalArgumentException("partDuration must be at least 100 ms, was " + partDuration);
        }
        if (interval == null || interval.compareTo(partDuration) <= 0) {
            throw new IllegalArgumentException("interval (" + interval + ") must be longer than partDuration (" + partDuration + ")");
        }
        if (mediaTypes == null || mediaTypes.isEmpty()) {
            throw new IllegalArgumentException("mediaTypes must name video, audio or both");
        }
        if (maxQueuedParts <= 0) {
            throw new IllegalArgumentException("maxQueuedParts must be positive, was " + maxQueuedParts);
        }
        mediaTypes = Set.copyOf(mediaTypes);
    }

    /** The files' extension: mp4, ts or webm. */
    public String extension() {
        return format == SegmentFormat.FMP4 ? "mp4" : format.extension();
    }
}
