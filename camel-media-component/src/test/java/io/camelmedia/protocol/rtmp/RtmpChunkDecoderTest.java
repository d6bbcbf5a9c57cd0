package io.camelmedia.protocol.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtmpChunkDecoderTest {
    private static final int VIDEO = RtmpMessageType.VIDEO;
    private static final int AUDIO = RtmpMessageType.AUDIO;

    /** What one decoded message looks like, without its (released) buffer. */
    record Msg(int csid, long ts, int type, int msid, int length, int firstByte) {
        static Msg of(RtmpMessage m) {
            try {
                ByteBuf p = m.payload();
                return new Msg(m.chunkStreamId(), m.timestamp(), m.typeId(), m.messageStreamId(), p.readableBytes(),
                        p.isReadable() ? p.getUnsignedByte(p.readerIndex()) : -1);
            } finally {
                m.release();
            }
        }
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("fmt 0, one chunk",
                        new ChunkBytes().fmt0(4, 1000, 10, AUDIO, 1, 10, 0xAF),
                        List.of(new Msg(4, 1000, AUDIO, 1, 10, 0xAF))),
                Arguments.of("fmt 0 + fmt 3 continuation at chunk size 128",
                        new ChunkBytes().fmt0(6, 40, 300, VIDEO, 1, 128, 0x17).fmt3(6, -1, 128, 1).fmt3(6, -1, 44, 1),
                        List.of(new Msg(6, 40, VIDEO, 1, 300, 0x17))),
                Arguments.of("fmt 1 and fmt 2 deltas; fmt 3 new message repeats the delta",
                        new ChunkBytes().fmt0(4, 0, 5, AUDIO, 1, 5, 1).fmt1(4, 23, 6, AUDIO, 6, 2)
                                .fmt2(4, 21, 6, 3).fmt3(4, -1, 6, 4),
                        List.of(new Msg(4, 0, AUDIO, 1, 5, 1), new Msg(4, 23, AUDIO, 1, 6, 2),
                                new Msg(4, 44, AUDIO, 1, 6, 3), new Msg(4, 65, AUDIO, 1, 6, 4))),
                Arguments.of("fmt 3 after fmt 0 adds the fmt 0 timestamp again (ffmpeg, librtmp, SRS)",
                        new ChunkBytes().fmt0(4, 23, 2, AUDIO, 1, 2, 1).fmt3(4, -1, 2, 2),
                        List.of(new Msg(4, 23, AUDIO, 1, 2, 1), new Msg(4, 46, AUDIO, 1, 2, 2))),
                Arguments.of("extended timestamp in fmt 0, repeated in the fmt 3 continuation",
                        new ChunkBytes().fmt0(6, 0x1000000, 200, VIDEO, 1, 128, 9).fmt3(6, 0x1000000, 72, 9),
                        List.of(new Msg(6, 0x1000000, VIDEO, 1, 200, 9))),
                Arguments.of("extended delta in fmt 2, then fmt 3 new message with the extended delta",
                        new ChunkBytes().fmt0(6, 0, 1, VIDEO, 1, 1, 1).fmt2(6, 0x2000000, 1, 2).fmt3(6, 0x2000000, 1, 3),
                        List.of(new Msg(6, 0, VIDEO, 1, 1, 1), new Msg(6, 0x2000000, VIDEO, 1, 1, 2),
                                new Msg(6, 0x4000000, VIDEO, 1, 1, 3))),
                Arguments.of("32-bit wrap: absolute 0xFFFFFFF0 then a delta of 0x20",
                        new ChunkBytes().fmt0(6, 0xFFFFFFF0L, 1, VIDEO, 1, 1, 1).fmt2(6, 0x20, 1, 2)
                                .fmt0(6, 0x30, 1, VIDEO, 1, 1, 3),
                        List.of(new Msg(6, 0xFFFFFFF0L, VIDEO, 1, 1, 1), new Msg(6, 0x100000010L, VIDEO, 1, 1, 2),
                                new Msg(6, 0x100000030L, VIDEO, 1, 1, 3))),
                Arguments.of("2-byte and 3-byte basic headers: csid 64, 319, 320, 65599",
                        new ChunkBytes().fmt0(64, 1, 1, AUDIO, 1, 1, 1).fmt0(319, 2, 1, AUDIO, 1, 1, 2)
                                .fmt0(320, 3, 1, AUDIO, 1, 1, 3).fmt0(65599, 4, 1, AUDIO, 1, 1, 4),
                        List.of(new Msg(64, 1, AUDIO, 1, 1, 1), new Msg(319, 2, AUDIO, 1, 1, 2),
                                new Msg(320, 3, AUDIO, 1, 1, 3), new Msg(65599, 4, AUDIO, 1, 1, 4))),
                Arguments.of("interleaved: video chunk, audio message, video continuation",
                        new ChunkBytes().fmt0(6, 40, 200, VIDEO, 1, 128, 7).fmt0(4, 42, 20, AUDIO, 1, 20, 8)
                                .fmt3(6, -1, 72, 7),
                        List.of(new Msg(4, 42, AUDIO, 1, 20, 8), new Msg(6, 40, VIDEO, 1, 200, 7))),
                Arguments.of("Set Chunk Size 4096 then a 5000-byte message in two chunks",
                        new ChunkBytes().setChunkSize(4096).fmt0(6, 0, 5000, VIDEO, 1, 4096, 5).fmt3(6, -1, 904, 5),
                        List.of(new Msg(6, 0, VIDEO, 1, 5000, 5))),
                Arguments.of("Set Chunk Size 1: every payload byte its own chunk",
                        new ChunkBytes().setChunkSize(1).fmt0(6, 0, 3, VIDEO, 1, 1, 5).fmt3(6, -1, 1, 5).fmt3(6, -1, 1, 5),
                        List.of(new Msg(6, 0, VIDEO, 1, 3, 5))),
                Arguments.of("Abort drops the partial message; the chunk stream starts over",
                        new ChunkBytes().fmt0(6, 0, 300, VIDEO, 1, 128, 5).abort(6).fmt1(6, 40, 3, VIDEO, 3, 6),
                        List.of(new Msg(6, 40, VIDEO, 1, 3, 6))),
                Arguments.of("zero-length message",
                        new ChunkBytes().fmt0(3, 0, 0, RtmpMessageType.COMMAND_AMF0, 0, 0, 0),
                        List.of(new Msg(3, 0, RtmpMessageType.COMMAND_AMF0, 0, 0, -1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void decodesAllAtOnce(String name, ChunkBytes input, List<Msg> expected) {
        assertEquals(expected, decode(input.bytes(), Integer.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void decodesOneByteAtATime(String name, ChunkBytes input, List<Msg> expected) {
        assertEquals(expected, decode(input.bytes(), 1));
    }

    static List<Msg> decode(byte[] bytes, int step) {
        EmbeddedChannel ch = new EmbeddedChannel(new RtmpChunkDecoder());
        for (int i = 0; i < bytes.length; i += step) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(step, bytes.length - i)));
        }
        List<Msg> out = new ArrayList<>();
        for (RtmpMessage m; (m = ch.readInbound()) != null; ) {
            out.add(Msg.of(m));
        }
        assertFalse(ch.finish());
        return out;
    }

    static Stream<Arguments> rejects() {
        return Stream.of(
                Arguments.of("Set Chunk Size 0", new ChunkBytes().setChunkSize(0),
                        RtmpRejectReason.CHUNK_SIZE, "Set Chunk Size 0 outside 1..16777216"),
                Arguments.of("Set Chunk Size with the top bit", new ChunkBytes().setChunkSize(0x80001000L),
                        RtmpRejectReason.CHUNK_SIZE, "(top bit set)"),
                Arguments.of("Set Chunk Size 16 MiB + 1", new ChunkBytes().setChunkSize(16 * 1024 * 1024 + 1),
                        RtmpRejectReason.CHUNK_SIZE, "Set Chunk Size 16777217 outside"),
                Arguments.of("message length beyond the limit", new ChunkBytes().fmt0(6, 0, 0xFFFFFF, VIDEO, 1, 0, 0),
                        RtmpRejectReason.MESSAGE_TOO_LONG, "message length 16777215 (type 9 (video)) exceeds limit 8389632"),
                Arguments.of("fmt 1 on a chunk stream never seen", new ChunkBytes().fmt1(5, 0, 1, VIDEO, 1, 0),
                        RtmpRejectReason.CHUNK_PROTOCOL, "fmt 1 header on chunk stream 5 which never had a fmt 0 header"),
                Arguments.of("fmt 0 in the middle of a message",
                        new ChunkBytes().fmt0(6, 0, 300, VIDEO, 1, 128, 0).fmt0(6, 0, 1, VIDEO, 1, 1, 0),
                        RtmpRejectReason.CHUNK_PROTOCOL, "fmt 0 header on chunk stream 6 while its message still lacks 172"),
                Arguments.of("65 chunk streams", manyChunkStreams(65),
                        RtmpRejectReason.CHUNK_PROTOCOL, "would be number 65, limit 64"),
                Arguments.of("9 messages in flight", manyInFlight(9),
                        RtmpRejectReason.CHUNK_PROTOCOL, "would be number 9 in flight, limit 8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejects")
    void rejects(String name, ChunkBytes input, RtmpRejectReason reason, String message) {
        RtmpChunkDecoder decoder = new RtmpChunkDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] bytes = input.bytes();
        RtmpException e = assertThrows(RtmpException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(bytes)));
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(RtmpChunkDecoder.State.BAD_MESSAGE, decoder.state());
        for (RtmpMessage m; (m = ch.readInbound()) != null; ) {
            m.release(); // valid messages before the fault
        }
        // what follows is discarded, nothing is emitted, partial buffers are released at close (PARANOID)
        ch.writeInbound(Unpooled.wrappedBuffer(new ChunkBytes().fmt0(3, 0, 1, 20, 0, 1, 2).bytes()));
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    static ChunkBytes manyChunkStreams(int n) {
        ChunkBytes b = new ChunkBytes();
        for (int i = 0; i < n; i++) {
            b.fmt0(10 + i, 0, 1, AUDIO, 1, 1, 0);
        }
        return b;
    }

    static ChunkBytes manyInFlight(int n) {
        ChunkBytes b = new ChunkBytes();
        for (int i = 0; i < n; i++) {
            b.fmt0(10 + i, 0, 1000, VIDEO, 1, 128, 0);
        }
        return b;
    }

    @Test
    void encoderToDecoderRoundTrip() {
        Random random = new Random(42);
        EmbeddedChannel enc = new EmbeddedChannel(new RtmpChunkEncoder());
        List<Msg> sent = new ArrayList<>();
        long[] ts = new long[4];
        for (int i = 0; i < 400; i++) {
            if (i == 100) {
                enc.writeOutbound(RtmpProtocolControl.setChunkSize(enc.alloc(), 4096));
                continue;
            }
            if (i == 250) {
                enc.writeOutbound(RtmpProtocolControl.setChunkSize(enc.alloc(), 7));
                continue;
            }
            int s = random.nextInt(ts.length);
            int csid = new int[] {4, 6, 70, 400}[s];
            int type = s % 2 == 0 ? AUDIO : VIDEO;
            ts[s] += random.nextInt(10) < 2 ? 0x1000000 + random.nextInt(100) : random.nextInt(3) * 20;
            int length = random.nextInt(50) == 0 ? 70_000 + random.nextInt(200_000) // beyond the first allocation
                    : random.nextInt(10) < 3 ? 20 : random.nextInt(9000);
            ByteBuf p = enc.alloc().buffer(length);
            for (int j = 0; j < length; j++) {
                p.writeByte(j == 0 ? i & 0xFF : j);
            }
            sent.add(new Msg(csid, ts[s], type, 1, length, length > 0 ? i & 0xFF : -1));
            enc.writeOutbound(new RtmpMessage(csid, ts[s], type, 1, p));
        }
        EmbeddedChannel dec = new EmbeddedChannel(new RtmpChunkDecoder());
        for (ByteBuf b; (b = enc.readOutbound()) != null; ) {
            dec.writeInbound(b);
        }
        List<Msg> received = new ArrayList<>();
        for (RtmpMessage m; (m = dec.readInbound()) != null; ) {
            received.add(Msg.of(m));
        }
        assertEquals(sent, received);
        assertFalse(enc.finish());
        assertFalse(dec.finish());
    }
}
