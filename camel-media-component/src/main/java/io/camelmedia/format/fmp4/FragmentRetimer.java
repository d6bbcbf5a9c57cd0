package io.camelmedia.format.fmp4;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the fragments of one or more fragmented MP4 files (of one init) into one fragmented MP4 that starts at
 * time 0, by rewriting only each {@code moof}'s header fields, in place (box sizes stay, so sample data offsets
 * stay right): {@code mfhd} sequence_number counts 1, 2, ...; each {@code tfdt} is shifted by its track's offset;
 * a {@code tfhd} base_data_offset (an absolute file position) moves with the fragment.
 *
 * <p>The offsets are set at the first fragment so that its earliest track starts at 0, and again at the first
 * fragment of a file whose media timeline does not continue the previous file's (within
 * {@link #MAX_GAP_SECONDS}: a file whose clock restarts, or a gap between recordings), so that it continues where
 * the output got to. Inside a file, and across files of one timeline (what {@code media:record} writes), the
 * offsets stay: the output keeps the recording's exact timing, gaps included. Feed fragments in output order.
 */
public final class FragmentRetimer {
    /** Timeline jump between files above which they do not continue each other: 0.5 s, over any frame duration. */
    public static final double MAX_GAP_SECONDS = 0.5;

    private final Map<Integer, FragmentIndex.TrackInfo> tracks = new LinkedHashMap<>();
    private final Map<Integer, Long> shift = new HashMap<>();
    private final Map<Integer, Long> outEnd = new HashMap<>();
    private double inEnd = Double.NaN;
    private long sequence;

    /** For fragments of files with these tracks (their init's, as {@link FragmentIndex#tracks()}). */
    public FragmentRetimer(List<FragmentIndex.TrackInfo> tracks) {
        tracks.forEach(t -> this.tracks.put(t.trackId(), t));
    }

    /**
     * Re-times one {@code moof} box (header included) in place.
     *
     * @param fileStart whether it is the first fragment taken from its file
     * @param moved     how far the fragment moves: its offset in the output less its offset in its file
     */
    public void retime(byte[] moof, boolean fileStart, long moved) {
        ByteBuffer box = ByteBuffer.wrap(moof);
        long size = box.getInt(0) & 0xFFFFFFFFL;
        int header = size == 1 ? 16 : 8;
        if (moof.length < header || box.getInt(4) != 0x6d6f6f66) { // 'moof'
            throw new Fmp4Exception("not a moof box at the fragment's offset");
        }
        ByteBuffer payload = box.position(header).slice();
        List<FragmentIndex.Traf> trafs = FragmentIndex.trafs(payload, tracks, 0);
        double first = Double.NaN;
        for (FragmentIndex.Traf t : trafs) {
            double start = (double) t.baseMediaDecodeTime() / timescale(t);
            first = Double.isNaN(first) ? start : Math.min(first, start);
        }
        if (Double.isNaN(first)) {
            throw new Fmp4Exception("moof has no traf");
        }
        if (sequence == 0) {
            shiftAll(first, 0);
        } else if (fileStart && !(Math.abs(first - inEnd) <= MAX_GAP_SECONDS)) {
            double reached = 0;
            for (Map.Entry<Integer, Long> e : outEnd.entrySet()) {
                reached = Math.max(reached, (double) e.getValue() / tracks.get(e.getKey()).timescale());
            }
            shiftAll(first, reached);
        }
        double end = Double.NaN;
        for (FragmentIndex.Traf t : trafs) {
            long out = Math.max(0, t.baseMediaDecodeTime() + shift.get(t.trackId()));
            writeTfdt(t, out);
            moveBaseDataOffset(t, moved);
            outEnd.merge(t.trackId(), out + t.duration(), Math::max);
            double inTrafEnd = (double) (t.baseMediaDecodeTime() + t.duration()) / timescale(t);
            end = Double.isNaN(end) ? inTrafEnd : Math.max(end, inTrafEnd);
        }
        inEnd = end;
        sequence++;
        ByteBuffer mfhd = FragmentIndex.only(payload, "mfhd", "moof");
        FragmentIndex.need(mfhd, 8, "mfhd");
        mfhd.putInt(mfhd.position() + 4, (int) sequence);
    }

    /** Offsets that put input time {@code from} (seconds) at output time {@code to}, for every track. */
    private void shiftAll(double from, double to) {
        for (FragmentIndex.TrackInfo t : tracks.values()) {
            shift.put(t.trackId(), Math.round(to * t.timescale()) - Math.round(from * t.timescale()));
        }
    }

    private double timescale(FragmentIndex.Traf t) {
        return tracks.get(t.trackId()).timescale();
    }

    private static void writeTfdt(FragmentIndex.Traf t, long value) {
        ByteBuffer tfdt = t.tfdt();
        int at = tfdt.position();
        if ((tfdt.getInt(at) >>> 24) == 1) {
            tfdt.putLong(at + 4, value);
        } else if (value <= 0xFFFFFFFFL) {
            tfdt.putInt(at + 4, (int) value);
        } else {
            throw new Fmp4Exception("tfdt of track " + t.trackId() + ": version 0 cannot hold " + value);
        }
    }

    private static void moveBaseDataOffset(FragmentIndex.Traf t, long moved) {
        ByteBuffer tfhd = t.tfhd();
        int at = tfhd.position();
        if ((tfhd.getInt(at) & FragmentIndex.BASE_DATA_OFFSET_PRESENT) != 0 && moved != 0) {
            tfhd.putLong(at + 8, tfhd.getLong(at + 8) + moved);
        }
    }
}
