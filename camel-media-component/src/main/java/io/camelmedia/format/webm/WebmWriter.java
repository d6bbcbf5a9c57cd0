package io.camelmedia.format.webm;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.av1.Av1CodecConfigurationRecord;
import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;

/**
 * Writes WebM (RFC 9559 Matroska with the WebM subset: VP8, VP9, AV1 video, Opus audio) from
 * {@link MediaFrame}s, live first:
 *
 * <pre>
 * EBML header (DocType webm)
 * Segment (unknown size)
 *   Void  (room for the SeekHead written on close)
 *   Info  (TimestampScale 1 ms, MuxingApp, WritingApp, a Void where Duration goes on close)
 *   Tracks (one TrackEntry per track: CodecID, CodecPrivate av1C / OpusHead, CodecDelay + SeekPreRoll for Opus)
 *   Cluster (unknown size) Timestamp SimpleBlock... ; a new one at each video key frame, else every
 *                          {@link Options#maxClusterMillis()}, and before a relative timestamp would overflow
 *   ...
 *   [Cues]  (on close, one CuePoint per cluster that starts with a key frame)
 * </pre>
 *
 * <p>Crash safety: Segment and Clusters have unknown sizes (RFC 9559 6, "live" WebM as browsers' MSE and
 * ffmpeg read it), so a file cut anywhere plays up to its last whole SimpleBlock. On {@link #close()} with a
 * {@link SeekableByteChannel} and {@link Options#finish()}, the file is made a normal seekable WebM:
 * Cues appended, cluster and segment sizes patched, Duration and a SeekHead (Info, Tracks, Cues)
 * written into the room left for them. On a plain channel the output stays live.
 *
 * <p>Timestamps: block times are the frames' pts in milliseconds (rounded to nearest), plus CodecDelay for
 * Opus (RFC 9559 5.1.4.1.22: readers subtract it, as ffmpeg's demuxer does, so they get the frames' pts
 * back), on the frames' own timeline (not moved to start at 0), so tracks written together stay in sync. Frames must come in
 * decode order, interleaved by time across tracks. The header is written at the first frame, so a VP8
 * track whose size the Track does not know gets it from the first key frame (RFC 6386 9.1).
 * Single-threaded.
 */
public final class WebmWriter implements Closeable {
    /** TimestampScale: 1 ms in ns (RFC 9559 5.1.2.1 default 1000000). */
    public static final long TIMESTAMP_SCALE_NS = 1_000_000;
    /** "~5 s" clusters when no video key frame starts one (the WebM guidelines' upper cluster length). */
    public static final int DEFAULT_MAX_CLUSTER_MILLIS = 5000;
    /** Opus SeekPreRoll: 80 ms, as the Matroska Opus mapping (and RFC 7845 4.6) recommends. */
    public static final long OPUS_SEEK_PRE_ROLL_NS = 80_000_000;
    /** One cue per cluster, kept in memory until close: 100000 is more than 5 days of 5 s clusters. */
    public static final int MAX_CUE_POINTS = 100_000;
    /** Room reserved for the SeekHead: 3 Seek entries of at most 21 octets plus its 5-octet header. */
    static final int SEEK_HEAD_ROOM = 80;
    /** Duration element: 2-octet ID, 1-octet size, 8-octet float. */
    static final int DURATION_ROOM = 11;
    /** SimpleBlock relative timestamp is a signed 16-bit field. */
    static final int MAX_RELATIVE = Short.MAX_VALUE;
    private static final int FLAG_KEYFRAME = 0x80;

    /**
     * @param muxingApp        Info MuxingApp
     * @param writingApp       Info WritingApp
     * @param maxClusterMillis cluster length when no video key frame starts a new one
     * @param finish           on close, with a seekable channel: Cues, sizes, Duration, SeekHead
     * @param clustersOnRequest clusters start only at {@link #startCluster()} (and before a relative timestamp
     *                          would overflow), not at video key frames or after {@code maxClusterMillis}
     */
    public record Options(String muxingApp, String writingApp, int maxClusterMillis, boolean finish,
                          boolean clustersOnRequest) {
        public Options(String muxingApp, String writingApp, int maxClusterMillis, boolean finish) {
            this(muxingApp, writingApp, maxClusterMillis, finish, false);
        }

        public Options {
            Objects.requireNonNull(muxingApp, "muxingApp");
            Objects.requireNonNull(writingApp, "writingApp");
            if (maxClusterMillis <= 0 || maxClusterMillis > MAX_RELATIVE) {
                throw new IllegalArgumentException("maxClusterMillis must be in 1.." + MAX_RELATIVE + ": " + maxClusterMillis);
            }
        }

        public static Options defaults() {
            return new Options("camel-media", "camel-media", DEFAULT_MAX_CLUSTER_MILLIS, true);
        }

        public Options withFinish(boolean newFinish) {
            return new Options(muxingApp, writingApp, maxClusterMillis, newFinish, clustersOnRequest);
        }

        /**
         * Live recording parts: never finished, and a Cluster starts only when {@link #startCluster()} asks (or a
         * relative timestamp would overflow), so the caller's parts are whole Clusters.
         */
        public static Options liveParts() {
            return new Options("camel-media", "camel-media", DEFAULT_MAX_CLUSTER_MILLIS, false, true);
        }
    }

