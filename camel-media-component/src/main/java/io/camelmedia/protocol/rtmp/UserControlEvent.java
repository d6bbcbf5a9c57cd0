package io.camelmedia.protocol.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * User Control messages (RTMP 1.0 §6.2, message type 4, chunk stream 2, message stream 0).
 *
 * <pre>
 * event type (16 bits) | event data (StreamBegin/EOF/Dry/IsRecorded: stream id (32);
 *                        SetBufferLength: stream id (32) + buffer length ms (32); PingRequest/Response: time (32))
 * </pre>
 */
public final class UserControlEvent {
    public static final int STREAM_BEGIN = 0;
    public static final int STREAM_EOF = 1;
    public static final int STREAM_DRY = 2;
    public static final int SET_BUFFER_LENGTH = 3;
    public static final int STREAM_IS_RECORDED = 4;
    public static final int PING_REQUEST = 6;
    public static final int PING_RESPONSE = 7;
    static final int EVENT_TYPE_LENGTH = 2;

    private UserControlEvent() {
    }

    public static RtmpMessage streamBegin(ByteBufAllocator alloc, int streamId) {
        return event(alloc, STREAM_BEGIN, streamId);
    }

    public static RtmpMessage pingResponse(ByteBufAllocator alloc, int timestamp) {
        return event(alloc, PING_RESPONSE, timestamp);
    }

    public static RtmpMessage pingRequest(ByteBufAllocator alloc, int timestamp) {
        return event(alloc, PING_REQUEST, timestamp);
    }

    private static RtmpMessage event(ByteBufAllocator alloc, int type, int value) {
        ByteBuf b = alloc.buffer(EVENT_TYPE_LENGTH + 4).writeShort(type).writeInt(value);
        return new RtmpMessage(RtmpProtocolControl.CHUNK_STREAM_ID, 0, RtmpMessageType.USER_CONTROL, 0, b);
    }
}
