package io.camelmedia.format.mpegts;

/**
 * The 4-bit continuity_counter of one PID (ITU-T H.222.0 2.4.3.3): incremented for each transport packet
 * that carries a payload, unchanged for adaptation-field-only packets. Lives as long as the muxer, so the
 * count runs on without a gap across HLS segments. The first payload packet gets 0 (as ffmpeg).
 */
final class ContinuityCounter {
    private static final int MODULO = 16;
    private int last = MODULO - 1;

    /** The counter for the next packet with a payload. */
    int next() {
        last = (last + 1) % MODULO;
        return last;
    }

    /** The counter of the last payload packet, for a packet without payload. */
    int current() {
        return last;
    }
}