    private record CuePoint(long timeMs, int track, long clusterPosition) {
    }

    private final WritableByteChannel out;
    private final SeekableByteChannel seekable;
    private final long startPosition;
    private final List<Track> tracks;
    private final Options options;
    private final boolean hasVideo;
    private final EbmlWriter scratch = new EbmlWriter(64);
    private long written;
    private boolean headerWritten;
    private long segmentDataStart;
    private long seekHeadRoomAt;
    private long durationRoomAt;
    private long infoAt;
    private long tracksAt;
    private boolean clusterOpen;
    private boolean clusterRequested;
    private long clusterTimestamp;
    private final List<Long> clusterOffsets = new ArrayList<>();
    private final List<CuePoint> cues = new ArrayList<>();
    private long endMs = Long.MIN_VALUE;
    private final long[] lastMs;
    private final long[] lastDeltaMs;
    /** Opus: the pre-skip in track ticks, added to block timestamps (RFC 9559 CodecDelay "MUST be subtracted"). */
    private final long[] codecDelayTicks;
    private long frames;
    private boolean closed;

    /**
     * @param tracks the tracks, in TrackNumber order (1, 2, ...); frames name their track by {@link Track#id()}
     * @throws WebmException for a codec WebM does not carry or a missing/malformed configuration
     */
    public WebmWriter(WritableByteChannel out, List<Track> tracks, Options options) throws IOException {
        if (tracks.isEmpty()) {
            throw new WebmException("WebM: at least one track is needed");
        }
        this.out = Objects.requireNonNull(out, "out");
        this.seekable = out instanceof SeekableByteChannel s ? s : null;
        this.startPosition = seekable != null ? seekable.position() : 0;
        this.tracks = new ArrayList<>(tracks);
        this.options = Objects.requireNonNull(options, "options");
        this.hasVideo = tracks.stream().anyMatch(t -> t.mediaType() == MediaType.VIDEO);
        this.lastMs = new long[tracks.size()];
        this.lastDeltaMs = new long[tracks.size()];
        java.util.Arrays.fill(lastMs, Long.MIN_VALUE);
        this.codecDelayTicks = new long[tracks.size()];
        for (int i = 0; i < tracks.size(); i++) {
            Track t = tracks.get(i);
            if (t.codec() == io.camelmedia.frame.Codec.OPUS) {
                codecDelayTicks[i] = (long) TrackEntries.opusHead(t).preSkip() * t.clockRate() / OpusHead.DECODE_RATE;
            }
        }
        for (Track t : tracks) {
            TrackEntries.codecId(t); // fail now, not at the first frame
        }
    }

    /** Writes one frame as a SimpleBlock (the header first, at the first frame). */
    public void write(MediaFrame frame) throws IOException {
        if (closed) {
            throw new IllegalStateException("WebM writer is closed");
        }
        int index = indexOf(frame.track());
        byte[] payload = frame.payloadBytes();
        if (!headerWritten) {
            learnSize(index, frame, payload);
            writeHeader();
        }
        int rate = frame.track().clockRate();
        long ms = Math.floorDiv((frame.pts() + codecDelayTicks[index]) * 1000 + rate / 2, rate);
        if (ms < 0) {
            throw new WebmException("WebM: track " + frame.track().id() + " pts " + frame.pts()
                    + " is before 0 (Cluster Timestamp is unsigned)");
        }
        boolean video = frame.track().mediaType() == MediaType.VIDEO;
        boolean key = frame.keyframe() || !video;
        if (needsNewCluster(ms, video, key)) {
            openCluster(ms, video && key ? index + 1 : hasVideo ? 0 : index + 1);
        }
        writeSimpleBlock(index + 1, (int) (ms - clusterTimestamp), key, payload);
        if (lastMs[index] != Long.MIN_VALUE) {
            lastDeltaMs[index] = Math.max(0, ms - lastMs[index]);
        }
        lastMs[index] = ms;
        endMs = Math.max(endMs, ms + lastDeltaMs[index]);
        frames++;
    }

