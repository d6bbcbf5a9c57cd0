package io.camelmedia.protocol.rtmp;

import static io.camelmedia.protocol.rtmp.RtmpChunkHeader.FMT_CONTINUATION;
import static io.camelmedia.protocol.rtmp.RtmpChunkHeader.FMT_FULL;
import static io.camelmedia.protocol.rtmp.RtmpChunkHeader.FMT_NO_STREAM_ID;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * Chunk stream → {@link RtmpMessage}s (RTMP 1.0 §5.3). Handles the chunk-layer control messages itself
 * (Set Chunk Size §5.4.1, Abort Message §5.4.2), because they change how the very next chunk is read; every
 * other message is passed on.
 *
 * <p>Buffers: each message is reassembled in a pooled buffer that grows with the bytes actually received
 * (a header announcing 16 MiB costs nothing until the bytes arrive). A complete message is handed on and its
 * receiver releases it; partial messages are released here on Abort and when the handler is removed.
 *
 * <p>Limits: message length (configurable, {@link #DEFAULT_MAX_MESSAGE_SIZE}), chunk size
 * ({@link #MAX_CHUNK_SIZE}), chunk streams known ({@link #MAX_CHUNK_STREAMS}) and messages in flight
 * ({@link #MAX_MESSAGES_IN_FLIGHT}). A violation throws {@link RtmpException}; the decoder then discards
 * everything (BAD_MESSAGE) while the connection closes.
 */
public final class RtmpChunkDecoder extends ByteToMessageDecoder {

    /** The chunk size both directions start with (§5.4.1: "The maximum chunk size defaults to 128 bytes"). */
    public static final int DEFAULT_CHUNK_SIZE = 128;
    /**
     * Largest Set Chunk Size accepted (16 MiB). The spec allows up to 2^31-1, but the message length field is
     * 24 bits, so no message exceeds 16 MiB - 1 and a larger chunk never helps. ffmpeg and OBS send 4096.
     */
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    /** Default message length limit: the assembler's 8 MiB frame plus room for the FLV tag body header. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 * 1024 * 1024 + 1024;
    /**
     * Distinct chunk streams per connection: ffmpeg uses ids 2-8, OBS (librtmp) 2-7, Wirecast a few more. 64
     * bounds the state map (a few dozen bytes each) while leaving ample room.
     */
    public static final int MAX_CHUNK_STREAMS = 64;
    /**
     * Messages being reassembled at once. A publisher interleaves audio, video and now and then a data message:
     * three. 8 leaves room and bounds what one connection can make us hold to 8 x maxMessageSize.
     */
    public static final int MAX_MESSAGES_IN_FLIGHT = 8;
    /** First allocation for a message; larger messages grow as their bytes arrive (no trust in the header). */
    private static final int INITIAL_PAYLOAD_CAPACITY = 64 * 1024;
    private static final int CONTROL_PAYLOAD_LENGTH = 4;
    private static final long CHUNK_SIZE_TOP_BIT = 0x80000000L;

    /** Where the decoder is in the chunk stream. */
    enum State {
        READ_CHUNK_HEADER,
        READ_CHUNK_PAYLOAD,
        /** A limit or the protocol was violated: discard everything until the connection is closed. */
        BAD_MESSAGE
    }

    private final int maxMessageSize;
    private final IntObjectMap<RtmpChunkStream> streams = new IntObjectHashMap<>();
    private State state = State.READ_CHUNK_HEADER;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    /** The chunk stream whose payload bytes come next, and how many of them. */
    private RtmpChunkStream current;
    private int chunkRemaining;
    private int messagesInFlight;
    /** The last message timestamp on any chunk stream: the reference for a new chunk stream's first fmt 0. */
    private long lastTimestamp;
    /** Bytes consumed so far, for offsets in error messages. */
    private long offset;

    public RtmpChunkDecoder() {
        this(DEFAULT_MAX_MESSAGE_SIZE);
    }

    public RtmpChunkDecoder(int maxMessageSize) {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive, was " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    /** The chunk size the peer set (for tests and diagnostics). */
    public int chunkSize() {
        return chunkSize;
    }

    State state() {
        return state;
    }

    /** Where the stream stands, for a "stalled" log line: between chunks, or how far into a chunk. */
    public String position() {
        if (state == State.READ_CHUNK_PAYLOAD && current != null) {
            return "in a chunk of chunk stream " + current.id + ", " + chunkRemaining + " bytes missing ("
                    + current.remaining() + " of its " + current.messageLength + "-byte message)";
        }
        return messagesInFlight > 0 ? "between chunks, " + messagesInFlight + " message(s) incomplete"
                : "between messages";
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case READ_CHUNK_HEADER:
                    if (!readHeader(ctx, in)) {
                        return;
                    }
                    break;
                case READ_CHUNK_PAYLOAD:
                    if (!readPayload(in, out)) {
                        return;
                    }
                    break;
                case BAD_MESSAGE:
                default:
                    in.skipBytes(in.readableBytes());
                    return;
            }
        }
    }

    private boolean readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        int before = in.readerIndex();
        RtmpChunkHeader header = RtmpChunkHeader.decode(in, this::extendedOnContinuation);
        if (header == null) {
            return false;
        }
        long headerOffset = offset;
        offset += in.readerIndex() - before;
        current = streamFor(header, headerOffset);
        if (!current.inProgress()) {
            startMessage(ctx, current, header, headerOffset);
        } else if (header.fmt() != FMT_CONTINUATION) {
            throw fail(RtmpRejectReason.CHUNK_PROTOCOL, "fmt " + header.fmt() + " header on chunk stream "
                    + header.chunkStreamId() + " while its message still lacks " + current.remaining()
                    + " bytes, at offset " + headerOffset);
        }
        chunkRemaining = Math.min(chunkSize, current.remaining());
        state = State.READ_CHUNK_PAYLOAD;
        return true;
    }

    private boolean extendedOnContinuation(int csid) {
        RtmpChunkStream cs = streams.get(csid);
        return cs != null && cs.extendedTimestamp;
    }

    private RtmpChunkStream streamFor(RtmpChunkHeader header, long headerOffset) {
        int csid = header.chunkStreamId();
        RtmpChunkStream cs = streams.get(csid);
        if (cs != null) {
            return cs;
        }
        if (header.fmt() != FMT_FULL) {
            throw fail(RtmpRejectReason.CHUNK_PROTOCOL, "fmt " + header.fmt() + " header on chunk stream " + csid
                    + " which never had a fmt 0 header, at offset " + headerOffset);
        }
        if (streams.size() >= MAX_CHUNK_STREAMS) {
            throw fail(RtmpRejectReason.CHUNK_PROTOCOL, "chunk stream " + csid + " would be number "
                    + (streams.size() + 1) + ", limit " + MAX_CHUNK_STREAMS + ", at offset " + headerOffset);
        }
        cs = new RtmpChunkStream(csid);
        cs.timestamp = lastTimestamp;
        streams.put(csid, cs);
        return cs;
    }

    /** The first chunk of a message: apply the header's fields (§5.3.1.2) and allocate the payload. */
    private void startMessage(ChannelHandlerContext ctx, RtmpChunkStream cs, RtmpChunkHeader h, long headerOffset) {
        if (h.fmt() == FMT_FULL) {
            cs.timestamp = RtmpTimestamp.extend(cs.timestamp, h.timestampField());
            cs.messageStreamId = h.messageStreamId();
        } else if (h.fmt() == FMT_CONTINUATION) {
            if (h.extendedTimestamp()) {
                cs.timestampField = h.timestampField(); // the delta itself did not fit in 24 bits
            }
            cs.timestamp = RtmpTimestamp.addDelta(cs.timestamp, cs.timestampField);
        } else {
            cs.timestamp = RtmpTimestamp.addDelta(cs.timestamp, h.timestampField());
        }
        if (h.fmt() != FMT_CONTINUATION) {
            cs.timestampField = h.timestampField();
            cs.extendedTimestamp = h.extendedTimestamp();
        }
        if (h.fmt() <= FMT_NO_STREAM_ID) {
            cs.messageLength = h.messageLength();
            cs.typeId = h.typeId();
        }
        if (cs.messageLength > maxMessageSize) {
            throw fail(RtmpRejectReason.MESSAGE_TOO_LONG, "message length " + cs.messageLength + " (type "
                    + RtmpMessageType.describe(cs.typeId) + ") exceeds limit " + maxMessageSize
                    + " on chunk stream " + cs.id + ", at offset " + headerOffset);
        }
        if (messagesInFlight >= MAX_MESSAGES_IN_FLIGHT) {
            throw fail(RtmpRejectReason.CHUNK_PROTOCOL, "message on chunk stream " + cs.id + " would be number "
                    + (messagesInFlight + 1) + " in flight, limit " + MAX_MESSAGES_IN_FLIGHT + ", at offset "
                    + headerOffset);
        }
        lastTimestamp = cs.timestamp;
        cs.payload = ctx.alloc().buffer(Math.min(cs.messageLength, INITIAL_PAYLOAD_CAPACITY), cs.messageLength);
        messagesInFlight++;
    }

    private boolean readPayload(ByteBuf in, List<Object> out) {
        int n = Math.min(chunkRemaining, in.readableBytes());
        if (n > 0) {
            current.payload.writeBytes(in, n); // grows the payload (up to its announced length) as needed
            chunkRemaining -= n;
            offset += n;
        }
        if (chunkRemaining > 0) {
            return false;
        }
        state = State.READ_CHUNK_HEADER;
        if (current.remaining() == 0) {
            completeMessage(current, out);
        }
        current = null;
        return true;
    }

    private void completeMessage(RtmpChunkStream cs, List<Object> out) {
        ByteBuf payload = cs.payload;
        cs.payload = null;
        messagesInFlight--;
        switch (cs.typeId) {
            case RtmpMessageType.SET_CHUNK_SIZE -> {
                try {
                    setChunkSize(payload);
                } finally {
                    payload.release();
                }
            }
            case RtmpMessageType.ABORT -> {
                try {
                    abort(payload);
                } finally {
                    payload.release();
                }
            }
            default -> out.add(new RtmpMessage(cs.id, cs.timestamp, cs.typeId, cs.messageStreamId, payload));
        }
    }

    /* Set Chunk Size (§5.4.1): 0 | chunk size (31 bits). "The maximum chunk size SHOULD be at least 128 bytes,
     * and MUST be at least 1 byte"; bit 31 "MUST be zero". */
    private void setChunkSize(ByteBuf payload) {
        requireControlPayload(payload, "Set Chunk Size");
        long size = payload.getUnsignedInt(payload.readerIndex());
        if ((size & CHUNK_SIZE_TOP_BIT) != 0 || size < 1 || size > MAX_CHUNK_SIZE) {
            throw fail(RtmpRejectReason.CHUNK_SIZE, "Set Chunk Size " + size + " outside 1.." + MAX_CHUNK_SIZE
                    + (size >= CHUNK_SIZE_TOP_BIT ? " (top bit set)" : "") + ", at offset " + offset);
        }
        chunkSize = (int) size;
    }

    /* Abort Message (§5.4.2): chunk stream id (32 bits) whose partial message is discarded. */
    private void abort(ByteBuf payload) {
        requireControlPayload(payload, "Abort Message");
        long csid = payload.getUnsignedInt(payload.readerIndex());
        RtmpChunkStream cs = csid <= RtmpChunkHeader.MAX_CHUNK_STREAM_ID ? streams.get((int) csid) : null;
        if (cs != null && cs.inProgress()) {
            cs.discard();
            messagesInFlight--;
        }
    }

    private void requireControlPayload(ByteBuf payload, String name) {
        if (payload.readableBytes() < CONTROL_PAYLOAD_LENGTH) {
            throw fail(RtmpRejectReason.CHUNK_PROTOCOL, name + " payload of " + payload.readableBytes()
                    + " bytes, expected " + CONTROL_PAYLOAD_LENGTH + ", at offset " + offset);
        }
    }

    private RtmpException fail(RtmpRejectReason reason, String message) {
        state = State.BAD_MESSAGE;
        return new RtmpException(reason, message);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        for (RtmpChunkStream cs : streams.values()) {
            cs.discard();
        }
        streams.clear();
        messagesInFlight = 0;
    }
}
