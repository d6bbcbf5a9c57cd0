package io.camelmedia.format.segment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.format.fmp4.Fmp4Writer;
import io.camelmedia.format.fmp4.Sample;
import io.camelmedia.format.fmp4.TrackRun;
import io.camelmedia.format.mpegts.TsMuxer;
import io.camelmedia.format.webm.WebmWriter;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;

/**
 * Cuts one live stream into segments (and LL-HLS parts) of MPEG-TS or fMP4. The one implementation behind
 * {@code hls:}, {@code media:segment} and live recording ({@link SegmenterConfig#partsOnly()}, which also writes
 * MPEG-TS parts and live WebM, one Cluster per part, a part cut at every video key frame too).
 *
 * <p>Cutting: with a video track, a segment starts on a video key frame whose dts is at least
 * {@code segmentDuration} after the segment's start (RFC 8216 §6.2.2 wants segments that start
 * decodable); audio-only streams cut on time. Frames before the first video key frame are dropped (they
 * cannot be decoded). With parts, a part is closed at the first frame at least {@code partDuration} after
 * its start.
 *
 * <p>fMP4 sample durations are exact: a frame is held until the next frame of its track gives its
 * duration, so a part holds, per track, the frames whose successor has arrived. A frame whose track
 * changes parameters (a new sequence header) starts a new segment with a new init segment, marked
 * discontinuous.
 *
 * <p>Not thread-safe: one stream, fed on one thread (its publisher's event loop).
 */
public final class Segmenter {
    private static final System.Logger LOG = System.getLogger(Segmenter.class.getName());
    /** A segment is cut at the next frame once it holds this much (64 MiB: 100 s of 5 Mb/s). */
    public static final int MAX_SEGMENT_BYTES = 64 * 1024 * 1024;
    /** Timestamps in milliseconds (RTMP) make a 29.97 fps frame 33 or 34 ms: tolerate that much over the target. */
    private static final long PART_SLACK_MICROS = 1_000;
    /** Audio held while waiting for the first video key frame: a few seconds of AAC/Opus frames. */
    private static final int MAX_HELD_BEFORE_KEYFRAME = 256;
    /** How far ahead of the first video key frame audio is still kept: 1 s. */
    private static final long MAX_AUDIO_LEAD_MICROS = 1_000_000;

    private final SegmenterConfig config;
    private final SegmentSink sink;

    private List<Track> tracks;
    private Track video;
    private TsMuxer ts;
    /** MPEG-TS and WebM: the bytes of the frames since the last part (they are muxed as they come). */
    private final ByteBuf muxedOut = Unpooled.buffer(0);
    /** WebM: the open segment's writer (a new file, so a new EBML header, per segment). */
    private WebmWriter webm;
    private int partFrames;
    private boolean partIndependent;

    /** fMP4: per track id, frames waiting for their duration or for their part to close. */
    private final Map<Integer, Deque<Pending>> pending = new LinkedHashMap<>();
    private long fragmentSequence = 1;

    private long segmentSequence;
    private boolean segmentOpen;
    private long segmentStartMicros;
    private long segmentFirstPtsMicros;
    private boolean segmentIndependent;
    private boolean nextDiscontinuity;
    private long partStartMicros;
    private final List<Part> parts = new ArrayList<>();
    private int partsInSegment;
    private final ByteArrayOutputStream segmentBytes = new ByteArrayOutputStream();
    private long streamStartMicros = Long.MIN_VALUE;
    /**
     * fMP4: added to every decode time, so the stream's earliest frame starts at 0 (tfdt is unsigned). Files start
     * below 0 (AAC priming, B-frame dts); clamping those to 0 would shift a track onto its next part. Fixed at the
     * stream's first part; -1 until then.
     */
    private long timelineOffsetMicros = -1;
    private long wallClockStartMs;
    private long lastMicros;
    /** The driving track's last frame interval, to foresee whether the next frame still fits in the part. */
    private long drivingFrameMicros;
    private long lastDrivingMicros = Long.MIN_VALUE;
    private boolean waitingForKeyframe;
    private final Deque<MediaFrame> heldBeforeKeyframe = new ArrayDeque<>();

    /** A frame and, once its successor arrived, its duration in its track's clock. */
    private static final class Pending {
        final MediaFrame frame;
        long duration = -1;

        Pending(MediaFrame frame) {
            this.frame = frame;
        }
    }

    public Segmenter(SegmenterConfig config, SegmentSink sink) {
        this.config = config;
        this.sink = sink;
    }

