package io.camelmedia.format.flv;

import static io.camelmedia.format.flv.FlvBytes.u24;
import static io.camelmedia.format.flv.FlvBytes.u8;

/**
 * The header of one FLV tag (Adobe FLV v10.1, annex E.4.1 "FLV Tags").
 *
 * <pre>
 * Reserved           UB[2]  0 (reserved for FMS)
 * Filter             UB[1]  0 = not pre-processed; 1 = encrypted (E.4.1: EncryptionHeader follows)
 * TagType            UB[5]  8 audio, 9 video, 18 script data
 * DataSize           UI24   bytes after StreamID to the end of the tag (tag length - 11)
 * Timestamp          UI24   milliseconds, lower 24 bits
 * TimestampExtended  UI8    upper 8 bits, forming an SI32 with Timestamp
 * StreamID           UI24   always 0
 * </pre>
 *
 * @param tagType     TagType
 * @param dataSize    DataSize
 * @param timestampMs Timestamp and TimestampExtended as the SI32 the spec defines
 */
public record FlvTagHeader(int tagType, int dataSize, long timestampMs) {
    public static final int SIZE = 11;

    public static final int TAG_TYPE_AUDIO = 8;
    public static final int TAG_TYPE_VIDEO = 9;
    public static final int TAG_TYPE_SCRIPT_DATA = 18;

    private static final int RESERVED_MASK = 0xC0;
    private static final int FILTER_MASK = 0x20;
    private static final int TAG_TYPE_MASK = 0x1F;

    /** Reads the header at {@code b[pos, pos + SIZE)}. */
    public static FlvTagHeader decode(byte[] b, int pos) {
        int first = u8(b, pos);
        if ((first & RESERVED_MASK) != 0) {
            throw fail("Reserved bits are " + (first >> 6) + ", must be 0", b, pos);
        }
        if ((first & FILTER_MASK) != 0) {
            throw fail("Filter is 1 (encrypted tag), which is not supported", b, pos);
        }
        int tagType = first & TAG_TYPE_MASK;
        if (tagType != TAG_TYPE_AUDIO && tagType != TAG_TYPE_VIDEO && tagType != TAG_TYPE_SCRIPT_DATA) {
            throw fail("TagType " + tagType + " is not 8 (audio), 9 (video) or 18 (script data)", b, pos);
        }
        int streamId = u24(b, pos + 8);
        if (streamId != 0) {
            throw fail("StreamID " + streamId + " at header offset 8, must be 0", b, pos);
        }
        long timestamp = (u8(b, pos + 7) << 24 | u24(b, pos + 4));
        return new FlvTagHeader(tagType, u24(b, pos + 1), timestamp);
    }

    private static FlvException fail(String why, byte[] b, int pos) {
        return new FlvException("FLV tag header: " + why + " (" + FlvBytes.hex(b, pos, pos + SIZE) + ")");
    }
}
