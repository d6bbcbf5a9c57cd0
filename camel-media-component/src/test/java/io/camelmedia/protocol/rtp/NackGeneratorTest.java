package io.camelmedia.protocol.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Loss patterns for the NACK generator; wrap and staleness for the retransmission history. */
class NackGeneratorTest {

    @Test
    void gapsAreAskedForPacedAndRepairedOnesForgotten() {
        NackGenerator g = new NackGenerator(512, 3);
        g.received(65533, 0);
        g.received(65534, 0);
        g.received(1, 0);   // 65535 and 0 missing across the wrap
        assertEquals(List.of(65535, 0), g.due(0, 50));
        assertEquals(List.of(), g.due(10, 50), "not again before the RTT");
        g.received(65535, 20);   // repaired
        assertEquals(List.of(0), g.due(60, 50));
        assertEquals(List.of(0), g.due(120, 50));
        assertFalse(g.takeKeyframeNeeded());
        assertEquals(List.of(), g.due(180, 50), "given up after 3 requests");
        assertEquals(1, g.givenUp());
        assertTrue(g.takeKeyframeNeeded());
        assertFalse(g.takeKeyframeNeeded());
    }

    @Test
    void aReorderedPacketThatArrivesBeforeItIsDueIsNeverAskedFor() {
        NackGenerator g = new NackGenerator(512, 10);
        g.received(10, 0);
        g.received(12, 0);
        g.received(11, 1);
        assertEquals(List.of(), g.due(100, 20));
    }

    @Test
    void aHugeJumpStartsOverInsteadOfTrackingThousands() {
        NackGenerator g = new NackGenerator(100, 10);
        g.received(0, 0);
        g.received(3, 0);
        assertEquals(2, g.missing());
        g.received(5000, 0);
        assertEquals(0, g.missing());
        assertEquals(2, g.givenUp());
        assertTrue(g.takeKeyframeNeeded());
    }

    @Test
    void historyAnswersRecentPacketsOnlyAcrossTheWrap() {
        RetransmissionHistory h = new RetransmissionHistory(8, 1 << 20);
        for (int i = 0; i < 12; i++) {
            h.add((65530 + i) & 0xFFFF, new byte[] {(byte) i});
        }
        assertArrayEquals(new byte[] {11}, h.get(5));
        assertArrayEquals(new byte[] {4}, h.get((65530 + 4) & 0xFFFF));
        assertNull(h.get(65531), "overwritten by a newer packet in its slot");
        assertNull(h.get(6), "never sent");
        RetransmissionHistory small = new RetransmissionHistory(8, 25);
        for (int i = 0; i < 4; i++) {
            small.add(i, new byte[10]);
        }
        assertTrue(small.bytes() <= 25);
        assertNull(small.get(0));
        assertEquals(10, small.get(3).length);
    }
}