    /**
     * Begins (or, after {@link #end}, resumes) the stream with {@code tracks}; a resumed stream's first
     * segment is marked discontinuous.
     *
     * @param wallClockMs the wall-clock time of the first frame, for EXT-X-PROGRAM-DATE-TIME
     * @throws IllegalArgumentException when the format can carry none of the tracks
     */
    public void start(List<Track> streamTracks, long wallClockMs) {
        if (tracks != null) {
            nextDiscontinuity = true;
        }
        List<Track> carried = new ArrayList<>();
        for (Track t : streamTracks) {
            if (t.mediaType() == MediaType.DATA) {
                continue;
            }
            // Opus in MPEG-TS exists (SRT carries it) but HLS players do not play it: fMP4 carries Opus for HLS
            if (config.format() == SegmentFormat.MPEGTS && (!TsMuxer.supports(t.codec())
                    || t.codec() == Codec.OPUS && !config.partsOnly())) {
                LOG.log(System.Logger.Level.WARNING, "MPEG-TS cannot carry " + t.codec() + ": track " + t.id()
                        + " left out (use fmp4 for " + t.codec() + ")");
                continue;
            }
            if (config.format() == SegmentFormat.WEBM && !WebmWriter.supports(t.codec())) {
                LOG.log(System.Logger.Level.WARNING, "WebM cannot carry " + t.codec() + ": track " + t.id() + " left out");
                continue;
            }
            carried.add(t);
        }
        if (carried.isEmpty()) {
            throw new IllegalArgumentException(config.format() + " can carry none of the tracks " + streamTracks);
        }
        setTracks(carried);
        streamStartMicros = Long.MIN_VALUE;
        timelineOffsetMicros = -1;
        lastDrivingMicros = Long.MIN_VALUE;
        drivingFrameMicros = 0;
        wallClockStartMs = wallClockMs;
        waitingForKeyframe = video != null;
        heldBeforeKeyframe.clear();
    }

    private void setTracks(List<Track> carried) {
        tracks = List.copyOf(carried);
        video = tracks.stream().filter(t -> t.mediaType() == MediaType.VIDEO).findFirst().orElse(null);
        pending.clear();
        for (Track t : tracks) {
            pending.put(t.id(), new ArrayDeque<>());
        }
        if (config.format() == SegmentFormat.MPEGTS) {
            ts = new TsMuxer(tracks);
        } else if (config.format() == SegmentFormat.FMP4) {
            sink.init(Fmp4Writer.initSegment(tracks), tracks);
        }
    }

    /**
     * The wall-clock time (epoch ms) of the open segment's first frame (the stream's wall-clock start plus the
     * media time since); valid while a segment is open, so also inside {@link SegmentSink#part}.
     */
    public long segmentProgramDateTimeMs() {
        return wallClockStartMs + (segmentStartMicros - streamStartMicros) / 1000;
    }

    /** The tracks being carried (after leaving out what the format cannot carry). */
    public List<Track> tracks() {
        return tracks;
    }

    /** One frame of the stream; frames of tracks not carried are ignored. */
    public void frame(MediaFrame f) {
        if (tracks == null) {
            throw new IllegalStateException("frame before start()");
        }
        if (trackOf(f.track().id()) == null) {
            return;
        }
        long micros = f.dtsMicros();
        if (waitingForKeyframe) {
            if (f.track().mediaType() != MediaType.VIDEO || !f.keyframe()) {
                holdUntilKeyframe(f);
                return;
            }
            waitingForKeyframe = false;
            accept(f, micros);
            // audio that came shortly before the key frame belongs to the first segment (encoders start audio
            // a few ms to a few hundred ms before video; players align on the timestamps)
            for (MediaFrame held : heldBeforeKeyframe) {
                if (held.dtsMicros() >= micros - MAX_AUDIO_LEAD_MICROS) {
                    accept(held, held.dtsMicros());
                }
            }
            heldBeforeKeyframe.clear();
            return;
        }
        accept(f, micros);
    }

    /** Frames before the first video key frame cannot start a segment; audio is kept (bounded) in case it is due with it. */
    private void holdUntilKeyframe(MediaFrame f) {
        if (f.track().mediaType() == MediaType.VIDEO) {
            return;
        }
        if (heldBeforeKeyframe.size() == MAX_HELD_BEFORE_KEYFRAME) {
            heldBeforeKeyframe.removeFirst();
        }
        heldBeforeKeyframe.addLast(f);
    }

