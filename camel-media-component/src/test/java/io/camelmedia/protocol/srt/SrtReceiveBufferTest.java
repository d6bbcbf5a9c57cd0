package io.camelmedia.protocol.srt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receive window on its own: order, holes and their NAK encoding, too-late drop, duplicates, wraps. */
class SrtReceiveBufferTest {
    static final long LATENCY = 100_000;
    static final long T0 = 1_000_000;

    final List<Integer> delivered = new ArrayList<>();
    final List<ByteBuf> made = new ArrayList<>();
    SrtReceiveBuffer buf = new SrtReceiveBuffer(64, LATENCY, b -> delivered.add(b.getInt(b.readerIndex())));

    /** A payload carrying {@code seq}, so delivery order can be checked. */
    ByteBuf payload(int seq) {
        ByteBuf b = Unpooled.buffer(4).writeInt(seq);
        made.add(b);
        return b;
    }

    /** Packet {@code seq} sent {@code 1 ms * (seq - first)} after the first, arriving at that time plus 5 ms. */
    long add(int first, int seq) {
        long ts = 1000L * SrtSeq.diff(seq, first);
        return buf.add(seq, ts, payload(seq), false, T0 + ts + 5000);
    }

    @AfterEach
    void noLeaks() {
        buf.release();
        for (ByteBuf b : made) {
            assertEquals(1, b.refCnt(), "the buffer still holds a payload it took");
        }
    }

    @Test
    void deliversInOrderAtTheTsbpdTime() {
        buf.start(100);
        for (int s = 100; s < 105; s++) {
            assertEquals(0, add(100, s));
        }
        assertEquals(105, buf.ackSequence());
        buf.deliverDue(T0 + 5000 + LATENCY - 1);
        assertEquals(List.of(), delivered);
        buf.deliverDue(T0 + 5000 + LATENCY + 2000);
        assertEquals(List.of(100, 101, 102), delivered);
        buf.deliverDue(T0 + 5000 + LATENCY + 4000);
        assertEquals(List.of(100, 101, 102, 103, 104), delivered);
        assertEquals(5, buf.delivered);
        assertEquals(0, buf.lost);
    }

    @Test
    void holesAreReportedAsSinglesAndRanges() {
        buf.start(0);
        assertEquals(0, add(0, 0));
        assertEquals(0, add(0, 1));
        assertEquals((2L << 32) | 1, add(0, 3));
        assertEquals((4L << 32) | 2, add(0, 6));
        assertEquals(0, add(0, 7));
        assertEquals((8L << 32) | 3, add(0, 11));
        assertEquals(6, buf.lost);
        assertEquals(2, buf.ackSequence());
        int[] words = new int[16];
        int n = buf.lossList(words, words.length);
        assertArrayEquals(new int[] {2, 4 | 0x8000_0000, 5, 8 | 0x8000_0000, 10}, java.util.Arrays.copyOf(words, n));
        // a loss list that does not fit stops at a whole entry
        assertEquals(3, buf.lossList(words, 4));
        // retransmissions fill the holes; the ACK moves to the next one
        buf.add(2, 2000, payload(2), true, T0 + 50_000);
        assertEquals(4, buf.ackSequence());
        assertEquals(1, buf.retransmitted);
        n = buf.lossList(words, words.length);
        assertArrayEquals(new int[] {4 | 0x8000_0000, 5, 8 | 0x8000_0000, 10}, java.util.Arrays.copyOf(words, n));
    }

    @Test
    void aHoleIsSkippedWhenItsSuccessorIsDueAndALatePacketIsNotDelivered() {
        buf.start(0);
        add(0, 0);
        add(0, 1);
        add(0, 3);
        long due3 = T0 + 5000 + 3000 + LATENCY;
        buf.deliverDue(due3 - 1);
        assertEquals(List.of(0, 1), delivered);
        assertEquals(0, buf.dropped);
        buf.deliverDue(due3);
        assertEquals(List.of(0, 1, 3), delivered);
        assertEquals(1, buf.dropped);
        // the retransmission comes too late: not delivered, counted
        buf.add(2, 2000, payload(2), true, due3 + 1);
        buf.deliverDue(due3 + 10_000);
        assertEquals(List.of(0, 1, 3), delivered);
        assertEquals(1, buf.duplicates);
        assertEquals(4, buf.ackSequence());
    }

