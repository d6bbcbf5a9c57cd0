package io.camelmedia.protocol.srt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The handshake CIF and its extensions on the wire. */
class SrtHandshakeTest {

    static ByteBuf packet(SrtHandshake hs) {
        ByteBuf out = SrtPacket.control(ByteBufAllocator.DEFAULT, SrtPacket.HANDSHAKE, 0, 0, 0, 0, hs.encodedLength());
        hs.encode(out);
        return out;
    }

    @Test
    void conclusionRoundTrip() {
        byte[] addr = new byte[16];
        addr[0] = 127;
        addr[3] = 1;
        SrtHandshake.SrtOptions opts = new SrtHandshake.SrtOptions(SrtHandshake.SRT_VERSION,
                SrtHandshake.FLAG_TSBPDSND | SrtHandshake.FLAG_TSBPDRCV | SrtHandshake.FLAG_CRYPT, 200, 120);
        SrtHandshake hs = new SrtHandshake(5, 4, SrtHandshake.HS_EXT_HSREQ | SrtHandshake.HS_EXT_CONFIG, 0x7FFF_FFF0, 1500,
                8192, SrtHandshake.CONCLUSION, 0x1234_5678, 0xCAFE_BABE, addr, List.of(
                        new SrtHandshake.Extension(SrtHandshake.EXT_HSREQ, opts.encode()),
                        new SrtHandshake.Extension(SrtHandshake.EXT_SID, SrtHandshake.encodeStreamId("publish:live/cam"))));
        ByteBuf p = packet(hs);
        try {
            assertEquals(SrtPacket.HEADER + 48 + 16 + 20, p.readableBytes());
            assertTrue(SrtPacket.isControl(p));
            assertEquals(SrtPacket.HANDSHAKE, SrtPacket.controlType(p));
            SrtHandshake back = SrtHandshake.decode(p);
            assertEquals(hs.version(), back.version());
            assertEquals(4, back.encryption());
            assertEquals(hs.extension(), back.extension());
            assertEquals(0x7FFF_FFF0, back.initialSequence());
            assertEquals(1500, back.mtu());
            assertEquals(8192, back.flowWindow());
            assertEquals(SrtHandshake.CONCLUSION, back.type());
            assertEquals(0x1234_5678, back.socketId());
            assertEquals(0xCAFE_BABE, back.cookie());
            assertArrayEquals(addr, back.peerAddress());
            assertEquals(2, back.extensions().size());
            SrtHandshake.SrtOptions o = SrtHandshake.SrtOptions.decode(back.extension(SrtHandshake.EXT_HSREQ).get().content());
            assertEquals(opts, o);
            assertTrue(o.has(SrtHandshake.FLAG_CRYPT));
            assertEquals("publish:live/cam", SrtHandshake.decodeStreamId(back.extension(SrtHandshake.EXT_SID).get().content()));
        } finally {
            p.release();
        }
    }

    @Test
    void hsreqCarriesReceiverDelayInTheHighHalf() {
        byte[] c = new SrtHandshake.SrtOptions(0x010503, 0x3F, 0x0102, 0x0304).encode();
        assertArrayEquals(new byte[] {0, 1, 5, 3, 0, 0, 0, 0x3F, 1, 2, 3, 4}, c);
    }

    @Test
    void rejectionTypes() {
        SrtHandshake hs = new SrtHandshake(5, 0, 0, 0, 1500, 8192, SrtRejectReason.NOTFOUND.handshakeType(), 1, 2, null,
                List.of());
        assertTrue(hs.isRejection());
        assertEquals(1000 + 1404, hs.type());
        assertEquals(SrtRejectReason.NOTFOUND, SrtRejectReason.ofHandshakeType(hs.type()));
        assertEquals(SrtRejectReason.BADSECRET, SrtRejectReason.ofHandshakeType(1010));
        assertEquals("stream not found (2404)", SrtRejectReason.describe(2404));
        assertEquals(SrtRejectReason.UNKNOWN, SrtRejectReason.ofHandshakeType(1999));
    }

    @Test
    void streamIdWordsAreReversed() {
        assertArrayEquals("dcba".getBytes(StandardCharsets.US_ASCII), SrtHandshake.encodeStreamId("abcd"));
        assertArrayEquals(new byte[] {'d', 'c', 'b', 'a', 0, 0, 0, 'e'}, SrtHandshake.encodeStreamId("abcde"));
        assertArrayEquals(new byte[] {0, 'c', 'b', 'a'}, SrtHandshake.encodeStreamId("abc"));
        assertEquals("abcde", SrtHandshake.decodeStreamId(new byte[] {'d', 'c', 'b', 'a', 0, 0, 0, 'e'}));
        String sid = "#!::r=live/cam,m=publish,u=ü";
        assertEquals(sid, SrtHandshake.decodeStreamId(SrtHandshake.encodeStreamId(sid)));
        String max = "x".repeat(SrtHandshake.MAX_STREAM_ID);
        assertEquals(max, SrtHandshake.decodeStreamId(SrtHandshake.encodeStreamId(max)));
        assertThrows(SrtException.class, () -> SrtHandshake.encodeStreamId(""));
        assertThrows(SrtException.class, () -> SrtHandshake.encodeStreamId(max + "x"));
        assertThrows(SrtException.class, () -> SrtHandshake.decodeStreamId(new byte[0]));
    }

    @Test
    void malformedHandshakesThrowSrtException() {
        ByteBuf shortCif = Unpooled.buffer().writeZero(SrtPacket.HEADER + 47);
        assertThrows(SrtException.class, () -> SrtHandshake.decode(shortCif));
        ByteBuf overrun = Unpooled.buffer().writeZero(SrtPacket.HEADER + 48).writeShort(SrtHandshake.EXT_SID).writeShort(3)
                .writeInt(0);
        assertThrows(SrtException.class, () -> SrtHandshake.decode(overrun));
        ByteBuf many = Unpooled.buffer().writeZero(SrtPacket.HEADER + 48);
        for (int i = 0; i < 17; i++) {
            many.writeShort(99).writeShort(0);
        }
        assertThrows(SrtException.class, () -> SrtHandshake.decode(many));
        assertThrows(SrtException.class, () -> SrtHandshake.SrtOptions.decode(new byte[8]));
        // trailing bytes that are not a whole extension header are ignored
        ByteBuf tail = Unpooled.buffer().writeZero(SrtPacket.HEADER + 48 + 3);
        assertEquals(0, SrtHandshake.decode(tail).extensions().size());
    }
}
