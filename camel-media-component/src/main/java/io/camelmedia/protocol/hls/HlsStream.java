package io.camelmedia.protocol.hls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import io.camelmedia.format.segment.Part;
import io.camelmedia.format.segment.Segment;
import io.camelmedia.format.segment.SegmentSink;
import io.camelmedia.format.segment.Segmenter;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;

/**
 * One live stream of an HLS origin: its segmenter, the window of segments (plus a few retained for players
 * that are behind), the parts of the segment being built, init segments, and the requests waiting for
 * what is not there yet (LL-HLS blocking playlist reload and preload-hinted parts).
 *
 * <p>The publisher's thread feeds frames; HTTP threads read. State is guarded by this object's lock;
 * waiting requests are woken outside it.
 */
final class HlsStream implements SegmentSink {
    /** Requests that may wait at once per stream; more are answered at once with what there is. */
    static final int MAX_WAITERS = 1000;

    /** A segment and the init segment (by version) it needs. */
    record Entry(Segment segment, int initVersion) {
    }

    private record Waiter(BooleanSupplier ready, CompletableFuture<Void> future) {
    }

    final String path;
    private final HlsConfig config;
    private final Segmenter segmenter;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final List<Part> openParts = new ArrayList<>();
    private final Map<Integer, byte[]> inits = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private int initVersion = -1;
    private List<Track> tracks = List.of();
    private long openSequence;
    private int droppedDiscontinuities;
    private boolean ended;
    private long endedAtNanos;
    private int maxRoundedDuration;
    private double maxPartDuration;
    private long peakBitsPerSecond;
    private long totalBytes;
    private double totalSeconds;

    /** Mirrors segments and playlists to a directory, or null. */
    private final HlsDiskWriter disk;
    /** The origin's memory budget, shared by all its streams. */
    private final HlsMemoryBudget budget;

    HlsStream(String path, HlsConfig config, HlsDiskWriter disk, HlsMemoryBudget budget) {
        this.path = path;
        this.config = config;
        this.disk = disk;
        this.budget = budget;
        this.segmenter = new Segmenter(config.segmenter(), this);
        this.maxRoundedDuration = (int) Math.max(1, Math.round(config.segmenter().segmentDuration().toMillis() / 1000.0));
        this.maxPartDuration = config.segmenter().partDuration().toMillis() / 1000.0;
    }

    // ---- publisher side

    void started(StreamInfo info, long wallClockMs) {
        synchronized (this) {
            ended = false;
            segmenter.start(info.tracks(), wallClockMs);
        }
        wake();
    }

    void frame(MediaFrame frame) {
        synchronized (this) {
            segmenter.frame(frame);
        }
        wake();
    }

    void ended() {
        synchronized (this) {
            segmenter.end();
            ended = true;
            endedAtNanos = System.nanoTime();
            mirrorPlaylists();
        }
        wake();
    }

    @Override
    public void init(byte[] initSegment, List<Track> newTracks) {
        initVersion++;
        inits.put(initVersion, initSegment);
        tracks = newTracks;
        if (disk != null) {
            disk.write(path, HlsPlaylists.initName(initVersion), initSegment);
        }
    }

    @Override
    public void part(Part part) {
        openParts.add(part);
        maxPartDuration = Math.max(maxPartDuration, part.durationSeconds());
    }

