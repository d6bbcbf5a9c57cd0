package io.camelmedia.format.ogg;

import java.util.Arrays;

/**
 * One Ogg page, RFC 3533 6 (all multi-byte fields little-endian):
 *
 * <pre>
 *  0 capture_pattern 'OggS'(32)   4 stream_structure_version(8)=0   5 header_type_flag(8)
 *  6 granule_position(64)        14 bitstream_serial_number(32)    18 page_sequence_number(32)
 * 22 CRC_checksum(32)            26 number_page_segments(8)        27 segment_table(8 * number_page_segments)
 *    body: the sum of the lacing values
 * </pre>
 *
 * Lacing (RFC 3533 5): a packet is cut into 255-byte segments and ends with a segment shorter than 255
 * (0 when its length is a multiple of 255); a page whose last lacing value is 255 ends with an unfinished
 * packet, which the next page continues (flag 0x01).
 *
 * @param headerType      {@link #CONTINUED} | {@link #BOS} | {@link #EOS}
 * @param granulePosition the codec's position after the last packet that ends on this page; -1 if none does
 * @param segmentTable    the lacing values, 0..255 of them
 * @param body            the packet data of the page
 */
public record OggPage(int headerType, long granulePosition, int serial, int sequence, byte[] segmentTable,
                      byte[] body) {
    /** header_type_flag 0x01: the first packet continues one from the previous page. */
    public static final int CONTINUED = 0x01;
    /** header_type_flag 0x02: first page of a logical bitstream. */
    public static final int BOS = 0x02;
    /** header_type_flag 0x04: last page of a logical bitstream. */
    public static final int EOS = 0x04;
    /** Bytes before the segment table. */
    public static final int HEADER_SIZE = 27;
    /** number_page_segments is 8 bits. */
    public static final int MAX_SEGMENTS = 255;
    /** A lacing value of 255 means "the packet continues". */
    public static final int MAX_LACING = 255;
    /** The largest page: header, 255 lacing values, 255 * 255 body bytes (RFC 3533 6: "max 65307 bytes"). */
    public static final int MAX_PAGE_SIZE = HEADER_SIZE + MAX_SEGMENTS + MAX_SEGMENTS * MAX_LACING;
    private static final int CRC_OFFSET = 22;
    private static final byte[] CAPTURE = {'O', 'g', 'g', 'S'};

    /** Number of bytes of the encoded page. */
    public int encodedLength() {
        return HEADER_SIZE + segmentTable.length + body.length;
    }

    public boolean continued() {
        return (headerType & CONTINUED) != 0;
    }

    public boolean bos() {
        return (headerType & BOS) != 0;
    }

    public boolean eos() {
        return (headerType & EOS) != 0;
    }

    /** The page's bytes with its CRC filled in. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        System.arraycopy(CAPTURE, 0, out, 0, 4);
        out[4] = 0;
        out[5] = (byte) headerType;
        putLe(out, 6, granulePosition, 8);
        putLe(out, 14, serial, 4);
        putLe(out, 18, sequence, 4);
        out[26] = (byte) segmentTable.length;
        System.arraycopy(segmentTable, 0, out, HEADER_SIZE, segmentTable.length);
        System.arraycopy(body, 0, out, HEADER_SIZE + segmentTable.length, body.length);
        putLe(out, CRC_OFFSET, OggCrc.of(out, 0, out.length), 4);
        return out;
    }

    /**
     * Decodes the page at {@code buf[offset...]} and checks its CRC.
     *
     * @param fileOffset where {@code offset} is in the file, for messages
     * @throws OggException for a wrong capture pattern or version, a truncated page or a CRC mismatch
     */
    public static OggPage decode(byte[] buf, int offset, int length, long fileOffset) {
        if (length < HEADER_SIZE) {
            throw OggException.truncated("page header", HEADER_SIZE, length, fileOffset);
        }
        if (!Arrays.equals(buf, offset, offset + 4, CAPTURE, 0, 4)) {
            throw OggException.invalid("capture_pattern", getLe(buf, offset, 4), "must be 'OggS'", fileOffset);
        }
        if (buf[offset + 4] != 0) {
            throw OggException.invalid("stream_structure_version", buf[offset + 4] & 0xFF, "must be 0", fileOffset + 4);
        }
        int segments = buf[offset + 26] & 0xFF;
        if (length < HEADER_SIZE + segments) {
            throw OggException.truncated("segment_table", segments, length - HEADER_SIZE, fileOffset + 26);
        }
        byte[] table = Arrays.copyOfRange(buf, offset + HEADER_SIZE, offset + HEADER_SIZE + segments);
        int bodyLength = 0;
        for (byte b : table) {
            bodyLength += b & 0xFF;
        }
        int bodyStart = HEADER_SIZE + segments;
        if (length < bodyStart + bodyLength) {
            throw OggException.truncated("page body", bodyLength, length - bodyStart, fileOffset + bodyStart);
        }
        int stored = (int) getLe(buf, offset + CRC_OFFSET, 4);
        byte[] copy = Arrays.copyOfRange(buf, offset, offset + bodyStart + bodyLength);
        Arrays.fill(copy, CRC_OFFSET, CRC_OFFSET + 4, (byte) 0);
        int computed = OggCrc.of(copy, 0, copy.length);
        if (computed != stored) {
            throw OggException.invalid("CRC_checksum", stored & 0xFFFF_FFFFL,
                    "computed 0x" + Integer.toHexString(computed), fileOffset + CRC_OFFSET);
        }
        return new OggPage(buf[offset + 5] & 0xFF, getLe(buf, offset + 6, 8), (int) getLe(buf, offset + 14, 4),
                (int) getLe(buf, offset + 18, 4), table, Arrays.copyOfRange(copy, bodyStart, copy.length));
    }

    static void putLe(byte[] out, int pos, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[pos + i] = (byte) (v >>> (8 * i));
        }
    }

    static long getLe(byte[] buf, int pos, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = v << 8 | (buf[pos + i] & 0xFF);
        }
        return v;
    }

    @Override
    public String toString() {
        return "OggPage[type=" + headerType + ", granule=" + granulePosition + ", serial=" + serial + ", seq="
                + sequence + ", segments=" + segmentTable.length + ", body=" + body.length + "]";
    }
}
