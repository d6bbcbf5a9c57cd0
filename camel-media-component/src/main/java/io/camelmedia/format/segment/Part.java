package io.camelmedia.format.segment;

/**
 * One part of the segment being built: an LL-HLS partial segment (an fMP4 fragment, moof + mdat), or, for
 * recording, the next bytes of an MPEG-TS or WebM file (whole packets; one Cluster).
 *
 * @param segmentSequence the sequence number of the segment it belongs to
 * @param index           0-based position within that segment
 * @param durationSeconds media time it covers
 * @param independent     starts with a key frame (EXT-X-PART INDEPENDENT=YES)
 * @param frames          frames it holds
 * @param data            the fragment bytes (owned: do not modify)
 */
public record Part(long segmentSequence, int index, double durationSeconds, boolean independent, int frames,
                   byte[] data) {
}
