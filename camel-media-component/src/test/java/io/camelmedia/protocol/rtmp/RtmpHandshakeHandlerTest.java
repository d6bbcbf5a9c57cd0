package io.camelmedia.protocol.rtmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class RtmpHandshakeHandlerTest {
    private final RtmpServerStats stats = new RtmpServerStats();

    private EmbeddedChannel channel(long timeoutMillis) {
        return new EmbeddedChannel(new RtmpHandshakeHandler(timeoutMillis, stats));
    }

    @Test
    void simpleHandshakeEchoesC1AndRemovesItself() {
        EmbeddedChannel ch = channel(10_000);
        ByteBuf c0c1 = RtmpHandshake.clientHello(ch.alloc(), 3);
        byte[] c1 = ByteBufUtil.getBytes(c0c1, 1, RtmpHandshake.PACKET_SIZE);
        ch.writeInbound(c0c1);

        ByteBuf s = ch.readOutbound();
        assertEquals(1 + 2 * RtmpHandshake.PACKET_SIZE, s.readableBytes());
        assertEquals(3, s.getByte(0), "S0 version");
        assertEquals(0, s.getInt(1 + 4), "S1 zero field: tells digest clients not to verify a server digest");
        assertArrayEquals(c1, ByteBufUtil.getBytes(s, 1 + RtmpHandshake.PACKET_SIZE, RtmpHandshake.PACKET_SIZE), "S2 = C1");
        s.release();

        // C2 plus the first bytes of the connect chunk in the same read: the rest is handed on
        ByteBuf c2 = Unpooled.buffer().writeZero(RtmpHandshake.PACKET_SIZE).writeBytes(new byte[] {3, 0, 0});
        ch.writeInbound(c2);
        assertNull(ch.pipeline().get(RtmpHandshakeHandler.class), "handler removed itself");
        ByteBuf rest = ch.readInbound();
        assertEquals(3, rest.readableBytes());
        rest.release();
        assertFalse(ch.finish());
        assertEquals(0, stats.rejected(RtmpRejectReason.HANDSHAKE_TRUNCATED));
    }

    @Test
    void handshakeOneByteAtATime() {
        EmbeddedChannel ch = channel(10_000);
        ByteBuf hello = RtmpHandshake.clientHello(ch.alloc(), 3);
        ByteBuf all = Unpooled.buffer().writeBytes(hello).writeZero(RtmpHandshake.PACKET_SIZE).writeByte(0x42);
        hello.release();
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(1));
        }
        all.release();
        assertNull(ch.pipeline().get(RtmpHandshakeHandler.class));
        ByteBuf s = ch.readOutbound();
        s.release();
        ByteBuf rest = ch.readInbound();
        assertEquals(0x42, rest.readByte());
        rest.release();
        assertFalse(ch.finish());
    }

    @Test
    void wrongVersionFailsAtOnce() {
        EmbeddedChannel ch = channel(10_000);
        RtmpException e = assertThrows(RtmpException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes())));
        assertEquals(RtmpRejectReason.HANDSHAKE_VERSION, e.reason());
        assertEquals("wrong RTMP version in C0: 0x47 ('G': looks like HTTP), expected 3", e.getMessage());
        assertNull(ch.readOutbound(), "no S0/S1/S2 for a wrong version");
        assertFalse(ch.finish());
    }

    @Test
    void rtmpeVersionIsNamed() {
        EmbeddedChannel ch = channel(10_000);
        RtmpException e = assertThrows(RtmpException.class, () -> ch.writeInbound(RtmpHandshake.clientHello(ch.alloc(), 6)));
        assertTrue(e.getMessage().contains("RTMPE"), e.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void truncatedHandshakeIsCountedWhenThePeerCloses() {
        EmbeddedChannel ch = channel(10_000);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 0, 0, 0, 0}));
        ch.close();
        assertEquals(1, stats.rejected(RtmpRejectReason.HANDSHAKE_TRUNCATED));
        assertFalse(ch.finish());
    }

    @Test
    void stalledHandshakeTimesOut() throws Exception {
        EmbeddedChannel ch = channel(50);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 1, 2}));
        Thread.sleep(120);
        ch.runScheduledPendingTasks();
        ch.runPendingTasks();
        assertEquals(1, stats.rejected(RtmpRejectReason.HANDSHAKE_TIMEOUT));
        assertEquals(RtmpRejectReason.HANDSHAKE_TIMEOUT, RtmpServerStats.rejectedReason(ch));
        assertFalse(ch.isOpen());
        assertEquals(0, stats.rejected(RtmpRejectReason.HANDSHAKE_TRUNCATED), "one reason per connection");
        ch.finishAndReleaseAll();
    }
}
