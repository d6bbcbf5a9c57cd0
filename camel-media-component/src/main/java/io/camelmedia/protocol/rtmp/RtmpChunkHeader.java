package io.camelmedia.protocol.rtmp;

import java.util.function.IntPredicate;

import io.netty.buffer.ByteBuf;

/**
 * A chunk header (RTMP 1.0 §5.3.1): basic header, message header of format 0-3, optional extended timestamp.
 *
 * <pre>
 * Basic header (§5.3.1.1), chunk stream id 2..63 / 64..319 / 64..65599:
 *  0 1 2 3 4 5 6 7     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5     0                   1                   2
 * +-+-+-+-+-+-+-+-+   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |fmt|   cs id   |   |fmt|     0     |  cs id - 64   |   |fmt|     1     |   (cs id - 64), little endian  |
 * +-+-+-+-+-+-+-+-+   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Message header (§5.3.1.2):
 *   fmt 0 (11 bytes): timestamp (3) | message length (3) | type id (1) | message stream id (4, little endian)
 *   fmt 1 (7 bytes):  timestamp delta (3) | message length (3) | type id (1)
 *   fmt 2 (3 bytes):  timestamp delta (3)
 *   fmt 3 (0 bytes)
 * Extended timestamp (§5.3.1.3): 4 bytes, present when the 24-bit field is 0xFFFFFF, and in a fmt 3 chunk
 * when the chunk stream's previous header had one (what ffmpeg and librtmp write and read).
 * </pre>
 *
 * @param timestampField the timestamp (fmt 0) or delta (fmt 1, 2), extended if needed; for fmt 3 the
 *                       extended value if one was present, else -1
 * @param messageLength  -1 unless fmt 0 or 1
 * @param typeId         -1 unless fmt 0 or 1
 * @param messageStreamId -1 unless fmt 0
 */
public record RtmpChunkHeader(int fmt, int chunkStreamId, long timestampField, int messageLength, int typeId,
                              int messageStreamId, boolean extendedTimestamp) {

    public static final int FMT_FULL = 0;
    public static final int FMT_NO_STREAM_ID = 1;
    public static final int FMT_TIMESTAMP_ONLY = 2;
    public static final int FMT_CONTINUATION = 3;

    /** Lowest chunk stream id: 0 and 1 in the 6-bit field select the 2- and 3-byte forms (§5.3.1.1). */
    public static final int MIN_CHUNK_STREAM_ID = 2;
    /** Highest chunk stream id, 65599 = 65535 + 64 (§5.3.1.1). */
    public static final int MAX_CHUNK_STREAM_ID = 65599;
    /** The 24-bit timestamp value that announces an extended timestamp (§5.3.1.3). */
    public static final int EXTENDED_TIMESTAMP_MARKER = 0xFFFFFF;

    private static final int[] MESSAGE_HEADER_LENGTH = {11, 7, 3, 0};
    private static final int FMT_SHIFT = 6;
    private static final int CSID_MASK = 0x3F;
    private static final int CSID_TWO_BYTE = 0;
    private static final int CSID_THREE_BYTE = 1;
    private static final int CSID_OFFSET = 64;
    private static final int EXTENDED_TIMESTAMP_LENGTH = 4;

    /** The longest header: 3-byte basic + 11-byte fmt 0 + 4-byte extended timestamp. */
    public static final int MAX_LENGTH = 3 + 11 + EXTENDED_TIMESTAMP_LENGTH;

    /**
     * Reads one chunk header if it is complete, else returns {@code null} and reads nothing.
     *
     * @param extendedOnContinuation tells, for a fmt 3 header, whether its chunk stream's previous header
     *                               carried an extended timestamp (so this one does too)
     */
    public static RtmpChunkHeader decode(ByteBuf in, IntPredicate extendedOnContinuation) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable < 1) {
            return null;
        }
        int first = in.getUnsignedByte(start);
        int fmt = first >>> FMT_SHIFT;
        int basicLength = basicHeaderLength(first);
        int messageHeaderLength = MESSAGE_HEADER_LENGTH[fmt];
        if (readable < basicLength + messageHeaderLength) {
            return null;
        }
        int csid = chunkStreamId(in, start, first);
        int at = start + basicLength;
        boolean extended = fmt == FMT_CONTINUATION
                ? extendedOnContinuation.test(csid)
                : in.getUnsignedMedium(at) == EXTENDED_TIMESTAMP_MARKER;
        int total = basicLength + messageHeaderLength + (extended ? EXTENDED_TIMESTAMP_LENGTH : 0);
        if (readable < total) {
            return null;
        }
        RtmpChunkHeader header = parse(in, fmt, csid, at, extended);
        in.skipBytes(total);
        return header;
    }

    private static RtmpChunkHeader parse(ByteBuf in, int fmt, int csid, int at, boolean extended) {
        long timestamp = fmt == FMT_CONTINUATION ? -1 : in.getUnsignedMedium(at);
        int length = fmt <= FMT_NO_STREAM_ID ? in.getUnsignedMedium(at + 3) : -1;
        int type = fmt <= FMT_NO_STREAM_ID ? in.getUnsignedByte(at + 6) : -1;
        int streamId = fmt == FMT_FULL ? in.getIntLE(at + 7) : -1;
        if (extended) {
            timestamp = in.getUnsignedInt(at + MESSAGE_HEADER_LENGTH[fmt]);
        }
        return new RtmpChunkHeader(fmt, csid, timestamp, length, type, streamId, extended);
    }

    static int basicHeaderLength(int firstByte) {
        return switch (firstByte & CSID_MASK) {
            case CSID_TWO_BYTE -> 2;
            case CSID_THREE_BYTE -> 3;
            default -> 1;
        };
    }

    private static int chunkStreamId(ByteBuf in, int start, int first) {
        return switch (first & CSID_MASK) {
            case CSID_TWO_BYTE -> CSID_OFFSET + in.getUnsignedByte(start + 1);
            case CSID_THREE_BYTE -> CSID_OFFSET + in.getUnsignedShortLE(start + 1);
            default -> first & CSID_MASK;
        };
    }

    /** Writes a header; {@code timestampField} ≥ 0xFFFFFF is sent as an extended timestamp. */
    public static void encode(ByteBuf out, int fmt, int csid, long timestampField, int length, int typeId,
                              int messageStreamId) {
        writeBasicHeader(out, fmt, csid);
        boolean extended = timestampField >= EXTENDED_TIMESTAMP_MARKER;
        if (fmt != FMT_CONTINUATION) {
            out.writeMedium(extended ? EXTENDED_TIMESTAMP_MARKER : (int) timestampField);
        }
        if (fmt <= FMT_NO_STREAM_ID) {
            out.writeMedium(length);
            out.writeByte(typeId);
        }
        if (fmt == FMT_FULL) {
            out.writeIntLE(messageStreamId);
        }
        if (extended) {
            out.writeInt((int) timestampField);
        }
    }

    static void writeBasicHeader(ByteBuf out, int fmt, int csid) {
        if (csid < MIN_CHUNK_STREAM_ID || csid > MAX_CHUNK_STREAM_ID) {
            throw new IllegalArgumentException("chunk stream id " + csid + " outside 2..65599");
        }
        int high = fmt << FMT_SHIFT;
        if (csid < CSID_OFFSET) {
            out.writeByte(high | csid);
        } else if (csid < CSID_OFFSET + 256) {
            out.writeByte(high | CSID_TWO_BYTE).writeByte(csid - CSID_OFFSET);
        } else {
            out.writeByte(high | CSID_THREE_BYTE).writeShortLE(csid - CSID_OFFSET);
        }
    }
}