    @Test
    void duplicatesAreCountedAndDeliveredOnce() {
        buf.start(7);
        add(7, 7);
        add(7, 8);
        add(7, 8);
        add(7, 7);
        buf.deliverDue(Long.MAX_VALUE / 2);
        add(7, 8);
        buf.deliverDue(Long.MAX_VALUE / 2);
        assertEquals(List.of(7, 8), delivered);
        assertEquals(3, buf.duplicates);
    }

    @Test
    void beyondTheWindowIsRefused() {
        buf.start(0);
        add(0, 0);
        assertEquals(0, add(0, 64));
        assertEquals(1, buf.beyondWindow);
        assertEquals((1L << 32) | 62, add(0, 63));
        assertEquals(0, buf.available());
        buf.deliverDue(Long.MAX_VALUE / 2);
        assertEquals(List.of(0, 63), delivered);
        assertEquals(62, buf.dropped);
        assertEquals(64, buf.available());
    }

    @Test
    void sequenceNumbersWrapAt2To31() {
        int first = SrtSeq.SEQ_MODULUS - 3;
        buf.start(first);
        int[] seqs = IntStream.range(0, 8).map(i -> SrtSeq.add(first, i)).toArray();
        for (int i = 0; i < seqs.length; i++) {
            if (i != 2 && i != 3 && i != 4) {
                add(first, seqs[i]);
            }
        }
        // the hole spans the wrap: 2^31-1, 0, 1
        int[] words = new int[4];
        int n = buf.lossList(words, 4);
        assertArrayEquals(new int[] {(SrtSeq.SEQ_MODULUS - 1) | 0x8000_0000, 1}, java.util.Arrays.copyOf(words, n));
        assertEquals(SrtSeq.SEQ_MODULUS - 1, buf.ackSequence());
        for (int i = 2; i <= 4; i++) {
            buf.add(seqs[i], 1000L * i, payload(seqs[i]), true, T0 + 20_000);
        }
        assertEquals(SrtSeq.add(first, 8), buf.ackSequence());
        buf.deliverDue(Long.MAX_VALUE / 2);
        assertEquals(IntStream.of(seqs).boxed().toList(), delivered);
        assertEquals(0, buf.dropped);
    }

    @Test
    void timestampsWrapAt2To32() {
        buf.start(0);
        long ts0 = 0xFFFF_FFFFL - 999;
        buf.add(0, ts0, payload(0), false, T0);
        buf.add(1, 500, payload(1), false, T0 + 1500);
        buf.add(2, 1500, payload(2), false, T0 + 2500);
        buf.deliverDue(T0 + LATENCY);
        assertEquals(List.of(0), delivered);
        buf.deliverDue(T0 + LATENCY + 1499);
        assertEquals(List.of(0), delivered, "the wrapped timestamp 500 is 1500 us after the first, not 4295 s before");
        buf.deliverDue(T0 + LATENCY + 1500);
        assertEquals(List.of(0, 1), delivered);
        buf.deliverDue(T0 + LATENCY + 2500);
        assertEquals(List.of(0, 1, 2), delivered);
    }

    @Test
    void dropRequestSkipsWhatTheSenderGaveUpAndKeepsWhatArrived() {
        buf.start(0);
        add(0, 0);
        add(0, 4);
        // the sender gave up 0..2 (libsrt: KEEP_EXISTING, so 0, which did arrive, is still played)
        buf.dropUpTo(3);
        assertEquals(3, buf.ackSequence(), "1 and 2 will never come: the ACK passes them");
        int[] words = new int[4];
        assertArrayEquals(new int[] {3}, java.util.Arrays.copyOf(words, buf.lossList(words, 4)));
        buf.add(1, 1000, payload(1), true, T0 + 6000);
        assertEquals(1, buf.duplicates, "a packet the sender gave up is not taken any more");
        buf.deliverDue(T0 + 5000 + LATENCY);
        assertEquals(List.of(0), delivered);
        buf.deliverDue(T0 + 5000 + 4000 + LATENCY);
        assertEquals(List.of(0, 4), delivered);
        assertEquals(3, buf.dropped);
        // a range beyond what arrived: skipped as well
        buf.dropUpTo(10);
        assertEquals(10, buf.ackSequence());
        add(0, 10);
        buf.deliverDue(Long.MAX_VALUE / 2);
        assertEquals(List.of(0, 4, 10), delivered);
        assertEquals(8, buf.dropped);
    }

    @Test
    void flushDeliversWhatArrivedAndSkipsHoles() {
        buf.start(0);
        add(0, 0);
        add(0, 2);
        buf.flush();
        assertEquals(List.of(0, 2), delivered);
        assertEquals(1, buf.dropped);
    }
}