    private int indexOf(Track t) {
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).id() == t.id()) {
                return i;
            }
        }
        throw new WebmException("WebM: frame of track " + t.id() + " which is not one of " + tracks.stream()
                .map(Track::id).toList());
    }

    private void learnSize(int index, MediaFrame frame, byte[] payload) {
        Track t = tracks.get(index);
        if (t.codec() == io.camelmedia.frame.Codec.VP8 && (t.width() == 0 || t.height() == 0)) {
            int[] size = Vp8KeyFrameSize.of(payload);
            if (size != null) {
                tracks.set(index, t.toBuilder().width(size[0]).height(size[1]).build());
            }
        }
    }

    /** With {@link Options#clustersOnRequest()}: the next frame starts a new Cluster. */
    public void startCluster() {
        clusterRequested = true;
    }

    private boolean needsNewCluster(long ms, boolean video, boolean key) {
        if (!clusterOpen || clusterRequested) {
            return true;
        }
        long relative = ms - clusterTimestamp;
        if (relative > MAX_RELATIVE || relative < Short.MIN_VALUE) {
            return true;
        }
        if (options.clustersOnRequest()) {
            return false;
        }
        if (hasVideo && video && key) {
            return true;
        }
        return relative >= options.maxClusterMillis() && (!hasVideo || video);
    }

    private void writeHeader() throws IOException {
        EbmlWriter w = new EbmlWriter(1024);
        EbmlWriter ebml = new EbmlWriter(64)
                .uint(MatroskaIds.EBML_VERSION, 1).uint(MatroskaIds.EBML_READ_VERSION, 1)
                .uint(MatroskaIds.EBML_MAX_ID_LENGTH, 4).uint(MatroskaIds.EBML_MAX_SIZE_LENGTH, 8)
                .string(MatroskaIds.DOC_TYPE, "webm").uint(MatroskaIds.DOC_TYPE_VERSION, 4)
                .uint(MatroskaIds.DOC_TYPE_READ_VERSION, 2);
        w.master(MatroskaIds.EBML, ebml);
        w.unknownSizeMaster(MatroskaIds.SEGMENT);
        segmentDataStart = written + w.size();
        seekHeadRoomAt = written + w.size();
        w.voidElement(SEEK_HEAD_ROOM);
        infoAt = written + w.size();
        EbmlWriter info = new EbmlWriter(128).uint(MatroskaIds.TIMESTAMP_SCALE, TIMESTAMP_SCALE_NS)
                .string(MatroskaIds.MUXING_APP, options.muxingApp()).string(MatroskaIds.WRITING_APP, options.writingApp());
        int durationOffsetInInfo = info.size();
        info.voidElement(DURATION_ROOM);
        w.master(MatroskaIds.INFO, info);
        durationRoomAt = infoAt + EbmlWriter.idLength(MatroskaIds.INFO) + EbmlWriter.vintLength(info.size())
                + durationOffsetInInfo;
        tracksAt = written + w.size();
        EbmlWriter entries = new EbmlWriter(512);
        for (int i = 0; i < tracks.size(); i++) {
            entries.master(MatroskaIds.TRACK_ENTRY, TrackEntries.of(tracks.get(i), i + 1));
        }
        w.master(MatroskaIds.TRACKS, entries);
        writeFully(w.array(), w.size());
        headerWritten = true;
    }

    private void openCluster(long ms, int cueTrack) throws IOException {
        long offset = written;
        scratch.reset();
        scratch.unknownSizeMaster(MatroskaIds.CLUSTER).uint(MatroskaIds.TIMESTAMP, ms);
        writeFully(scratch.array(), scratch.size());
        if (options.finish() && clusterOffsets.size() < MAX_CUE_POINTS) {
            clusterOffsets.add(offset);
            if (cueTrack > 0) {
                cues.add(new CuePoint(ms, cueTrack, offset - segmentDataStart));
            }
        }
        clusterOpen = true;
        clusterRequested = false;
        clusterTimestamp = ms;
    }

    /** RFC 9559 10.2 SimpleBlock: track number (VINT), relative timestamp (int16), flags, the frame. */
    private void writeSimpleBlock(int trackNumber, int relative, boolean key, byte[] payload) throws IOException {
        scratch.reset();
        int header = EbmlWriter.vintLength(trackNumber) + 3;
        scratch.id(MatroskaIds.SIMPLE_BLOCK).vint(header + (long) payload.length).vint(trackNumber);
        scratch.u8(relative >> 8).u8(relative).u8(key ? FLAG_KEYFRAME : 0);
        writeFully(scratch.array(), scratch.size());
        writeFully(payload, payload.length);
    }

    private void writeFully(byte[] b, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, length);
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        written += length;
    }

    private void writeAt(long relativeOffset, byte[] b, int length) throws IOException {
        seekable.position(startPosition + relativeOffset);
        ByteBuffer buf = ByteBuffer.wrap(b, 0, length);
        while (buf.hasRemaining()) {
            seekable.write(buf);
        }
    }

    /**
     * Ends the file: with a seekable channel and {@link Options#finish()}, Cues, sizes, Duration, SeekHead;
     * otherwise nothing more (a live WebM). Does not close the channel.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (!headerWritten) {
            writeHeader();
        }
        closed = true;
        if (seekable == null || !options.finish()) {
            return;
        }
        long cuesAt = -1;
        if (!cues.isEmpty()) {
            cuesAt = written;
            EbmlWriter points = new EbmlWriter(cues.size() * 16);
            for (CuePoint c : cues) {
                EbmlWriter pos = new EbmlWriter(16).uint(MatroskaIds.CUE_TRACK, c.track())
                        .uint(MatroskaIds.CUE_CLUSTER_POSITION, c.clusterPosition());
                EbmlWriter point = new EbmlWriter(32).uint(MatroskaIds.CUE_TIME, c.timeMs())
                        .master(MatroskaIds.CUE_TRACK_POSITIONS, pos);
                points.master(MatroskaIds.CUE_POINT, point);
            }
            EbmlWriter w = new EbmlWriter(points.size() + 16).master(MatroskaIds.CUES, points);
            writeFully(w.array(), w.size());
        }
        long end = written;
        patchClusterSizes(cuesAt >= 0 ? cuesAt : end);
        writeAt(segmentDataStart - 8, new EbmlWriter(8).vint(end - segmentDataStart, 8).toByteArray(), 8);
        if (endMs != Long.MIN_VALUE) {
            byte[] duration = new EbmlWriter(DURATION_ROOM).float64(MatroskaIds.DURATION, endMs).toByteArray();
            writeAt(durationRoomAt, duration, duration.length);
        }
        byte[] seekHead = seekHead(cuesAt);
        writeAt(seekHeadRoomAt, seekHead, seekHead.length);
        seekable.position(startPosition + end);
    }

    private void patchClusterSizes(long clustersEnd) throws IOException {
        for (int i = 0; i < clusterOffsets.size(); i++) {
            long start = clusterOffsets.get(i);
            long next = i + 1 < clusterOffsets.size() ? clusterOffsets.get(i + 1) : clustersEnd;
            long dataStart = start + 4 + 8;
            writeAt(start + 4, new EbmlWriter(8).vint(next - dataStart, 8).toByteArray(), 8);
        }
    }

    /** RFC 9559 5.1.1 SeekHead with Info, Tracks and Cues, padded with a Void to the reserved room. */
    private byte[] seekHead(long cuesAt) {
        EbmlWriter seeks = new EbmlWriter(96);
        seek(seeks, MatroskaIds.INFO, infoAt - segmentDataStart);
        seek(seeks, MatroskaIds.TRACKS, tracksAt - segmentDataStart);
        if (cuesAt >= 0) {
            seek(seeks, MatroskaIds.CUES, cuesAt - segmentDataStart);
        }
        EbmlWriter w = new EbmlWriter(SEEK_HEAD_ROOM).master(MatroskaIds.SEEK_HEAD, seeks);
        int left = SEEK_HEAD_ROOM - w.size();
        if (left > 0) {
            w.voidElement(left);
        }
        return w.toByteArray();
    }

    private static void seek(EbmlWriter seeks, int id, long position) {
        EbmlWriter idBytes = new EbmlWriter(4).id(id);
        EbmlWriter s = new EbmlWriter(24).binary(MatroskaIds.SEEK_ID, idBytes.toByteArray())
                .uint(MatroskaIds.SEEK_POSITION, position);
        seeks.master(MatroskaIds.SEEK, s);
    }

    /** Frames written. */
    public long frames() {
        return frames;
    }

    /** Bytes written (before the close-time patches, which do not change the length except for Cues). */
    public long bytesWritten() {
        return written;
    }

    /** The tracks as written in Tracks (a VP8 size learnt from the first key frame included). */
    public List<Track> tracks() {
        return List.copyOf(tracks);
    }

    /** Whether WebM carries {@code codec} (VP8, VP9, AV1, Opus). */
    public static boolean supports(io.camelmedia.frame.Codec codec) {
        return switch (codec) {
            case VP8, VP9, AV1, OPUS -> true;
            default -> false;
        };
    }

    /** TrackEntry contents per codec (RFC 9559 5.1.4.1, the WebM codec mappings). */
    static final class TrackEntries {
        private TrackEntries() {
        }

        static String codecId(Track t) {
            return switch (t.codec()) {
                case VP8 -> "V_VP8";
                case VP9 -> "V_VP9";
                case AV1 -> "V_AV1";
                case OPUS -> "A_OPUS";
                default -> throw new WebmException("WebM: track " + t.id() + " codec " + t.codec()
                        + " is not carried in WebM (VP8, VP9, AV1, Opus are)");
            };
        }

        static EbmlWriter of(Track t, int number) {
            EbmlWriter e = new EbmlWriter(128).uint(MatroskaIds.TRACK_NUMBER, number)
                    .uint(MatroskaIds.TRACK_UID, number).uint(MatroskaIds.FLAG_LACING, 0)
                    .string(MatroskaIds.LANGUAGE, "und").string(MatroskaIds.CODEC_ID, codecId(t));
            if (t.mediaType() == MediaType.VIDEO) {
                e.uint(MatroskaIds.TRACK_TYPE, MatroskaIds.TRACK_TYPE_VIDEO);
                if (t.codec() == io.camelmedia.frame.Codec.AV1) {
                    e.binary(MatroskaIds.CODEC_PRIVATE, av1C(t));
                }
                EbmlWriter v = new EbmlWriter(16).uint(MatroskaIds.PIXEL_WIDTH, t.width())
                        .uint(MatroskaIds.PIXEL_HEIGHT, t.height());
                e.master(MatroskaIds.VIDEO, v);
            } else {
                OpusHead head = opusHead(t);
                e.uint(MatroskaIds.TRACK_TYPE, MatroskaIds.TRACK_TYPE_AUDIO)
                        .binary(MatroskaIds.CODEC_PRIVATE, head.encode())
                        // Matroska Opus mapping: CodecDelay is the pre-skip in ns
                        .uint(MatroskaIds.CODEC_DELAY, head.preSkip() * 1_000_000_000L / OpusHead.DECODE_RATE)
                        .uint(MatroskaIds.SEEK_PRE_ROLL, OPUS_SEEK_PRE_ROLL_NS);
                EbmlWriter a = new EbmlWriter(16).float64(MatroskaIds.SAMPLING_FREQUENCY, OpusHead.DECODE_RATE)
                        .uint(MatroskaIds.CHANNELS, head.channelCount());
                e.master(MatroskaIds.AUDIO, a);
            }
            return e;
        }

        /** AV1-in-Matroska: CodecPrivate is the av1C record, mandatory. */
        private static byte[] av1C(Track t) {
            if (!t.hasConfig()) {
                throw new WebmException("WebM: AV1 track " + t.id() + " has no av1C; CodecPrivate needs it");
            }
            try {
                Av1CodecConfigurationRecord.decode(t.config());
            } catch (CodecException e) {
                throw new WebmException("WebM: AV1 track " + t.id() + " av1C is malformed: " + e.getMessage(), e);
            }
            return t.config();
        }

        /** The Track's OpusHead, or (RTP sources) a family-0 head: the track's channels (else 2), pre-skip 0. */
        static OpusHead opusHead(Track t) {
            if (t.hasConfig()) {
                try {
                    return OpusHead.decode(t.config());
                } catch (CodecException e) {
                    throw new WebmException("WebM: Opus track " + t.id() + " OpusHead is malformed: " + e.getMessage(), e);
                }
            }
            return OpusHead.of(t.channels() > 0 ? t.channels() : 2, 0, OpusHead.DECODE_RATE);
        }
    }
}
