package io.camelmedia.protocol.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpSequenceTest {
    @Test
    void comparesAcrossTheWrap() {
        assertEquals(1, RtpSequence.diff(0, 65535));
        assertEquals(-1, RtpSequence.diff(65535, 0));
        assertEquals(-32768, RtpSequence.diff(0, 32768));
        assertEquals(32767, RtpSequence.diff(32767, 0));
        assertTrue(RtpSequence.isNewer(3, 65530));
        assertFalse(RtpSequence.isNewer(65530, 3));
        assertEquals(0, RtpSequence.add(65535, 1));
    }

    @Test
    void unwrapsSequenceNumbersThroughSeveralWraps() {
        RtpSequence.Unwrapper u = new RtpSequence.Unwrapper();
        long expected = 65_000;
        int seq = 65_000;
        assertEquals(expected, u.unwrap(seq));
        for (int i = 0; i < 200_000; i++) {
            seq = RtpSequence.add(seq, 1);
            expected++;
            assertEquals(expected, u.unwrap(seq));
        }
        assertEquals(expected - 5, u.unwrap(RtpSequence.add(seq, -5)), "a late packet keeps its place");
        assertEquals(expected, u.highest());
    }

    @Test
    void unwrapsTimestampsAcrossTheWrapAndKeepsLateOnesBefore() {
        RtpTimestampUnwrapper u = new RtpTimestampUnwrapper();
        assertEquals(0xFFFF_FF00L, u.unwrap(0xFFFF_FF00L));
        assertEquals(0x1_0000_0E10L, u.unwrap(0x0E10L), "wrapped: keeps growing");
        assertEquals(0xFFFF_FFF0L, u.unwrap(0xFFFF_FFF0L), "a B-frame from before the wrap stays before it");
        assertEquals(0x1_0000_1C20L, u.unwrap(0x1C20L));
        assertEquals(-10, RtpTimestampUnwrapper.diff(0, 10));
        assertEquals(16, RtpTimestampUnwrapper.diff(5, 0xFFFF_FFF5L));
    }
}
