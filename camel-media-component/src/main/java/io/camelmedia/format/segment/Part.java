package io.camelmedia.format.segment;

/**
 * One LL-HLS partial segment: an fMP4 fragment (moof + mdat) of the segment being built.
 *
 * @param segmentSequence the sequence number of the segment it belongs to
 * @param index           0-based position within that segment
 * @param durationSeconds media time it covers
 * @param independent     starts with a key frame (EXT-X-PART INDEPENDENT=YES)
 * @param data            the fragment bytes (owned: do not modify)
 */
public record Part(long segmentSequence, int index, double durationSeconds, boolean independent, byte[] data) {
}