    private void accept(MediaFrame f, long micros) {
        Track current = trackOf(f.track().id());
        if (streamStartMicros == Long.MIN_VALUE) {
            streamStartMicros = micros;
        }
        if (!f.track().sameConfig(current) && (f.keyframe() || f.track().mediaType() != MediaType.VIDEO)) {
            parametersChanged(f, micros);
        }
        durationKnown(f);
        if (segmentOpen && cutsSegment(f, micros)) {
            closeSegment(micros);
        } else if (segmentOpen && config.hasParts() && cutsPart(f, micros)) {
            closePart(micros);
        }
        if (drives(f)) {
            if (lastDrivingMicros != Long.MIN_VALUE && micros > lastDrivingMicros) {
                drivingFrameMicros = micros - lastDrivingMicros;
            }
            lastDrivingMicros = micros;
        }
        if (!segmentOpen) {
            openSegment(f, micros);
        }
        append(f);
        lastMicros = micros;
    }

    /** The publisher is gone: closes the open segment with what it has. */
    public void end() {
        if (!segmentOpen) {
            return;
        }
        long endMicros = lastMicros;
        for (Deque<Pending> q : pending.values()) {
            for (Pending p : q) {
                if (p.duration < 0) {
                    p.duration = lastDuration(q, p);
                }
                endMicros = Math.max(endMicros, p.frame.track().toMicros(p.frame.dts() + p.duration));
            }
        }
        closeSegment(endMicros);
    }

