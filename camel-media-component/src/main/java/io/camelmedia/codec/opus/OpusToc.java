package io.camelmedia.codec.opus;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.Errors;

/**
 * The TOC byte of an Opus packet (RFC 6716 3.1: config(5) s(1) c(2)) and the frame count of 3.2, giving
 * a packet's duration.
 */
public final class OpusToc {
    private static final String STRUCTURE = "Opus packet";
    /** Frame sizes in 1/400 s units (2.5 ms) for configs 0..31, Table 2 of RFC 6716 3.1. */
    private static final int[] FRAME_QUARTER_MS = {
        // SILK-only NB, MB, WB: 10, 20, 40, 60 ms
        4, 8, 16, 24, 4, 8, 16, 24, 4, 8, 16, 24,
        // Hybrid SWB, FB: 10, 20 ms
        4, 8, 4, 8,
        // CELT-only NB, WB, SWB, FB: 2.5, 5, 10, 20 ms
        1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 8};
    /** 48 kHz samples in 2.5 ms. */
    private static final int SAMPLES_PER_UNIT = 120;
    /** 3.2.5: a packet holds at most 120 ms of audio (48 frames of 2.5 ms). */
    public static final int MAX_PACKET_SAMPLES = 5760;
    private static final int FRAME_COUNT_MASK = 0x3F;

    private OpusToc() {
    }

    /** config (0..31) of the TOC byte. */
    public static int config(byte toc) {
        return (toc & 0xFF) >> 3;
    }

    /** True when the s bit says stereo. */
    public static boolean stereo(byte toc) {
        return (toc & 0x04) != 0;
    }

    /** Samples at 48 kHz in one frame of this config. */
    public static int frameSamples(byte toc) {
        return FRAME_QUARTER_MS[config(toc)] * SAMPLES_PER_UNIT;
    }

    /** Frames in the packet (3.2): 1 for code 0, 2 for codes 1 and 2, M from the frame count byte for code 3. */
    public static int frameCount(byte[] packet, int offset, int length) {
        if (length < 1) {
            throw new CodecException(STRUCTURE + ": empty packet has no TOC byte");
        }
        int code = packet[offset] & 0x03;
        if (code == 0) {
            return 1;
        }
        if (code != 3) {
            return 2;
        }
        if (length < 2) {
            throw Errors.truncated(STRUCTURE, "frame count byte", 1, 0, 1, packet, offset + 1);
        }
        int m = packet[offset + 1] & FRAME_COUNT_MASK;
        if (m == 0) {
            throw Errors.invalid(STRUCTURE, "frame count", 0, "must be at least 1", 1);
        }
        return m;
    }

    /** The packet's duration in samples at 48 kHz (at most {@link #MAX_PACKET_SAMPLES}). */
    public static int packetSamples(byte[] packet, int offset, int length) {
        int n = frameCount(packet, offset, length) * frameSamples(packet[offset]);
        if (n > MAX_PACKET_SAMPLES) {
            throw Errors.limit(STRUCTURE, "duration in 48 kHz samples", n, MAX_PACKET_SAMPLES, 1);
        }
        return n;
    }

    public static int packetSamples(byte[] packet) {
        return packetSamples(packet, 0, packet.length);
    }
}
