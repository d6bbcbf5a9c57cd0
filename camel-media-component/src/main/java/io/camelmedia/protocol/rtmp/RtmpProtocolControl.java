package io.camelmedia.protocol.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Protocol control messages (RTMP 1.0 §5.4): sent on chunk stream 2, message stream 0. Set Chunk Size and
 * Abort are read by {@link RtmpChunkDecoder}; the others by the session.
 *
 * <pre>
 * Set Chunk Size (1), Acknowledgement (3), Window Acknowledgement Size (5): one 32-bit big-endian value
 * Set Peer Bandwidth (6): window size (32 bits) | limit type (8 bits: 0 hard, 1 soft, 2 dynamic)
 * </pre>
 */
public final class RtmpProtocolControl {
    /** Chunk stream id reserved for protocol control messages (§5.4). */
    public static final int CHUNK_STREAM_ID = 2;
    public static final int LIMIT_TYPE_DYNAMIC = 2;
    static final int VALUE_LENGTH = 4;

    private RtmpProtocolControl() {
    }

    public static RtmpMessage setChunkSize(ByteBufAllocator alloc, int size) {
        return value(alloc, RtmpMessageType.SET_CHUNK_SIZE, size);
    }

    public static RtmpMessage abort(ByteBufAllocator alloc, int chunkStreamId) {
        return value(alloc, RtmpMessageType.ABORT, chunkStreamId);
    }

    public static RtmpMessage acknowledgement(ByteBufAllocator alloc, long sequenceNumber) {
        return value(alloc, RtmpMessageType.ACKNOWLEDGEMENT, (int) sequenceNumber);
    }

    public static RtmpMessage windowAckSize(ByteBufAllocator alloc, int size) {
        return value(alloc, RtmpMessageType.WINDOW_ACK_SIZE, size);
    }

    public static RtmpMessage setPeerBandwidth(ByteBufAllocator alloc, int size, int limitType) {
        ByteBuf b = alloc.buffer(VALUE_LENGTH + 1).writeInt(size).writeByte(limitType);
        return new RtmpMessage(CHUNK_STREAM_ID, 0, RtmpMessageType.SET_PEER_BANDWIDTH, 0, b);
    }

    private static RtmpMessage value(ByteBufAllocator alloc, int type, int value) {
        return new RtmpMessage(CHUNK_STREAM_ID, 0, type, 0, alloc.buffer(VALUE_LENGTH).writeInt(value));
    }

    /** The 32-bit value of a Set Chunk Size / Acknowledgement / Window Ack Size / Set Peer Bandwidth body. */
    static long readValue(RtmpMessage msg) {
        ByteBuf p = msg.payload();
        if (p.readableBytes() < VALUE_LENGTH) {
            throw new RtmpException(RtmpRejectReason.CHUNK_PROTOCOL, RtmpMessageType.describe(msg.typeId())
                    + " body of " + p.readableBytes() + " bytes, expected " + VALUE_LENGTH);
        }
        return p.getUnsignedInt(p.readerIndex());
    }
}