    @Override
    public void segment(Segment segment) {
        entries.addLast(new Entry(segment, initVersion));
        openParts.clear();
        openSequence = segment.sequence() + 1;
        maxRoundedDuration = Math.max(maxRoundedDuration, (int) Math.round(segment.durationSeconds()));
        if (segment.durationSeconds() > 0) {
            peakBitsPerSecond = Math.max(peakBitsPerSecond, (long) (segment.data().length * 8 / segment.durationSeconds()));
        }
        totalBytes += segment.data().length;
        totalSeconds += segment.durationSeconds();
        // parts are served only for the most recent segments: drop the older ones' part copies
        int withParts = 0;
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (++withParts > HlsConfig.SEGMENTS_WITH_PARTS && !e.segment().parts().isEmpty()) {
                Segment s = e.segment();
                Entry stripped = new Entry(new Segment(s.sequence(), s.durationSeconds(), s.firstPtsMicros(),
                        s.programDateTimeMs(), s.independent(), s.discontinuity(), s.data(), List.of()), e.initVersion());
                replace(e, stripped);
                break;
            }
        }
        if (disk != null) {
            disk.write(path, HlsPlaylists.segmentName(segment.sequence(), config.segmenter().format()), segment.data());
        }
        budget.add(segment.data().length);
        while (entries.size() > config.playlistSize() + HlsConfig.EXTRA_RETAINED_SEGMENTS
                || budget.exceeded() && entries.size() > HlsConfig.MIN_WINDOW) {
            Entry gone = entries.removeFirst();
            budget.add(-gone.segment().data().length);
            if (gone.segment().discontinuity()) {
                droppedDiscontinuities++;
            }
            if (disk != null) {
                disk.delete(path, HlsPlaylists.segmentName(gone.segment().sequence(), config.segmenter().format()));
            }
        }
        inits.keySet().removeIf(v -> v != initVersion && entries.stream().noneMatch(e -> e.initVersion() == v));
        mirrorPlaylists();
    }

    /** The on-disk copy gets plain (non-LL) playlists: a file server cannot block. */
    private void mirrorPlaylists() {
        if (disk == null || entries.isEmpty()) {
            return;
        }
        HlsPlaylists.Snapshot s = snapshot();
        disk.writeText(path, HlsPlaylists.MEDIA, HlsPlaylists.media(s, false));
        disk.writeText(path, HlsPlaylists.MULTIVARIANT, HlsPlaylists.multivariant(s));
    }

    private void replace(Entry old, Entry updated) {
        List<Entry> all = new ArrayList<>(entries);
        all.set(all.indexOf(old), updated);
        entries.clear();
        entries.addAll(all);
    }

    // ---- reader side

    synchronized boolean isEnded() {
        return ended;
    }

    synchronized boolean expired(long nowNanos) {
        return ended && nowNanos - endedAtNanos > config.endedRetention().toNanos();
    }

    /** Forgets every segment (the stream leaves the origin): gives its bytes back to the budget. */
    synchronized void release() {
        for (Entry e : entries) {
            budget.add(-e.segment().data().length);
        }
        entries.clear();
    }

    synchronized boolean hasSegments() {
        return !entries.isEmpty();
    }

    synchronized List<Track> tracks() {
        return tracks;
    }

    /** The last complete segment's sequence number, or -1. */
    synchronized long lastSequence() {
        return entries.isEmpty() ? -1 : entries.peekLast().segment().sequence();
    }

    synchronized long openSequence() {
        return openSequence;
    }

    synchronized int openPartCount() {
        return openParts.size();
    }

    /** Segment {@code msn} is complete, or (with {@code part} >= 0) that part of it exists. */
    synchronized boolean has(long msn, int part) {
        if (ended || msn <= lastSequence()) {
            return true;
        }
        return part >= 0 && msn == openSequence && part < openParts.size();
    }

    /** Completes when {@code ready} holds (checked after every change), or at once if too many wait. */
    CompletableFuture<Void> await(BooleanSupplier ready) {
        synchronized (this) {
            if (ready.getAsBoolean() || waiters.size() >= MAX_WAITERS) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiters.add(new Waiter(ready, f));
            return f;
        }
    }

    /** Forgets a waiter that gave up (timeout, client gone). */
    synchronized void cancel(CompletableFuture<Void> future) {
        waiters.removeIf(w -> w.future() == future);
    }

    private void wake() {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (this) {
            if (waiters.isEmpty()) {
                return;
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.ready().getAsBoolean()) {
                    done.add(w.future());
                    it.remove();
                }
            }
        }
        done.forEach(f -> f.complete(null));
    }

    synchronized byte[] init(int version) {
        return inits.get(version);
    }

    synchronized Segment segment(long sequence) {
        for (Entry e : entries) {
            if (e.segment().sequence() == sequence) {
                return e.segment();
            }
        }
        return null;
    }

    /** Part {@code index} of segment {@code sequence}, from the open segment or a recent complete one. */
    synchronized Part part(long sequence, int index) {
        if (sequence == openSequence) {
            return index < openParts.size() ? openParts.get(index) : null;
        }
        Segment s = segment(sequence);
        return s != null && index < s.parts().size() ? s.parts().get(index) : null;
    }

    synchronized long firstRetainedSequence() {
        return entries.isEmpty() ? openSequence : entries.peekFirst().segment().sequence();
    }

    /** A consistent copy of what the playlists need. */
    synchronized HlsPlaylists.Snapshot snapshot() {
        List<Entry> all = new ArrayList<>(entries);
        int skip = Math.max(0, all.size() - config.playlistSize());
        int discontinuities = droppedDiscontinuities;
        for (int i = 0; i < skip; i++) {
            if (all.get(i).segment().discontinuity()) {
                discontinuities++;
            }
        }
        long avg = totalSeconds > 0 ? (long) (totalBytes * 8 / totalSeconds) : 0;
        return new HlsPlaylists.Snapshot(config, tracks, List.copyOf(all.subList(skip, all.size())),
                List.copyOf(openParts), openSequence, discontinuities, ended, maxRoundedDuration, maxPartDuration,
                peakBitsPerSecond, avg);
    }
}
