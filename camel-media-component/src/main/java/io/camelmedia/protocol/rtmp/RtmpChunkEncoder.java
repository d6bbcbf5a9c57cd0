package io.camelmedia.protocol.rtmp;

import static io.camelmedia.protocol.rtmp.RtmpChunkHeader.FMT_CONTINUATION;
import static io.camelmedia.protocol.rtmp.RtmpChunkHeader.FMT_FULL;
import static io.camelmedia.protocol.rtmp.RtmpChunkHeader.FMT_NO_STREAM_ID;
import static io.camelmedia.protocol.rtmp.RtmpChunkHeader.FMT_TIMESTAMP_ONLY;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * {@link RtmpMessage} → chunks (RTMP 1.0 §5.3). Picks the shortest header the previous message on the same
 * chunk stream allows (fmt 0 for a new stream id or a timestamp going back, fmt 1 for a new length or type,
 * fmt 2 for a new delta, fmt 3 otherwise) and splits the payload into chunks of the outgoing chunk size;
 * continuation chunks are fmt 3 and repeat the extended timestamp when there is one (as ffmpeg expects).
 *
 * <p>Not {@code @Sharable}: the outgoing chunk size and the last header per chunk stream are per connection.
 * Writing a Set Chunk Size message changes the chunk size for every message after it. Releases the
 * message's payload (MessageToByteEncoder does).
 */
public final class RtmpChunkEncoder extends MessageToByteEncoder<RtmpMessage> {

    private final IntObjectMap<Previous> previous = new IntObjectHashMap<>();
    private int chunkSize = RtmpChunkDecoder.DEFAULT_CHUNK_SIZE;

    /** The last header written on one chunk stream. */
    private static final class Previous {
        long timestamp;
        long timestampField;
        int length;
        int typeId;
        int messageStreamId;
    }

    public int chunkSize() {
        return chunkSize;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage msg, ByteBuf out) {
        ByteBuf payload = msg.payload();
        int length = payload.readableBytes();
        Previous prev = previous.get(msg.chunkStreamId());
        int fmt = chooseFormat(prev, msg, length);
        long field = fmt == FMT_FULL ? msg.timestamp() & 0xFFFFFFFFL : msg.timestamp() - prev.timestamp;
        if (fmt == FMT_CONTINUATION) {
            field = prev.timestampField;
        }
        RtmpChunkHeader.encode(out, fmt, msg.chunkStreamId(), field, length, msg.typeId(), msg.messageStreamId());
        remember(prev, msg, length, field);
        writeChunks(out, payload, msg.chunkStreamId(), field);
        if (msg.typeId() == RtmpMessageType.SET_CHUNK_SIZE && length >= 4) {
            chunkSize = payload.getInt(payload.readerIndex());
        }
    }

    private static int chooseFormat(Previous prev, RtmpMessage msg, int length) {
        if (prev == null || prev.messageStreamId != msg.messageStreamId() || msg.timestamp() < prev.timestamp) {
            return FMT_FULL;
        }
        if (prev.length != length || prev.typeId != msg.typeId()) {
            return FMT_NO_STREAM_ID;
        }
        return msg.timestamp() - prev.timestamp == prev.timestampField ? FMT_CONTINUATION : FMT_TIMESTAMP_ONLY;
    }

    private void remember(Previous prev, RtmpMessage msg, int length, long field) {
        if (prev == null) {
            prev = new Previous();
            previous.put(msg.chunkStreamId(), prev);
        }
        prev.timestamp = msg.timestamp();
        prev.timestampField = field;
        prev.length = length;
        prev.typeId = msg.typeId();
        prev.messageStreamId = msg.messageStreamId();
    }

    private void writeChunks(ByteBuf out, ByteBuf payload, int csid, long field) {
        int index = payload.readerIndex();
        int end = payload.writerIndex();
        while (true) {
            int n = Math.min(chunkSize, end - index);
            out.writeBytes(payload, index, n);
            index += n;
            if (index >= end) {
                return;
            }
            RtmpChunkHeader.writeBasicHeader(out, FMT_CONTINUATION, csid);
            if (field >= RtmpChunkHeader.EXTENDED_TIMESTAMP_MARKER) {
                out.writeInt((int) field);
            }
        }
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, RtmpMessage msg, boolean preferDirect) {
        int length = msg.payload().readableBytes();
        int chunks = Math.max(1, (length + chunkSize - 1) / chunkSize);
        int size = RtmpChunkHeader.MAX_LENGTH + length + (chunks - 1) * (3 + 4);
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }
}
