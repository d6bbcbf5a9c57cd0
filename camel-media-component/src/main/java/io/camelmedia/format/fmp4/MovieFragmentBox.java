package io.camelmedia.format.fmp4;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A movie fragment: {@code moof} (ISO/IEC 14496-12 8.8.4) with {@code mfhd} (8.8.5) and one
 * {@link TrackFragment} per run, followed by the {@code mdat} (8.1.1) holding the runs' samples in run
 * order. Each trun's data_offset counts from the moof's first byte (tfhd default-base-is-moof), so the
 * fragment stands alone: it can be served as an LL-HLS part or appended to a file unchanged.
 */
final class MovieFragmentBox {
    /** mfhd sequence_number is an unsigned 32-bit field. */
    static final long MAX_SEQUENCE_NUMBER = 0xFFFF_FFFFL;
    /**
     * Largest fragment: the largest Java array (a little under 2^31). A 2 s segment of 50 Mb/s 2160p60 video
     * is 12.5 MB, so this only stops nonsense; it also keeps every size and data_offset within 32 bits.
     */
    static final long MAX_FRAGMENT_SIZE = Integer.MAX_VALUE - 8;
    private static final int MFHD_SIZE = BoxWriter.FULL_HEADER + 4;

    private final long sequenceNumber;
    private final List<TrackFragment> fragments;
    private final int moofSize;
    private final int totalSize;

    MovieFragmentBox(long sequenceNumber, List<TrackRun> runs) {
        if (sequenceNumber < 0 || sequenceNumber > MAX_SEQUENCE_NUMBER) {
            throw new Fmp4Exception("mfhd: sequence_number " + sequenceNumber + " is outside [0, "
                    + MAX_SEQUENCE_NUMBER + "]");
        }
        if (runs.isEmpty()) {
            throw new Fmp4Exception("moof: at least one track run is needed");
        }
        if (runs.size() > MovieBox.MAX_TRACKS) {
            throw Fmp4Exception.limit("moof", "traf count", runs.size(), MovieBox.MAX_TRACKS, runs.get(0).track().id());
        }
        this.sequenceNumber = sequenceNumber;
        this.fragments = new ArrayList<>(runs.size());
        Set<Integer> ids = new HashSet<>();
        long moof = BoxWriter.HEADER + MFHD_SIZE;
        long total = BoxWriter.HEADER; // mdat header
        for (TrackRun run : runs) {
            if (!ids.add(run.track().id())) {
                throw new Fmp4Exception("moof: two runs for track " + run.track().id()
                        + " (ISO/IEC 23000-19 7.3.2.3: one traf per track)");
            }
            TrackFragment f = new TrackFragment(run);
            fragments.add(f);
            moof += f.size();
            total += f.dataSize();
        }
        total += moof;
        if (total > MAX_FRAGMENT_SIZE) {
            throw new Fmp4Exception("moof+mdat: fragment size " + total + " exceeds the limit " + MAX_FRAGMENT_SIZE);
        }
        this.moofSize = (int) moof;
        this.totalSize = (int) total;
    }

    byte[] marshal() {
        BoxWriter w = new BoxWriter(totalSize);
        w.header(moofSize, "moof");
        w.fullHeader(MFHD_SIZE, "mfhd", 0, 0).u32(sequenceNumber);
        long dataOffset = moofSize + BoxWriter.HEADER;
        for (TrackFragment f : fragments) {
            f.write(w, (int) dataOffset);
            dataOffset += f.dataSize();
        }
        w.header(totalSize - moofSize, "mdat");
        for (TrackFragment f : fragments) {
            f.writeData(w);
        }
        return w.finish();
    }
}
