package io.camelmedia.protocol.hls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.camelmedia.format.segment.Part;
import io.camelmedia.format.segment.Segment;
import io.camelmedia.format.segment.SegmentFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;

/**
 * An HLS origin: live streams in, playlists and segments out. Publishers call {@link #started},
 * {@link #frame}, {@link #ended} (on their own threads; each call is short and never blocks on readers).
 * Readers call {@link #handle} with the path below the origin's base URL ({@code live/cam1/index.m3u8})
 * and get an answer, at once or, for LL-HLS blocking requests, when what they asked for exists.
 *
 * <p>Ended streams keep their playlist (with EXT-X-ENDLIST) for {@link HlsConfig#endedRetention()}; a
 * publisher that comes back to the same path continues it after an EXT-X-DISCONTINUITY.
 */
public final class HlsOrigin implements AutoCloseable {
    /**
     * How long a blocking request may wait: RFC 8216bis §6.2.5.2 lets a server hold a playlist request up to
     * three target durations; after that we answer with what there is.
     */
    static final int BLOCK_TARGET_DURATIONS = 3;
    /** LL-HLS "Advance Part Limit" for PART-TARGET under 1 s (RFC 8216bis §6.2.5.2). */
    static final int ADVANCE_PART_LIMIT = 3;

    private final HlsConfig config;
    private final Map<String, HlsStream> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final HlsDiskWriter disk;
    private final HlsMemoryBudget budget;

