package io.camelmedia.format.segment;

import java.util.List;

import io.camelmedia.frame.Track;

/** Receives what a {@link Segmenter} makes, on the thread that feeds it. Must not block. */
public interface SegmentSink {

    /** fMP4 only: a new initialization segment (at start, and when codec parameters change). */
    default void init(byte[] initSegment, List<Track> tracks) {
    }

    /** An LL-HLS part of the segment being built, as soon as it is complete. */
    default void part(Part part) {
    }

    /** A complete segment. */
    void segment(Segment segment);
}
