package io.camelmedia.process.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.camelmedia.format.mpegts.TsMuxer;
import io.camelmedia.format.segment.Part;
import io.camelmedia.format.segment.Segment;
import io.camelmedia.format.segment.SegmentFormat;
import io.camelmedia.format.segment.SegmentSink;
import io.camelmedia.format.segment.Segmenter;
import io.camelmedia.format.segment.SegmenterConfig;
import io.camelmedia.format.webm.WebmWriter;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * One stream recorded live into fragmented MP4, MPEG-TS or live WebM files (MediaMTX's recorder layout): the
 * {@link Segmenter} cuts a new file at the first video key frame at or after {@code interval} and a part every
 * {@code partDuration} (fMP4: {@code moof + mdat} after the file's {@code ftyp + moov}; MPEG-TS: whole packets, PAT
 * and PMT first in the file; WebM: one Cluster, the EBML header and Tracks in the file's first part), written as
 * {@code <start>.<ext>.part} and renamed to {@code <start>.<ext>} when finished, so the file is playable up to its
 * last complete part at any moment.
 *
 * <p>Threads: {@link #start}, {@link #frame} and {@link #end} run on the stream's thread and never touch the disk;
 * they queue tasks (open, part, close) that run in order on {@code lane} (one thread of a small pool). A part that
 * finds {@code maxQueuedParts} parts still waiting is dropped and counted, and so are the parts after it until one
 * starts on a key frame (they would not decode without it). A disk error (full, unwritable folder) ends
 * that file with what was written (cut back to its last complete part) and is logged once; the recording tries again
 * with its next file, and other recordings are not affected.
 */
public final class LiveRecorder implements SegmentSink {
    private static final System.Logger LOG = System.getLogger(LiveRecorder.class.getName());
    /** Drop warnings at most this often per recording. */
    private static final long WARN_EVERY_MS = 10_000;
    /** Open and close tasks are never dropped; this many beyond the part limit and the writer is hopelessly behind. */
    private static final int CONTROL_SLACK = 16;

    private final LiveRecordConfig config;
    private final String stream;
    private final Executor lane;
    private final Consumer<RecordedFile> finished;
    private final Segmenter segmenter;
    private final LiveRecordCounters counters;
    /** fMP4: the init segment each file starts with; MPEG-TS and WebM carry their header in the first part. */
    private byte[] init = new byte[0];
    private boolean fileOpen;
    /** A part was dropped: later parts need frames it had, so parts are dropped until one starts on a key frame. */
    private boolean resyncing;

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private int queuedParts;
    private boolean draining;
    private long dropped;
    private long lastDropWarnMs;

    /** Writer-thread state of the file being written. */
    private FileChannel channel;
    private Path partFile;
    private String relative;
    private long fileStart;
    private long fileBytes;
    private long fileFrames;
    private long fileDropped;
    private boolean failedLogged;

    public LiveRecorder(LiveRecordConfig config, String stream, Executor lane, Consumer<RecordedFile> finished) {
        this(config, stream, lane, finished, new LiveRecordCounters());
    }

    /** @param counters the endpoint's totals, counted into as well as this recorder's own */
    public LiveRecorder(LiveRecordConfig config, String stream, Executor lane, Consumer<RecordedFile> finished,
                        LiveRecordCounters counters) {
        this.config = config;
        this.stream = stream;
        this.lane = lane;
        this.finished = finished;
        this.counters = counters;
        this.segmenter = new Segmenter(new SegmenterConfig(config.format(), config.interval(), config.partDuration(), true),
                this);
    }

    /**
     * STARTED: the stream's tracks (those of the configured media types are kept).
     *
     * @throws IllegalArgumentException when no track is kept, or MPEG-TS / WebM cannot carry a kept track's codec
     */
    public synchronized void start(List<Track> tracks, long wallClockMs) {
        List<Track> kept = new ArrayList<>();
        for (Track t : tracks) {
            if (config.mediaTypes().contains(t.mediaType())) {
                kept.add(t);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("stream " + stream + " has no track of " + config.mediaTypes() + " to record");
        }
        for (Track t : kept) {
            if (!carries(t)) {
                throw new IllegalArgumentException("media:record stream " + stream + ": " + config.extension()
                        + " cannot carry " + t.codec() + " (track " + t.id() + "); record " + (config.format()
                        == SegmentFormat.WEBM ? "H.264/H.265/AAC as fmp4 or mpegts" : "VP8/VP9/AV1 as fmp4 or webm")
                        + ", or leave the track out with mediaTypes");
            }
        }
        segmenter.start(kept, wallClockMs);
    }

    private boolean carries(Track t) {
        return switch (config.format()) {
            case MPEGTS -> TsMuxer.supports(t.codec());
            case WEBM -> WebmWriter.supports(t.codec());
            case FMP4 -> true; // every codec of ours (the init segment refuses what it cannot describe)
        };
    }

    public synchronized void frame(MediaFrame f) {
        segmenter.frame(f);
    }

    /** ENDED (or the route stops): finishes the file being written. */
    public synchronized void end() {
        segmenter.end();
    }

    /** Parts dropped so far because the disk was behind. */
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public void init(byte[] initSegment, List<Track> tracks) {
        init = initSegment;
    }

    @Override
    public void part(Part part) {
        if (!fileOpen) {
            fileOpen = true;
            String rel = RecordingFiles.relativeName(stream, segmenter.segmentProgramDateTimeMs(), config.extension());
            long start = segmenter.segmentProgramDateTimeMs();
            if (config.format() != SegmentFormat.FMP4) {
                // MPEG-TS and WebM carry their header (PAT/PMT, EBML + Tracks) in the first part: it goes with the
                // open task, never dropped, so a file is never left without it
                byte[] head = part.data();
                int frames = part.frames();
                resyncing = false;
                enqueue(() -> open(rel, start, head, frames), false);
                return;
            }
            byte[] head = init;
            enqueue(() -> open(rel, start, head, 0), false);
        }
        if (resyncing && !part.independent()) {
            countDropped();
            return;
        }
        byte[] data = part.data();
        int frames = part.frames();
        resyncing = !enqueue(() -> append(data, frames), true);
    }

    @Override
    public void segment(Segment segment) {
        if (!fileOpen) {
            return;
        }
        fileOpen = false;
        double duration = segment.durationSeconds();
        enqueue(() -> close(duration), false);
    }

    /** Queues a task; false when it was dropped (a part, or anything once the queue is hopelessly full). */
    private boolean enqueue(Runnable task, boolean part) {
        synchronized (tasks) {
            if (part && queuedParts >= config.maxQueuedParts() || tasks.size() >= config.maxQueuedParts() + CONTROL_SLACK) {
                countDropped();
                return false;
            }
            if (part) {
                queuedParts++;
            }
            tasks.addLast(part ? new PartTask(task) : task);
            if (!draining) {
                draining = true;
                lane.execute(this::drain);
            }
            return true;
        }
    }

    private void countDropped() {
        counters.partDropped();
        synchronized (tasks) {
            dropped++;
            long now = System.currentTimeMillis();
            if (now - lastDropWarnMs >= WARN_EVERY_MS) {
                lastDropWarnMs = now;
                LOG.log(System.Logger.Level.WARNING, "media:record " + stream + ": the disk is behind ("
                        + queuedParts + " parts waiting); " + dropped + " parts dropped so far");
            }
        }
    }

    /** Marks a part task, so the queue knows what it counts. */
    private record PartTask(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    private void drain() {
        while (true) {
            Runnable t;
            synchronized (tasks) {
                t = tasks.pollFirst();
                if (t == null) {
                    draining = false;
                    tasks.notifyAll();
                    return;
                }
                if (t instanceof PartTask) {
                    queuedParts--;
                }
            }
            try {
                t.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "media:record " + stream + ": writer task failed", e);
            }
        }
    }

    /** Waits up to {@code timeoutMs} for the queued writes to reach the disk; false when they did not. */
    public boolean awaitWritten(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (tasks) {
            while (draining || !tasks.isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                tasks.wait(left);
            }
        }
        return true;
    }

    // ---- writer thread ----

    /** Creates the {@code .part} file with {@code head} (fMP4: the init segment; else the first part of headFrames). */
    private void open(String rel, long start, byte[] head, int headFrames) {
        if (channel != null) { // the previous file's close was dropped from a hopelessly full queue
            close(-1);
        }
        Path target = config.directory().resolve(rel);
        partFile = target.resolveSibling(target.getFileName() + ".part");
        relative = rel;
        fileStart = start;
        fileBytes = 0;
        fileFrames = 0;
        synchronized (tasks) {
            fileDropped = dropped;
        }
        try {
            Files.createDirectories(partFile.getParent());
            channel = FileChannel.open(partFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            RecordingFiles.opened(partFile);
            writeWhole(head);
            fileFrames = headFrames;
            failedLogged = false;
        } catch (IOException | RuntimeException e) {
            fail("cannot create " + partFile, e);
        }
    }

    private void append(byte[] data, int frames) {
        if (channel == null) {
            return;
        }
        try {
            writeWhole(data);
            fileFrames += frames;
        } catch (IOException e) {
            fail("cannot write " + partFile, e);
        }
    }

    /** Writes a part whole, or cuts the file back to where it was (a torn part never stays). */
    private void writeWhole(byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            while (b.hasRemaining()) {
                channel.write(b, fileBytes + b.position());
            }
            if (config.fsync()) {
                channel.force(false);
            }
        } catch (IOException e) {
            try {
                channel.truncate(fileBytes);
            } catch (IOException ignored) {
                // recovery cuts it at the next start
            }
            throw e;
        }
        fileBytes += data.length;
    }

    private void fail(String what, Exception e) {
        if (!failedLogged) {
            failedLogged = true;
            LOG.log(System.Logger.Level.ERROR, "media:record " + stream + ": " + what + ": " + e
                    + "; this file ends here (what was written stays playable), the recording tries again with its next file");
        }
        if (channel != null) {
            close(-1);
        }
        channel = null;
    }

    private void close(double durationSeconds) {
        if (channel == null) {
            return;
        }
        Path target = partFile.resolveSibling(partFile.getFileName().toString().replaceFirst("\\.part$", ""));
        try {
            channel.close();
            Files.move(partFile, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "media:record " + stream + ": cannot finish " + partFile + ": " + e
                    + " (left as .part; recovered at the next start)");
            return;
        } finally {
            channel = null;
            RecordingFiles.closed(partFile);
        }
        long droppedNow;
        synchronized (tasks) {
            droppedNow = dropped - fileDropped;
        }
        RecordedFile f = new RecordedFile(target, relative, stream, fileStart, Math.max(0, durationSeconds), fileBytes,
                fileFrames, droppedNow, false);
        counters.fileFinished();
        try {
            finished.accept(f);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "media:record " + stream + ": announcing " + target + " failed: " + e);
        }
    }
}
