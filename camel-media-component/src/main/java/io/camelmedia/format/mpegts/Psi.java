package io.camelmedia.format.mpegts;

/**
 * The long-form section header and trailer shared by PAT and PMT (ITU-T H.222.0 2.4.4.3 / 2.4.4.8):
 * table_id, section_syntax_indicator '1', '0', reserved '11', section_length (bytes after the field, CRC
 * included), a 16-bit id (transport_stream_id / program_number), reserved '11', version_number,
 * current_next_indicator '1', section_number 0, last_section_number 0; then CRC_32.
 *
 * <p>{@link #check} validates a received section (syntax indicator, length, CRC) before PAT/PMT decode it.
 */
final class Psi {
    /** table_id .. last_section_number. */
    static final int HEADER_SIZE = 8;
    static final int CRC_SIZE = 4;
    /** section_length counts from after itself: the first 3 bytes are not counted. */
    private static final int UNCOUNTED = 3;
    /** 5-bit version_number. */
    static final int MAX_VERSION = 31;
    /** section_length is 10 significant bits and shall not exceed 1021 (2.4.4.3). */
    static final int MAX_SECTION_LENGTH = 1021;

    /** Every table_id but 0xFF starts a section; 0xFF is stuffing up to the packet end (2.4.4). */
    static final int STUFFING_TABLE_ID = 0xFF;
    private static final int SECTION_SYNTAX_INDICATOR = 0x80;
    private static final int LENGTH_HIGH_MASK = 0x0F;
    private static final int CURRENT_NEXT_INDICATOR = 0x01;

    private Psi() {
    }

    /** Bytes of the section whose first 3 bytes are at {@code s[offset]}: 3 + section_length. */
    static int sectionSize(byte[] s, int offset) {
        return UNCOUNTED + (((s[offset + 1] & LENGTH_HIGH_MASK) << 8) | (s[offset + 2] & 0xFF));
    }

    /**
     * Checks a long-form section {@code s[offset, offset+length)} of table {@code tableId}: table_id,
     * section_syntax_indicator 1, section_length within {@value #MAX_SECTION_LENGTH} and the buffer, room for
     * the header and CRC, and CRC_32 (the CRC over the whole section is 0).
     *
     * @throws TsException naming what is wrong
     */
    static void check(byte[] s, int offset, int length, int tableId) {
        if (length < HEADER_SIZE + CRC_SIZE) {
            throw new TsException("section: " + length + " bytes, a long-form section has at least "
                    + (HEADER_SIZE + CRC_SIZE));
        }
        if ((s[offset] & 0xFF) != tableId || (s[offset + 1] & SECTION_SYNTAX_INDICATOR) == 0) {
            throw new TsException("section: table_id " + (s[offset] & 0xFF) + " / section_syntax_indicator "
                    + ((s[offset + 1] & 0xFF) >> 7) + " where table_id " + tableId + " with indicator 1 was expected");
        }
        int size = sectionSize(s, offset);
        if (size - UNCOUNTED > MAX_SECTION_LENGTH || size != length) {
            throw new TsException("section_length: " + (size - UNCOUNTED) + " (table_id " + tableId + ", "
                    + length + " bytes given, limit " + MAX_SECTION_LENGTH + ")");
        }
        int crc = Crc32Mpeg2.of(s, offset, length);
        if (crc != 0) {
            throw new TsException("CRC_32: mismatch on table_id " + tableId + " (remainder 0x"
                    + Integer.toHexString(crc) + ")");
        }
    }

    /** table_id_extension (transport_stream_id / program_number) of a checked section. */
    static int id(byte[] s, int offset) {
        return ((s[offset + 3] & 0xFF) << 8) | (s[offset + 4] & 0xFF);
    }

    static int version(byte[] s, int offset) {
        return ((s[offset + 5] & 0xFF) >> 1) & MAX_VERSION;
    }

    /** current_next_indicator: 0 means the table is not yet valid (sent ahead of a change). */
    static boolean current(byte[] s, int offset) {
        return (s[offset + 5] & CURRENT_NEXT_INDICATOR) != 0;
    }

    static int sectionNumber(byte[] s, int offset) {
        return s[offset + 6] & 0xFF;
    }

    /** A 13-bit PID from the two bytes at {@code s[pos]} (3 reserved bits above). */
    static int pid(byte[] s, int pos) {
        return ((s[pos] & 0x1F) << 8) | (s[pos + 1] & 0xFF);
    }

    /** A 12-bit length from the two bytes at {@code s[pos]} (4 bits above). */
    static int length12(byte[] s, int pos) {
        return ((s[pos] & LENGTH_HIGH_MASK) << 8) | (s[pos + 1] & 0xFF);
    }

    /** Writes the 8 header bytes of a section of {@code totalSize} bytes; returns 8. */
    static int writeHeader(byte[] s, int tableId, int totalSize, int id, int version) {
        int sectionLength = totalSize - UNCOUNTED;
        if (sectionLength > MAX_SECTION_LENGTH) {
            throw new TsException("section_length: " + sectionLength + " exceeds " + MAX_SECTION_LENGTH
                    + " (table_id " + tableId + ")");
        }
        if (version < 0 || version > MAX_VERSION) {
            throw new TsException("version_number: " + version + " is not 0.." + MAX_VERSION);
        }
        s[0] = (byte) tableId;
        s[1] = (byte) (0xB0 | (sectionLength >> 8)); // section_syntax_indicator 1, '0', reserved 11
        s[2] = (byte) sectionLength;
        s[3] = (byte) (id >> 8);
        s[4] = (byte) id;
        s[5] = (byte) (0xC1 | (version << 1)); // reserved 11, version, current_next_indicator 1
        s[6] = 0; // section_number
        s[7] = 0; // last_section_number
        return HEADER_SIZE;
    }

    /** Writes CRC_32 over {@code s[0, pos)} at {@code pos}. */
    static void writeCrc(byte[] s, int pos) {
        int crc = Crc32Mpeg2.of(s, 0, pos);
        s[pos] = (byte) (crc >>> 24);
        s[pos + 1] = (byte) (crc >>> 16);
        s[pos + 2] = (byte) (crc >>> 8);
        s[pos + 3] = (byte) crc;
    }
}
