package io.camelmedia.format.fmp4;

/**
 * The fragmented-MP4 writer was given something it cannot write: a codec it does not carry, a track
 * without the configuration its sample entry needs, or samples whose numbers do not fit the boxes
 * (negative durations, composition offsets beyond 32 bits, a fragment over {@link Fmp4Writer#MAX_FRAGMENT_SIZE}).
 * The message names the box, the field, the value and the limit. {@link FragmentIndex} throws it too, for a
 * file it cannot index (a box smaller than its header, a moof over its bound, a trun longer than its box).
 */
public class Fmp4Exception extends IllegalArgumentException {
    public Fmp4Exception(String message) {
        super(message);
    }

    public Fmp4Exception(String message, Throwable cause) {
        super(message, cause);
    }

    /** "box: field value exceeds the limit limit (track N)". */
    static Fmp4Exception limit(String box, String field, long value, long limit, int trackId) {
        return new Fmp4Exception(box + ": " + field + " " + value + " is outside [0, " + limit + "] (track "
                + trackId + ")");
    }
}
