package io.camelmedia.protocol.rtmp;

import io.netty.buffer.ByteBuf;

/**
 * Splits an aggregate message (RTMP 1.0 §7.1.6, type 22) into its sub-messages. The body is a run of FLV tags:
 *
 * <pre>
 * tag type (1) | data size (3) | timestamp (3) | timestamp extended (1) | stream id (3) | data | back pointer (4)
 * </pre>
 *
 * Sub-message timestamps are shifted so the first lands on the aggregate message's own timestamp.
 */
final class RtmpAggregateMessage {
    private static final int TAG_HEADER_LENGTH = 11;
    private static final int BACK_POINTER_LENGTH = 4;

    /** Receives each sub-message; the payload is a slice of the aggregate's (valid only during the call). */
    interface SubMessageConsumer {
        void accept(int typeId, long timestamp, ByteBuf payload);
    }

    private RtmpAggregateMessage() {
    }

    static void split(RtmpMessage aggregate, SubMessageConsumer consumer) {
        ByteBuf body = aggregate.payload();
        int index = body.readerIndex();
        int end = body.writerIndex();
        long first = -1;
        while (end - index >= TAG_HEADER_LENGTH) {
            int type = body.getUnsignedByte(index);
            int size = body.getUnsignedMedium(index + 1);
            long ts = body.getUnsignedMedium(index + 4) | ((long) body.getUnsignedByte(index + 7) << 24);
            int data = index + TAG_HEADER_LENGTH;
            if (size > end - data) {
                throw new RtmpException(RtmpRejectReason.CHUNK_PROTOCOL, "aggregate sub-message of " + size
                        + " bytes at offset " + (index - body.readerIndex()) + " overruns the " + body.readableBytes()
                        + "-byte aggregate");
            }
            if (first < 0) {
                first = ts;
            }
            consumer.accept(type, aggregate.timestamp() + (ts - first), body.slice(data, size));
            index = Math.min(end, data + size + BACK_POINTER_LENGTH);
        }
    }
}