    public HlsOrigin(HlsConfig config) {
        this.config = config;
        this.budget = new HlsMemoryBudget(config.maxMemory());
        this.disk = config.directory() == null ? null : new HlsDiskWriter(config.directory());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hls-origin-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, 5, 5, TimeUnit.SECONDS);
    }

    public HlsConfig config() {
        return config;
    }

    // ---- publishers

    /**
     * A stream starts (or resumes after a reconnect).
     *
     * @throws IllegalStateException when {@link HlsConfig#maxStreams()} streams are served already
     */
    public void started(StreamInfo info) {
        HlsStream stream = streams.get(info.path());
        if (stream == null) {
            sweep();
            if (streams.size() >= config.maxStreams()) {
                throw new IllegalStateException("HLS origin serves " + streams.size() + " streams, the maximum ("
                        + config.maxStreams() + "): " + info.path() + " refused");
            }
            if (budget.used() > budget.max() * 9 / 10) {
                throw new IllegalStateException("HLS origin memory budget nearly exhausted (" + budget.used() / (1024 * 1024)
                        + " of " + budget.max() / (1024 * 1024) + " MiB in segments): " + info.path() + " refused");
            }
            stream = streams.computeIfAbsent(info.path(), p -> new HlsStream(p, config, disk, budget));
        }
        stream.started(info, System.currentTimeMillis());
    }

    public void frame(String path, MediaFrame frame) {
        HlsStream stream = streams.get(path);
        if (stream != null) {
            stream.frame(frame);
        }
    }

    public void ended(String path) {
        HlsStream stream = streams.get(path);
        if (stream != null) {
            stream.ended();
        }
    }

    /** Paths of the streams served now (live, or ended and still retained). */
    public List<String> paths() {
        return new ArrayList<>(streams.keySet());
    }

    /** True when {@code path} is live (started, not ended). */
    public boolean isLive(String path) {
        HlsStream s = streams.get(path);
        return s != null && !s.isEnded();
    }

    private void sweep() {
        long now = System.nanoTime();
        streams.values().removeIf(s -> {
            if (s.expired(now)) {
                s.release();
                return true;
            }
            return false;
        });
    }

    // ---- readers

    /**
     * Answers a GET of {@code relativePath} ({@code <stream path>/<file>}); {@code query} carries
     * {@code _HLS_msn} / {@code _HLS_part} for blocking playlist reloads.
     */
    public CompletableFuture<HlsResponse> handle(String relativePath, Map<String, String> query) {
        int slash = relativePath.lastIndexOf('/');
        if (slash <= 0) {
            return done(HlsResponse.error(404, "no such HLS resource: " + relativePath));
        }
        String path = relativePath.substring(0, slash);
        String file = relativePath.substring(slash + 1);
        HlsStream stream = streams.get(path);
        if (stream == null) {
            return done(HlsResponse.error(404, "no live stream " + path));
        }
        try {
            return route(stream, file, query);
        } catch (NumberFormatException e) {
            return done(HlsResponse.error(400, "malformed request " + file + " " + query + ": " + e.getMessage()));
        }
    }

    private CompletableFuture<HlsResponse> route(HlsStream stream, String file, Map<String, String> query) {
        if (file.equals(HlsPlaylists.MULTIVARIANT)) {
            // the first segment measures BANDWIDTH and shows the codecs: wait for it
            return after(stream, stream::hasSegments, () -> playlist(stream, HlsPlaylists.MULTIVARIANT));
        }
        if (file.equals(HlsPlaylists.MEDIA)) {
            return mediaPlaylist(stream, query);
        }
        if (file.startsWith("init-") && file.endsWith(".mp4")) {
            byte[] init = stream.init(Integer.parseInt(file.substring(5, file.length() - 4)));
            return done(init == null ? HlsResponse.error(404, "no init segment " + file + " for " + stream.path)
                    : HlsResponse.media("video/mp4", init));
        }
        SegmentFormat format = config.segmenter().format();
        if (file.startsWith("seg-") && file.endsWith("." + format.extension())) {
            return done(segment(stream, Long.parseLong(file.substring(4, file.length() - format.extension().length() - 1))));
        }
        if (file.startsWith("part-") && file.endsWith(".m4s") && config.lowLatency()) {
            String[] n = file.substring(5, file.length() - 4).split("\\.");
            if (n.length == 2) {
                return part(stream, Long.parseLong(n[0]), Integer.parseInt(n[1]));
            }
        }
        return done(HlsResponse.error(404, "no such HLS resource: " + stream.path + "/" + file));
    }

    private CompletableFuture<HlsResponse> mediaPlaylist(HlsStream stream, Map<String, String> query) {
        String msnParam = query.get("_HLS_msn");
        if (msnParam == null || !config.lowLatency()) {
            return after(stream, stream::hasSegments, () -> playlist(stream, HlsPlaylists.MEDIA));
        }
        long msn = Long.parseLong(msnParam);
        int part = query.containsKey("_HLS_part") ? Integer.parseInt(query.get("_HLS_part")) : -1;
        if (msn < 0 || part < -1) {
            return done(HlsResponse.error(400, "_HLS_msn and _HLS_part must not be negative"));
        }
        long open = stream.openSequence();
        if (msn > open + 1 || msn == open + 1 && part > ADVANCE_PART_LIMIT
                || msn == open && part >= stream.openPartCount() + ADVANCE_PART_LIMIT) {
            return done(HlsResponse.error(400, "_HLS_msn=" + msn + (part >= 0 ? " _HLS_part=" + part : "")
                    + " is too far beyond the live edge of " + stream.path + " (segment " + open + ", part "
                    + stream.openPartCount() + " in progress)"));
        }
        return after(stream, () -> stream.has(msn, part), () -> playlist(stream, HlsPlaylists.MEDIA));
    }

    private HlsResponse segment(HlsStream stream, long sequence) {
        Segment s = stream.segment(sequence);
        if (s != null) {
            return HlsResponse.media(config.segmenter().format().contentType(), s.data());
        }
        long first = stream.firstRetainedSequence();
        return HlsResponse.error(404, sequence < first
                ? "segment " + sequence + " of " + stream.path + " has left the window (oldest is " + first + ")"
                : "segment " + sequence + " of " + stream.path + " does not exist yet");
    }

    private CompletableFuture<HlsResponse> part(HlsStream stream, long sequence, int index) {
        long open = stream.openSequence();
        if (sequence > open + 1 || sequence < stream.firstRetainedSequence()) {
            return done(HlsResponse.error(404, "part " + sequence + "." + index + " of " + stream.path + " is not served"));
        }
        // a preload hint names the next part before it exists: hold the request until it does
        return after(stream, () -> stream.part(sequence, index) != null || stream.isEnded() || stream.lastSequence() >= sequence,
                () -> {
                    Part p = stream.part(sequence, index);
                    return p == null ? HlsResponse.error(404, "part " + sequence + "." + index + " of " + stream.path
                            + " does not exist") : HlsResponse.media("video/mp4", p.data());
                });
    }

    /** Renders when {@code ready} holds, waiting at most three target durations. */
    private CompletableFuture<HlsResponse> after(HlsStream stream, BooleanSupplier ready, Supplier<HlsResponse> render) {
        CompletableFuture<Void> waiting = stream.await(() -> ready.getAsBoolean() || stream.isEnded());
        if (waiting.isDone()) {
            return done(render.get());
        }
        long timeoutMs = (long) BLOCK_TARGET_DURATIONS * config.segmenter().segmentDuration().toMillis() + 1000;
        timer.schedule(() -> {
            stream.cancel(waiting);
            waiting.complete(null);
        }, timeoutMs, TimeUnit.MILLISECONDS);
        return waiting.thenApply(v -> render.get());
    }

    private static HlsResponse playlist(HlsStream stream, String name) {
        if (!stream.hasSegments()) {
            return HlsResponse.error(404, "stream " + stream.path + " has no segment yet");
        }
        HlsPlaylists.Snapshot snapshot = stream.snapshot();
        return HlsResponse.playlist(name.equals(HlsPlaylists.MULTIVARIANT) ? HlsPlaylists.multivariant(snapshot)
                : HlsPlaylists.media(snapshot));
    }

    private static CompletableFuture<HlsResponse> done(HlsResponse r) {
        return CompletableFuture.completedFuture(r);
    }

    /** Ends every stream and stops the timer. */
    @Override
    public void close() {
        streams.values().forEach(HlsStream::ended);
        streams.values().forEach(HlsStream::release);
        streams.clear();
        timer.shutdownNow();
        if (disk != null) {
            disk.close();
        }
    }
}
