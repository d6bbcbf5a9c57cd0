package io.camelmedia.format.fmp4;

import java.util.List;

import io.camelmedia.frame.Track;

/**
 * Writes fragmented MP4 as CMAF / HLS fMP4 uses it (ISO/IEC 14496-12, ISO/IEC 23000-19, Apple HLS
 * authoring spec): an init segment ({@code ftyp + moov}) once per set of tracks, then fragments
 * ({@code moof + mdat}) that are served as HLS segments or LL-HLS parts, or concatenated into a file.
 *
 * <p>Stateless: the caller (the HLS origin) keeps the sequence numbers and the decode times. Tracks are
 * told apart by {@link Track#id()}, which becomes track_ID; every track of a fragment must be in the
 * init segment it follows. Timestamps are written in the track's own clock (mdhd timescale =
 * {@link Track#clockRate()}): 90 kHz video, the sample rate for audio, so frames' dts/pts go in unchanged.
 *
 * <p>Payloads: H.264/H.265 frames in {@code AVCC} are copied as they are (4-byte lengths, as the frame
 * model has them; the avcC/hvcC written says lengthSizeMinusOne 3); {@code ANNEX_B} frames are re-framed
 * with 4-byte lengths, every NAL unit kept. That conversion is stateless: in-band parameter sets that
 * change the stream are the caller's to turn into a new Track and init segment (see
 * {@code process.annexb.AnnexbConverter}). Other codecs' payloads are copied as they are.
 *
 * <p>See {@link SampleEntry} for the sample entry and configuration box of each codec.
 */
public final class Fmp4Writer {
    /** The largest fragment {@link #fragment} writes, in bytes (the largest Java array). */
    public static final long MAX_FRAGMENT_SIZE = MovieFragmentBox.MAX_FRAGMENT_SIZE;

    private Fmp4Writer() {
    }

    /**
     * The init segment for {@code tracks}, in that order: {@code ftyp} (iso6; cmfc, mp41) and {@code moov}
     * with {@code mvhd}, one {@code trak} per track (empty sample tables, one sample entry) and
     * {@code mvex} with a {@code trex} per track.
     *
     * @throws Fmp4Exception for no tracks, duplicate or non-positive ids, a codec fMP4 does not carry here,
     *                       or a missing/malformed configuration record
     */
    public static byte[] initSegment(List<Track> tracks) {
        return Box.marshal(List.of(FileTypeBox.box(), MovieBox.of(tracks)));
    }

    /**
     * One fragment: {@code moof} ({@code mfhd} with {@code sequenceNumber}, one {@code traf} per run) and
     * the {@code mdat} with the runs' samples one run after the other.
     *
     * @param sequenceNumber mfhd sequence_number, 0 .. 2^32-1; HLS wants it to grow by one per fragment
     * @param runs           one per track (at most one run per track id), in the order their samples
     *                       go into the mdat
     * @throws Fmp4Exception for bad numbers (negative decode time or duration, offsets beyond 32 bits),
     *                       a sample on another track than its run, malformed Annex B, or a fragment
     *                       larger than {@link #MAX_FRAGMENT_SIZE}
     */
    public static byte[] fragment(long sequenceNumber, List<TrackRun> runs) {
        return new MovieFragmentBox(sequenceNumber, runs).marshal();
    }
}
