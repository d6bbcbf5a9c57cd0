package io.camelmedia.format.fmp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the init segment and each movie fragment of a fragmented MP4 file are, and how long each fragment
 * lasts (ISO/IEC 14496-12 8.8): read from the box headers, the {@code moov} and every {@code moof}, never
 * the media data. What playback needs to serve a recording as HLS byte ranges and to list its time span.
 *
 * <pre>
 * ftyp | moov (trak: tkhd track_ID, mdia: mdhd timescale, hdlr handler_type; mvex: trex defaults)
 * moof (traf: tfhd track_ID [defaults], tfdt baseMediaDecodeTime, trun sample_count [durations] [flags]) mdat
 * moof ... mdat ...
 * </pre>
 *
 * A file still being written ends in a fragment whose {@code mdat} is not all there (or not there yet): the
 * index stops before it and says so ({@link #complete()} false). Anything else malformed (a box smaller than
 * its header, a {@code moof} over {@link #MAX_BOX_READ}, a {@code trun} counting more samples than its box
 * holds, a fragment before any {@code moov}) is refused with an {@link Fmp4Exception} naming the box and offset.
 */
public record FragmentIndex(long initLength, List<TrackInfo> tracks, List<Fragment> fragments, long indexedLength,
                            boolean complete) {
    /**
     * Largest moov or moof read into memory: 4 MiB. A moof of 1 s holds some hundred samples at 12-16 bytes of
     * trun each (a few KiB); a moov some KiB of codec configuration. Real files stay far below.
     */
    public static final int MAX_BOX_READ = 4 << 20;
    /** Fragments indexed per file: 1 Mi, 12 days of 1 s parts. */
    public static final int MAX_FRAGMENTS = 1 << 20;
    /** Tracks per file: 64, far above any recording's (one video, a few audio). */
    public static final int MAX_TRACKS = 64;

    /** 8.8.7.1 tfhd flags. */
    static final int BASE_DATA_OFFSET_PRESENT = 0x1;
    private static final int SAMPLE_DESCRIPTION_INDEX_PRESENT = 0x2;
    private static final int DEFAULT_SAMPLE_DURATION_PRESENT = 0x8;
    private static final int DEFAULT_SAMPLE_SIZE_PRESENT = 0x10;
    private static final int DEFAULT_SAMPLE_FLAGS_PRESENT = 0x20;
    /** 8.8.8.1 trun flags. */
    private static final int DATA_OFFSET_PRESENT = 0x1;
    private static final int FIRST_SAMPLE_FLAGS_PRESENT = 0x4;
    private static final int SAMPLE_DURATION_PRESENT = 0x100;
    private static final int SAMPLE_SIZE_PRESENT = 0x200;
    private static final int SAMPLE_FLAGS_PRESENT = 0x400;
    private static final int SAMPLE_COMPOSITION_TIME_OFFSETS_PRESENT = 0x800;
    /** 8.8.3.1 sample flags: sample_is_non_sync_sample. */
    private static final int NON_SYNC_SAMPLE = 0x10000;

    /**
     * One track of the moov: id, clock and kind ({@code vide}, {@code soun}, ...), and its trex defaults (sample
     * duration and flags for fragments that state none).
     */
    public record TrackInfo(int trackId, long timescale, String handlerType, long defaultDuration, int defaultFlags) {
        public TrackInfo(int trackId, long timescale, String handlerType) {
            this(trackId, timescale, handlerType, 0, 0);
        }

        public boolean isVideo() {
            return "vide".equals(handlerType);
        }
    }

    /**
     * One moof and its mdat: bytes {@code [offset, offset + length)} of the file. {@code start} and
     * {@code duration} are in seconds of the reference track (the first video track, else the first track),
     * {@code start} from its tfdt (of the fragment's first track when the reference track has no run in it);
     * {@code keyframe} when its first reference sample is a sync sample (never for a fragment without video in a
     * file with video; always without video).
     */
    public record Fragment(long offset, long length, double start, double duration, boolean keyframe) {
        public long end() {
            return offset + length;
        }
    }

    /** Seconds from the first fragment's start to the last one's end; 0 without fragments. */
    public double duration() {
        if (fragments.isEmpty()) {
            return 0;
        }
        Fragment last = fragments.get(fragments.size() - 1);
        return last.start() + last.duration() - fragments.get(0).start();
    }

    /** Indexes the first {@code size} bytes of {@code in} (the file's length now; it may be growing). */
    public static FragmentIndex read(SeekableByteChannel in, long size) throws IOException {
        return new Reader(in, size).read();
    }

    private static final class Reader {
        private final SeekableByteChannel in;
        private final long size;
        private final Map<Integer, TrackInfo> tracks = new LinkedHashMap<>();
        private final List<Fragment> fragments = new ArrayList<>();
        private long initLength = -1;
        private TrackInfo reference;

        Reader(SeekableByteChannel in, long size) {
            this.in = in;
            this.size = size;
        }

        FragmentIndex read() throws IOException {
            long pos = 0;
            while (pos < size) {
                long[] header = header(pos);
                if (header == null) {
                    return result(pos, false);
                }
                long boxSize = header[0];
                String type = fourcc((int) header[1]);
                if (boxSize == 0 || boxSize > size - pos) {
                    return result(pos, false); // the last box is still being written
                }
                if (type.equals("moov")) {
                    moov(body(pos, boxSize, (int) header[2], type));
                    initLength = pos + boxSize;
                } else if (type.equals("moof")) {
                    long end = fragment(pos, boxSize, (int) header[2]);
                    if (end < 0) {
                        return result(pos, false);
                    }
                    pos = end;
                    continue;
                } else if (type.equals("mdat") && initLength < 0) {
                    throw new Fmp4Exception("mdat at offset " + pos + " before any moov: not a fragmented MP4");
                }
                pos += boxSize;
            }
            return result(pos, true);
        }

        private FragmentIndex result(long indexed, boolean complete) {
            if (initLength < 0 && complete) {
                throw new Fmp4Exception("no moov box in " + size + " bytes: not a fragmented MP4");
            }
            long indexedLength = fragments.isEmpty() ? Math.max(initLength, 0) : fragments.get(fragments.size() - 1).end();
            return new FragmentIndex(Math.max(initLength, 0), List.copyOf(tracks.values()), List.copyOf(fragments),
                    complete ? indexed : indexedLength, complete);
        }

        /** A moof at {@code pos} and the mdat after it; the fragment's end, or -1 when the mdat is not all there. */
        private long fragment(long pos, long boxSize, int headerSize) throws IOException {
            if (initLength < 0) {
                throw new Fmp4Exception("moof at offset " + pos + " before any moov: not a fragmented MP4");
            }
            if (fragments.size() >= MAX_FRAGMENTS) {
                throw new Fmp4Exception("more than " + MAX_FRAGMENTS + " fragments (MAX_FRAGMENTS)");
            }
            ByteBuffer moof = body(pos, boxSize, headerSize, "moof");
            long end = pos + boxSize;
            long[] mdat = header(end);
            if (mdat == null || !fourcc((int) mdat[1]).equals("mdat") || mdat[0] == 0 || mdat[0] > size - end) {
                if (mdat != null && !fourcc((int) mdat[1]).equals("mdat") && mdat[0] != 0 && mdat[0] <= size - end) {
                    throw new Fmp4Exception("moof at offset " + pos + " is followed by '" + fourcc((int) mdat[1])
                            + "', not mdat");
                }
                return -1;
            }
            long fragmentEnd = end + mdat[0];
            fragments.add(moof(moof, pos, fragmentEnd - pos));
            return fragmentEnd;
        }

        /** Box header at {@code pos}: {size, type, header length}; null when fewer bytes than a header remain. */
        private long[] header(long pos) throws IOException {
            if (size - pos < 8) {
                return null;
            }
            ByteBuffer h = readAt(pos, (int) Math.min(16, size - pos));
            long boxSize = h.getInt() & 0xFFFFFFFFL;
            int type = h.getInt();
            int headerSize = 8;
            if (boxSize == 1) {
                if (h.remaining() < 8) {
                    return null;
                }
                boxSize = h.getLong();
                headerSize = 16;
            }
            if (boxSize != 0 && boxSize < headerSize) {
                throw new Fmp4Exception("box '" + fourcc(type) + "' at offset " + pos + " has size " + boxSize
                        + ", smaller than its " + headerSize + "-byte header");
            }
            return new long[] {boxSize, type, headerSize};
        }

        private ByteBuffer body(long pos, long boxSize, int headerSize, String type) throws IOException {
            if (boxSize > MAX_BOX_READ) {
                throw new Fmp4Exception(type + " at offset " + pos + " is " + boxSize + " bytes, over MAX_BOX_READ "
                        + MAX_BOX_READ);
            }
            return readAt(pos + headerSize, (int) boxSize - headerSize);
        }

        private ByteBuffer readAt(long pos, int n) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(n);
            in.position(pos);
            while (b.hasRemaining()) {
                if (in.read(b) < 0) {
                    throw new Fmp4Exception("file ended at offset " + (pos + b.position()) + ", inside a box");
                }
            }
            return b.flip();
        }

        private void moov(ByteBuffer moov) {
            for (ByteBuffer trak : children(moov, "trak")) {
                if (tracks.size() >= MAX_TRACKS) {
                    throw new Fmp4Exception("more than " + MAX_TRACKS + " trak boxes (MAX_TRACKS)");
                }
                trak(trak);
            }
            for (ByteBuffer mvex : children(moov, "mvex")) {
                for (ByteBuffer trex : children(mvex, "trex")) {
                    need(trex, 24, "trex");
                    trex.getInt(); // version, flags
                    int id = trex.getInt();
                    trex.getInt(); // default_sample_description_index
                    long duration = trex.getInt() & 0xFFFFFFFFL;
                    trex.getInt(); // default_sample_size
                    int flags = trex.getInt();
                    TrackInfo t = tracks.get(id);
                    if (t != null) {
                        tracks.put(id, new TrackInfo(id, t.timescale(), t.handlerType(), duration, flags));
                    }
                }
            }
            reference = tracks.values().stream().filter(TrackInfo::isVideo).findFirst()
                    .orElse(tracks.values().stream().findFirst().orElse(null));
            if (reference == null) {
                throw new Fmp4Exception("moov has no trak");
            }
        }

        private void trak(ByteBuffer trak) {
            ByteBuffer tkhd = only(trak, "tkhd", "trak");
            need(tkhd, 4, "tkhd");
            int version = tkhd.get(tkhd.position()) & 0xFF;
            need(tkhd, version == 1 ? 24 : 16, "tkhd");
            tkhd.position(tkhd.position() + (version == 1 ? 20 : 12)); // version, flags, creation, modification
            int trackId = tkhd.getInt();
            ByteBuffer mdia = only(trak, "mdia", "trak");
            ByteBuffer mdhd = only(mdia, "mdhd", "mdia");
            need(mdhd, 4, "mdhd");
            int mdhdVersion = mdhd.get(mdhd.position()) & 0xFF;
            need(mdhd, mdhdVersion == 1 ? 24 : 16, "mdhd");
            mdhd.position(mdhd.position() + (mdhdVersion == 1 ? 20 : 12));
            long timescale = mdhd.getInt() & 0xFFFFFFFFL;
            if (timescale == 0) {
                throw new Fmp4Exception("mdhd: timescale 0 (track " + trackId + ")");
            }
            ByteBuffer hdlr = only(mdia, "hdlr", "mdia");
            need(hdlr, 12, "hdlr");
            hdlr.position(hdlr.position() + 8); // version, flags, pre_defined
            tracks.put(trackId, new TrackInfo(trackId, timescale, fourcc(hdlr.getInt())));
        }

        /** The reference track's run decides; a fragment without one (audio past the last video) uses its first. */
        private Fragment moof(ByteBuffer moof, long offset, long length) {
            Traf chosen = null;
            for (ByteBuffer traf : children(moof, "traf")) {
                Traf t = traf(traf, tracks, offset);
                if (chosen == null || (t.trackId == reference.trackId() && chosen.trackId != reference.trackId())) {
                    chosen = t;
                }
            }
            if (chosen == null) {
                throw new Fmp4Exception("moof at offset " + offset + " has no traf");
            }
            double timescale = tracks.get(chosen.trackId).timescale();
            boolean keyframe = chosen.trackId() == reference.trackId() ? chosen.firstSync() : !reference.isVideo();
            return new Fragment(offset, length, chosen.baseMediaDecodeTime() / timescale,
                    chosen.duration() / timescale, keyframe);
        }
    }

    /**
     * One traf of a moof: its track, tfdt, total sample duration and whether its first sample is a sync sample;
     * {@code tfhd} and {@code tfdt} are those boxes' payloads (views into the moof's buffer, so writes to them
     * change the moof: how {@link FragmentRetimer} re-times a fragment in place).
     */
    record Traf(int trackId, long baseMediaDecodeTime, long duration, boolean firstSync, ByteBuffer tfhd,
                ByteBuffer tfdt) {
    }

    /** The trafs of a moof's payload (after its header), in order. */
    static List<Traf> trafs(ByteBuffer moof, Map<Integer, TrackInfo> tracks, long moofOffset) {
        List<Traf> out = new ArrayList<>();
        for (ByteBuffer traf : children(moof, "traf")) {
            out.add(traf(traf, tracks, moofOffset));
        }
        return out;
    }

    private static Traf traf(ByteBuffer traf, Map<Integer, TrackInfo> tracks, long moofOffset) {
        ByteBuffer tfhd = only(traf, "tfhd", "traf");
        ByteBuffer tfhdBox = tfhd.duplicate();
        need(tfhd, 8, "tfhd");
        int flags = tfhd.getInt() & 0xFFFFFF;
        int trackId = tfhd.getInt();
        TrackInfo track = tracks.get(trackId);
        if (track == null) {
            throw new Fmp4Exception("tfhd at moof offset " + moofOffset + ": track_ID " + trackId + " is not in the moov");
        }
        int fields = (Integer.bitCount(flags & (BASE_DATA_OFFSET_PRESENT)) * 8)
                + (Integer.bitCount(flags & (SAMPLE_DESCRIPTION_INDEX_PRESENT | DEFAULT_SAMPLE_DURATION_PRESENT
                | DEFAULT_SAMPLE_SIZE_PRESENT | DEFAULT_SAMPLE_FLAGS_PRESENT)) * 4);
        need(tfhd, fields, "tfhd");
        if ((flags & BASE_DATA_OFFSET_PRESENT) != 0) {
            tfhd.getLong();
        }
        if ((flags & SAMPLE_DESCRIPTION_INDEX_PRESENT) != 0) {
            tfhd.getInt();
        }
        long defaultDuration = (flags & DEFAULT_SAMPLE_DURATION_PRESENT) != 0 ? tfhd.getInt() & 0xFFFFFFFFL
                : track.defaultDuration();
        if ((flags & DEFAULT_SAMPLE_SIZE_PRESENT) != 0) {
            tfhd.getInt();
        }
        int defaultFlags = (flags & DEFAULT_SAMPLE_FLAGS_PRESENT) != 0 ? tfhd.getInt()
                : track.defaultFlags();
        long base = tfdt(traf, trackId);
        long duration = 0;
        Boolean firstSync = null;
        for (ByteBuffer trun : children(traf, "trun")) {
            long[] run = trun(trun, defaultDuration, defaultFlags, trackId);
            duration += run[0];
            if (firstSync == null && run[1] >= 0) {
                firstSync = run[1] == 1;
            }
        }
        return new Traf(trackId, base, duration, firstSync != null && firstSync, tfhdBox, tfdtBox(traf, trackId));
    }

    private static long tfdt(ByteBuffer traf, int trackId) {
        ByteBuffer tfdt = tfdtBox(traf, trackId);
        need(tfdt, 4, "tfdt");
        int version = tfdt.getInt() >>> 24;
        need(tfdt, version == 1 ? 8 : 4, "tfdt");
        return version == 1 ? tfdt.getLong() : tfdt.getInt() & 0xFFFFFFFFL;
    }

    private static ByteBuffer tfdtBox(ByteBuffer traf, int trackId) {
        List<ByteBuffer> tfdts = children(traf, "tfdt");
        if (tfdts.isEmpty()) {
            throw new Fmp4Exception("traf of track " + trackId + " has no tfdt: its start time is unknown");
        }
        return tfdts.get(0);
    }

    /** {total duration, first sample sync (1), not (0), no samples (-1)}. */
    private static long[] trun(ByteBuffer trun, long defaultDuration, int defaultFlags, int trackId) {
        need(trun, 8, "trun");
        int flags = trun.getInt() & 0xFFFFFF;
        long count = trun.getInt() & 0xFFFFFFFFL;
        int optional = (Integer.bitCount(flags & (DATA_OFFSET_PRESENT | FIRST_SAMPLE_FLAGS_PRESENT))) * 4;
        need(trun, optional, "trun");
        if ((flags & DATA_OFFSET_PRESENT) != 0) {
            trun.getInt();
        }
        Integer firstFlags = (flags & FIRST_SAMPLE_FLAGS_PRESENT) != 0 ? trun.getInt() : null;
        int perSample = Integer.bitCount(flags & (SAMPLE_DURATION_PRESENT | SAMPLE_SIZE_PRESENT | SAMPLE_FLAGS_PRESENT
                | SAMPLE_COMPOSITION_TIME_OFFSETS_PRESENT)) * 4;
        if (count * perSample > trun.remaining()) {
            throw new Fmp4Exception("trun of track " + trackId + ": sample_count " + count + " needs "
                    + count * perSample + " bytes, the box has " + trun.remaining());
        }
        long duration = 0;
        int sync = count == 0 ? -1 : 0;
        for (long i = 0; i < count; i++) {
            long d = (flags & SAMPLE_DURATION_PRESENT) != 0 ? trun.getInt() & 0xFFFFFFFFL : defaultDuration;
            if ((flags & SAMPLE_SIZE_PRESENT) != 0) {
                trun.getInt();
            }
            int f = (flags & SAMPLE_FLAGS_PRESENT) != 0 ? trun.getInt() : defaultFlags;
            if ((flags & SAMPLE_COMPOSITION_TIME_OFFSETS_PRESENT) != 0) {
                trun.getInt();
            }
            if (i == 0) {
                sync = ((firstFlags != null ? firstFlags : f) & NON_SYNC_SAMPLE) == 0 ? 1 : 0;
            }
            duration += d;
        }
        return new long[] {duration, sync};
    }

    /** The child boxes of type {@code type} in a container's payload, each as its own payload buffer. */
    static List<ByteBuffer> children(ByteBuffer container, String type) {
        List<ByteBuffer> out = new ArrayList<>();
        ByteBuffer b = container.duplicate();
        while (b.remaining() >= 8) {
            int start = b.position();
            long boxSize = b.getInt() & 0xFFFFFFFFL;
            String t = fourcc(b.getInt());
            int header = 8;
            if (boxSize == 1) {
                need(b, 8, t);
                boxSize = b.getLong();
                header = 16;
            } else if (boxSize == 0) {
                boxSize = b.limit() - start;
            }
            if (boxSize < header || boxSize > b.limit() - start) {
                throw new Fmp4Exception("box '" + t + "' has size " + boxSize + ", its parent has "
                        + (b.limit() - start) + " bytes left");
            }
            if (t.equals(type)) {
                out.add(b.duplicate().position(start + header).limit(start + (int) boxSize).slice());
            }
            b.position(start + (int) boxSize);
        }
        return out;
    }

    static ByteBuffer only(ByteBuffer container, String type, String parent) {
        List<ByteBuffer> found = children(container, type);
        if (found.isEmpty()) {
            throw new Fmp4Exception(parent + " has no " + type);
        }
        return found.get(0);
    }

    static void need(ByteBuffer b, int n, String box) {
        if (b.remaining() < n) {
            throw new Fmp4Exception(box + ": " + n + " more bytes needed, " + b.remaining() + " left");
        }
    }

    static String fourcc(int type) {
        byte[] b = {(byte) (type >>> 24), (byte) (type >>> 16), (byte) (type >>> 8), (byte) type};
        for (int i = 0; i < 4; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                b[i] = '?';
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }
}