    private Track trackOf(int id) {
        for (Track t : tracks) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    private void parametersChanged(MediaFrame f, long micros) {
        if (segmentOpen) {
            end();
        }
        List<Track> updated = new ArrayList<>(tracks);
        updated.replaceAll(t -> t.id() == f.track().id() ? f.track() : t);
        setTracks(updated);
        nextDiscontinuity = true;
    }

    private boolean cutsSegment(MediaFrame f, long micros) {
        long length = micros - segmentStartMicros;
        if (segmentBytes.size() + muxedOut.readableBytes() >= MAX_SEGMENT_BYTES) {
            return true;
        }
        if (video == null) {
            return length >= config.segmentMicros();
        }
        if (f.track().mediaType() != MediaType.VIDEO) {
            return false;
        }
        return f.keyframe() && length >= config.segmentMicros()
                || length >= config.segmentMicros() * SegmenterConfig.MAX_SEGMENT_TARGETS;
    }

    /** Parts are cut at the frames of the video track (the audio track when there is no video). */
    private boolean drives(MediaFrame f) {
        return video == null || f.track().id() == video.id();
    }

    /**
     * Closes the part before {@code f} when taking {@code f} in would carry it past the part target, so parts
     * stay within PART-TARGET (RFC 8216bis §4.4.4.9: a part's duration MUST NOT exceed it).
     */
    private boolean cutsPart(MediaFrame f, long micros) {
        if (!drives(f)) {
            return false;
        }
        long length = micros - partStartMicros;
        if (webm != null && video != null && f.keyframe() && length > 0) {
            return true; // a WebM Cluster starts at each key frame, so seeking and a cut file start decodable
        }
        return length > 0 && length + drivingFrameMicros > config.partMicros() + PART_SLACK_MICROS;
    }

    private void openSegment(MediaFrame f, long micros) {
        segmentOpen = true;
        segmentStartMicros = micros;
        partStartMicros = micros;
        segmentFirstPtsMicros = f.ptsMicros();
        segmentIndependent = video == null || f.track().mediaType() == MediaType.VIDEO && f.keyframe();
        partFrames = 0;
        if (ts != null) {
            ts.writeTables(muxedOut);
        }
        if (config.format() == SegmentFormat.WEBM) {
            try {
                webm = new WebmWriter(Channels.newChannel(new ByteBufOutputStream(muxedOut)), tracks,
                        WebmWriter.Options.liveParts());
            } catch (IOException e) {
                throw new UncheckedIOException(e); // an in-memory buffer does not fail
            }
        }
    }

    private void append(MediaFrame f) {
        if (partFrames == 0) {
            partIndependent = video == null || f.track().mediaType() == MediaType.VIDEO && f.keyframe();
        }
        partFrames++;
        if (ts != null) {
            ts.writeFrame(f, muxedOut);
        } else if (webm != null) {
            try {
                webm.write(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            pending.get(f.track().id()).addLast(new Pending(f));
        }
    }

    /** MPEG-TS and WebM (recording): the bytes since the last part are the part, whole packets / one Cluster. */
    private void closeStreamedPart(long cutMicros) {
        if (muxedOut.readableBytes() == 0) {
            return;
        }
        byte[] data = new byte[muxedOut.readableBytes()];
        muxedOut.readBytes(data);
        muxedOut.clear();
        emitPart(new Part(segmentSequence, partsInSegment++, (cutMicros - partStartMicros) / 1e6, partIndependent,
                partFrames, data), cutMicros);
        partFrames = 0;
        if (webm != null) {
            webm.startCluster();
        }
    }

    private void emitPart(Part part, long cutMicros) {
        if (!config.partsOnly()) {
            parts.add(part);
            segmentBytes.writeBytes(part.data());
        }
        partStartMicros = cutMicros;
        if (config.hasParts()) {
            sink.part(part);
        }
    }

    /** The previous frame of {@code f}'s track lasts until {@code f}. */
    private void durationKnown(MediaFrame f) {
        Deque<Pending> q = pending.get(f.track().id());
        if (q != null && !q.isEmpty()) {
            Pending last = q.peekLast();
            last.duration = Math.max(0, f.dts() - last.frame.dts());
        }
    }

    private static long lastDuration(Deque<Pending> q, Pending p) {
        long known = 0;
        for (Pending x : q) {
            if (x.duration > 0) {
                known = x.duration;
            }
        }
        if (known > 0) {
            return known;
        }
        Track t = p.frame.track();
        return t.mediaType() == MediaType.VIDEO ? t.clockRate() / 30 : t.clockRate() / 50;
    }

    private void closePart(long cutMicros) {
        if (ts != null || webm != null) {
            if (config.hasParts()) {
                closeStreamedPart(cutMicros);
            }
            return;
        }
        if (timelineOffsetMicros < 0) {
            long earliest = 0;
            for (Deque<Pending> q : pending.values()) {
                for (Pending p : q) {
                    earliest = Math.min(earliest, p.frame.dtsMicros());
                }
            }
            timelineOffsetMicros = -earliest;
        }
        List<TrackRun> runs = new ArrayList<>();
        boolean independent = video == null;
        for (Map.Entry<Integer, Deque<Pending>> e : pending.entrySet()) {
            Deque<Pending> q = e.getValue();
            List<Sample> samples = new ArrayList<>();
            while (!q.isEmpty() && q.peekFirst().duration >= 0 && q.peekFirst().frame.dtsMicros() < cutMicros) {
                Pending p = q.pollFirst();
                samples.add(new Sample(p.frame, p.duration));
            }
            if (samples.isEmpty()) {
                continue;
            }
            MediaFrame first = samples.get(0).frame();
            if (first.track().mediaType() == MediaType.VIDEO && first.keyframe()) {
                independent = true;
            }
            long offset = -Math.floorDiv(-Math.multiplyExact(timelineOffsetMicros, (long) first.track().clockRate()), 1_000_000L);
            runs.add(new TrackRun(first.track(), Math.max(0, first.dts() + offset), samples));
        }
        if (runs.isEmpty()) {
            return;
        }
        byte[] data = Fmp4Writer.fragment(fragmentSequence++, runs);
        int frames = runs.stream().mapToInt(r -> r.samples().size()).sum();
        emitPart(new Part(segmentSequence, partsInSegment++, (cutMicros - partStartMicros) / 1e6, independent, frames,
                data), cutMicros);
    }

    private void closeSegment(long cutMicros) {
        byte[] data;
        if (ts != null && !config.hasParts()) {
            data = new byte[muxedOut.readableBytes()];
            muxedOut.readBytes(data);
            muxedOut.clear();
        } else {
            closePart(cutMicros);
            data = segmentBytes.toByteArray();
        }
        segmentBytes.reset();
        List<Part> segmentParts = config.hasParts() ? List.copyOf(parts) : List.of();
        parts.clear();
        segmentOpen = false;
        webm = null;
        boolean any = data.length > 0 || config.partsOnly() && partsInSegment > 0;
        partsInSegment = 0;
        if (!any) {
            return;
        }
        long pdt = segmentProgramDateTimeMs();
        sink.segment(new Segment(segmentSequence++, (cutMicros - segmentStartMicros) / 1e6, segmentFirstPtsMicros,
                pdt, segmentIndependent, nextDiscontinuity, data, segmentParts));
        nextDiscontinuity = false;
    }
}
