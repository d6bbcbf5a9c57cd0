package io.camelmedia.protocol.srt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The sender's retransmission history: kept until acknowledged, evicted when full, dropped when too old. */
class SrtSendBufferTest {
    final List<ByteBuf> made = new ArrayList<>();

    ByteBuf packet() {
        ByteBuf b = Unpooled.buffer(4).writeInt(made.size());
        made.add(b);
        return b;
    }

    @Test
    void keepsUntilAcknowledged() {
        int isn = SrtSeq.SEQ_MODULUS - 2;
        SrtSendBuffer sb = new SrtSendBuffer(32, isn);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, sb.add(packet(), i * 1000L));
        }
        assertSame(made.get(0), sb.get(isn));
        assertSame(made.get(4), sb.get(2), "sequence numbers wrap past 2^31-1");
        assertNull(sb.get(3), "never sent");
        assertNull(sb.get(SrtSeq.add(isn, -1)));
        sb.acknowledge(1);
        assertEquals(2, sb.size());
        assertEquals(1, sb.first());
        assertNull(sb.get(0));
        assertSame(made.get(3), sb.get(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, made.get(i).refCnt(), "acknowledged packets are released");
        }
        sb.acknowledge(0);
        assertEquals(2, sb.size(), "an old ACK changes nothing");
        sb.acknowledge(3);
        assertEquals(0, sb.size());
        assertEquals(3, sb.first());
        sb.add(packet(), 9000);
        assertSame(made.get(5), sb.get(3), "after an empty buffer the next packet is the ACKed number");
        sb.release();
        made.forEach(b -> assertEquals(0, b.refCnt()));
    }

    @Test
    void evictsTheOldestWhenFull() {
        SrtSendBuffer sb = new SrtSendBuffer(32, 100);
        for (int i = 0; i < 32; i++) {
            assertEquals(0, sb.add(packet(), i));
        }
        assertEquals(1, sb.add(packet(), 32));
        assertEquals(32, sb.size());
        assertEquals(101, sb.first());
        assertNull(sb.get(100));
        assertEquals(0, made.get(0).refCnt());
        assertSame(made.get(32), sb.get(132));
        sb.release();
    }

    @Test
    void dropsByAge() {
        SrtSendBuffer sb = new SrtSendBuffer(32, 0);
        for (int i = 0; i < 10; i++) {
            sb.add(packet(), i * 10_000L);
        }
        assertEquals(0, sb.dropOlderThan(0));
        assertEquals(3, sb.dropOlderThan(25_000));
        assertEquals(3, sb.first());
        assertNull(sb.get(2));
        assertSame(made.get(3), sb.get(3));
        assertEquals(7, sb.dropOlderThan(Long.MAX_VALUE));
        assertEquals(0, sb.size());
        assertEquals(10, sb.first());
        made.forEach(b -> assertEquals(0, b.refCnt()));
    }
}
