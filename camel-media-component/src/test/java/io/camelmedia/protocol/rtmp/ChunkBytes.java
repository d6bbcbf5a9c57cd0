package io.camelmedia.protocol.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Hand-built chunk sequences for decoder tests: each call appends one chunk, field by field. */
final class ChunkBytes {
    private final ByteBuf out = Unpooled.buffer();

    /** fmt 0: timestamp | length | type | stream id (LE), then payload bytes. */
    ChunkBytes fmt0(int csid, long ts, int length, int type, int msid, int payloadBytes, int fill) {
        basic(0, csid);
        boolean ext = ts >= 0xFFFFFF;
        out.writeMedium(ext ? 0xFFFFFF : (int) ts).writeMedium(length).writeByte(type).writeIntLE(msid);
        if (ext) {
            out.writeInt((int) ts);
        }
        return fill(payloadBytes, fill);
    }

    ChunkBytes fmt1(int csid, long delta, int length, int type, int payloadBytes, int fill) {
        basic(1, csid);
        boolean ext = delta >= 0xFFFFFF;
        out.writeMedium(ext ? 0xFFFFFF : (int) delta).writeMedium(length).writeByte(type);
        if (ext) {
            out.writeInt((int) delta);
        }
        return fill(payloadBytes, fill);
    }

    ChunkBytes fmt2(int csid, long delta, int payloadBytes, int fill) {
        basic(2, csid);
        boolean ext = delta >= 0xFFFFFF;
        out.writeMedium(ext ? 0xFFFFFF : (int) delta);
        if (ext) {
            out.writeInt((int) delta);
        }
        return fill(payloadBytes, fill);
    }

    /** fmt 3, with the repeated extended timestamp when {@code extended} is not negative. */
    ChunkBytes fmt3(int csid, long extended, int payloadBytes, int fill) {
        basic(3, csid);
        if (extended >= 0) {
            out.writeInt((int) extended);
        }
        return fill(payloadBytes, fill);
    }

    ChunkBytes setChunkSize(long size) {
        fmt0(2, 0, 4, RtmpMessageType.SET_CHUNK_SIZE, 0, 0, 0);
        out.writeInt((int) size);
        return this;
    }

    ChunkBytes abort(int csid) {
        fmt0(2, 0, 4, RtmpMessageType.ABORT, 0, 0, 0);
        out.writeInt(csid);
        return this;
    }

    ChunkBytes raw(int... bytes) {
        for (int b : bytes) {
            out.writeByte(b);
        }
        return this;
    }

    private void basic(int fmt, int csid) {
        RtmpChunkHeader.writeBasicHeader(out, fmt, csid);
    }

    private ChunkBytes fill(int n, int value) {
        for (int i = 0; i < n; i++) {
            out.writeByte(value);
        }
        return this;
    }

    byte[] bytes() {
        byte[] b = new byte[out.readableBytes()];
        out.getBytes(out.readerIndex(), b);
        return b;
    }
}
