package io.camelmedia.protocol.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    /** Records what the buffer releases as "seq", "lost:n" and "disc:ssrc". */
    static final class Events implements ReorderBuffer.Sink {
        final List<String> log = new ArrayList<>();
        final List<Integer> seqs = new ArrayList<>();

        @Override
        public void packet(RtpPacket packet) {
            log.add(String.valueOf(packet.sequenceNumber()));
            seqs.add(packet.sequenceNumber());
        }

        @Override
        public void lost(int count) {
            log.add("lost:" + count);
        }

        @Override
        public void discontinuity(long previousSsrc, long ssrc) {
            log.add("disc:" + ssrc);
        }
    }

    static RtpPacket packet(int seq) {
        return packet(seq, 1);
    }

    static RtpPacket packet(int seq, long ssrc) {
        return RtpPacket.builder().payloadType(96).sequenceNumber(seq).timestamp(seq * 3000L).ssrc(ssrc)
                .payload(new byte[] {(byte) seq}).build();
    }

    @Test
    void releasesReorderedPacketsInOrderAcrossTheWrap() {
        ReorderBuffer b = new ReorderBuffer(16, 100);
        Events e = new Events();
        for (int seq : new int[] {65533, 65535, 65534, 1, 0, 2}) {
            b.push(packet(seq), 0, e);
        }
        assertEquals(List.of("65533", "65534", "65535", "0", "1", "2"), e.log);
        assertEquals(0, b.held());
        assertEquals(0, b.lost());
    }

    @Test
    void dropsDuplicatesHeldAndAlreadyReleased() {
        ReorderBuffer b = new ReorderBuffer(16, 100);
        Events e = new Events();
        for (int seq : new int[] {10, 12, 12, 11, 11, 10}) {
            b.push(packet(seq), 0, e);
        }
        assertEquals(List.of("10", "11", "12"), e.log);
        assertEquals(1, b.duplicates());
        assertEquals(2, b.late());
    }

    @Test
    void givesUpOnAGapAfterTheDelayAndReportsTheLoss() {
        ReorderBuffer b = new ReorderBuffer(16, 100);
        Events e = new Events();
        b.push(packet(1), 0, e);
        b.push(packet(4), 10, e);
        b.push(packet(5), 20, e);
        assertEquals(List.of("1"), e.log);
        assertEquals(10, b.millisUntilDeadline(100), "the oldest held packet arrived at 10");
        b.poll(109, e);
        assertEquals(List.of("1"), e.log);
        b.poll(110, e);
        assertEquals(List.of("1", "lost:2", "4", "5"), e.log);
        assertEquals(2, b.lost());
        b.push(packet(2), 120, e);
        assertEquals(1, b.late(), "a packet given up on is late, not delivered out of order");
    }

    @Test
    void givesUpWhenFullWithoutWaiting() {
        ReorderBuffer b = new ReorderBuffer(4, 10_000);
        Events e = new Events();
        b.push(packet(100), 0, e);
        for (int seq = 102; seq <= 105; seq++) {
            b.push(packet(seq), 0, e);
        }
        assertEquals(List.of("100", "lost:1", "102", "103", "104", "105"), e.log);
        assertEquals(0, b.held());
    }

    @Test
    void zeroDelayReportsEveryGapAtOnce() {
        ReorderBuffer b = new ReorderBuffer(16, 0);
        Events e = new Events();
        b.push(packet(1), 0, e);
        b.push(packet(3), 0, e);
        assertEquals(List.of("1", "lost:1", "3"), e.log);
    }

    @Test
    void ssrcChangeFlushesAndRestarts() {
        ReorderBuffer b = new ReorderBuffer(16, 100);
        Events e = new Events();
        b.push(packet(1, 7), 0, e);
        b.push(packet(3, 7), 0, e);
        b.push(packet(5000, 8), 0, e);
        b.push(packet(5001, 8), 0, e);
        assertEquals(List.of("1", "lost:1", "3", "disc:8", "5000", "5001"), e.log);
        assertEquals(1, b.discontinuities());
    }

    @Test
    void aSequenceJumpIsARestartOnceConfirmed() {
        ReorderBuffer b = new ReorderBuffer(16, 100);
        Events e = new Events();
        b.push(packet(100), 0, e);
        b.push(packet(40_000), 0, e);          // lone jump: dropped (RFC 3550 A.1 waits for a second)
        b.push(packet(101), 0, e);
        b.push(packet(40_000), 0, e);
        b.push(packet(40_001), 0, e);          // confirmed: restart
        b.push(packet(40_002), 0, e);
        assertEquals(List.of("100", "101", "disc:1", "40001", "40002"), e.log);
    }

    @Test
    void randomReorderingWithinTheWindowLosesNothing() {
        Random rnd = new Random(7);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            order.add((60_000 + i) & 0xFFFF);
        }
        for (int i = 1; i + 3 < order.size(); i += 4) {   // shuffle within groups of 4, duplicate some
            Collections.shuffle(order.subList(i, i + 4), rnd);
        }
        ReorderBuffer b = new ReorderBuffer(64, 1000);
        Events e = new Events();
        for (int seq : order) {
            b.push(packet(seq), 0, e);
            if (rnd.nextInt(100) == 0) {
                b.push(packet(seq), 0, e);
            }
        }
        b.flush(e);
        assertEquals(5000, e.seqs.size());
        for (int i = 1; i < e.seqs.size(); i++) {
            assertEquals(RtpSequence.add(e.seqs.get(i - 1), 1), e.seqs.get(i));
        }
        assertEquals(0, b.lost());
        assertTrue(b.duplicates() + b.late() > 0);
    }

    @Test
    void boundedWhateverArrives() {
        Random rnd = new Random(9);
        ReorderBuffer b = new ReorderBuffer(32, 50);
        Events e = new Events();
        long now = 0;
        for (int i = 0; i < 100_000; i++) {
            b.push(packet(rnd.nextInt(65536), rnd.nextInt(3)), now += rnd.nextInt(3), e);
            assertTrue(b.held() < 32);
        }
        assertThrows(IllegalArgumentException.class, () -> new ReorderBuffer(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReorderBuffer(ReorderBuffer.MAX_PACKETS_LIMIT + 1, 1));
    }
}
