package io.camelmedia.protocol.hls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.camelmedia.format.segment.SegmenterConfig;

/**
 * How an HLS origin serves its streams.
 *
 * @param segmenter      cutting and container (parts set: Low-Latency HLS)
 * @param playlistSize   segments listed in the media playlist (the live window)
 * @param maxStreams     streams served at once; more are refused at STARTED
 * @param endedRetention how long an ended stream's playlist (with EXT-X-ENDLIST) stays served, and a
 *                       reconnect under the same path continues it with EXT-X-DISCONTINUITY
 * @param directory      when not null, segments and (non-LL) playlists are also written here, for any web
 *                       server or CDN to serve; segments leaving the window are deleted
 * @param maxMemory      bytes of segments all streams may hold: above it windows shrink to {@link #MIN_WINDOW},
 *                       and then new streams are refused
 */
public record HlsConfig(SegmenterConfig segmenter, int playlistSize, int maxStreams, Duration endedRetention,
                        Path directory, long maxMemory) {
    /** Seven segments: about 14 s at 2 s, what MediaMTX lists; players start 3 segments from the end. */
    public static final int DEFAULT_PLAYLIST_SIZE = 7;
    public static final int DEFAULT_MAX_STREAMS = 1000;
    public static final Duration DEFAULT_ENDED_RETENTION = Duration.ofSeconds(60);
    /**
     * Segments kept after they leave the playlist, for players that fetched the playlist just before:
     * RFC 8216 §6.2.2 asks to keep them at least the playlist's duration; two more covers slow clients.
     */
    public static final int EXTRA_RETAINED_SEGMENTS = 2;
    /** Under memory pressure a stream's window shrinks, but never below three segments (RFC 8216 §6.2.2). */
    public static final int MIN_WINDOW = 3;
    /**
     * Segments of all streams of one origin held in memory at most, by default: 40 % of the JVM's maximum heap
     * (at 2.6 Mb/s a stream's 9 segments take ~6 MB, so a 512 MB heap holds ~35 full windows, ~70 at 3 segments).
     */
    public static long defaultMaxMemory() {
        return Runtime.getRuntime().maxMemory() * 2 / 5;
    }

    /** Parts are listed for this many most recent segments (RFC 8216bis: parts older than ~3 target durations go). */
    public static final int SEGMENTS_WITH_PARTS = 2;

    public HlsConfig {
        Objects.requireNonNull(segmenter, "segmenter");
        if (playlistSize < 3 || playlistSize > 100) {
            throw new IllegalArgumentException("playlistSize must be 3..100, was " + playlistSize);
        }
        if (maxStreams <= 0) {
            throw new IllegalArgumentException("maxStreams must be positive, was " + maxStreams);
        }
        Objects.requireNonNull(endedRetention, "endedRetention");
        if (maxMemory <= 0) {
            throw new IllegalArgumentException("maxMemory must be positive, was " + maxMemory);
        }
    }

    public static HlsConfig of(SegmenterConfig segmenter) {
        return new HlsConfig(segmenter, DEFAULT_PLAYLIST_SIZE, DEFAULT_MAX_STREAMS, DEFAULT_ENDED_RETENTION, null, defaultMaxMemory());
    }

    public boolean lowLatency() {
        return segmenter.hasParts();
    }
}
