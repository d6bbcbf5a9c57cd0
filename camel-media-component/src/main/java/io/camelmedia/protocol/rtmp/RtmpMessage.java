package io.camelmedia.protocol.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One RTMP message (§5.3.1 header fields + payload): what the chunk decoder produces and the chunk encoder
 * consumes. {@code timestamp} is on a 64-bit millisecond timeline (the 32-bit wire value, extended across
 * wraps). The payload is reference counted: whoever receives the message releases it.
 */
public final class RtmpMessage extends DefaultByteBufHolder {
    private final int chunkStreamId;
    private final long timestamp;
    private final int typeId;
    private final int messageStreamId;

    public RtmpMessage(int chunkStreamId, long timestamp, int typeId, int messageStreamId, ByteBuf payload) {
        super(payload);
        this.chunkStreamId = chunkStreamId;
        this.timestamp = timestamp;
        this.typeId = typeId;
        this.messageStreamId = messageStreamId;
    }

    public int chunkStreamId() {
        return chunkStreamId;
    }

    public long timestamp() {
        return timestamp;
    }

    public int typeId() {
        return typeId;
    }

    public int messageStreamId() {
        return messageStreamId;
    }

    public ByteBuf payload() {
        return content();
    }

    @Override
    public RtmpMessage replace(ByteBuf content) {
        return new RtmpMessage(chunkStreamId, timestamp, typeId, messageStreamId, content);
    }

    @Override
    public String toString() {
        return "RtmpMessage(csid=" + chunkStreamId + ", ts=" + timestamp + ", type="
                + RtmpMessageType.describe(typeId) + ", msid=" + messageStreamId + ", length="
                + content().readableBytes() + ")";
    }
}
