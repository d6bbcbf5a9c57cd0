package io.camelmedia.protocol.rtmp;

import io.netty.buffer.ByteBuf;

/**
 * What the decoder remembers about one chunk stream (RTMP 1.0 §5.3.1.2): the last header's fields, so that
 * fmt 1-3 headers can omit them, and the message being reassembled. Not thread-safe (one event loop).
 */
final class RtmpChunkStream {
    final int id;
    /** Timestamp of the current (or last) message on the 64-bit timeline. */
    long timestamp;
    /**
     * The last timestamp field read (absolute after fmt 0, delta after fmt 1/2). A fmt 3 header that starts a
     * new message adds it again: what ffmpeg (rtmppkt.c), librtmp and SRS do, and what ffmpeg's writer assumes
     * when it picks fmt 3 ("ts_field equals the previous ts_field").
     */
    long timestampField;
    boolean extendedTimestamp;
    int messageLength;
    int typeId;
    int messageStreamId;
    /** The message being reassembled, or null between messages. Owned (and released) by the decoder. */
    ByteBuf payload;

    RtmpChunkStream(int id) {
        this.id = id;
    }

    boolean inProgress() {
        return payload != null;
    }

    int remaining() {
        return messageLength - payload.writerIndex();
    }

    /** Drops the partial message (Abort Message, a closing connection). */
    void discard() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }
}
