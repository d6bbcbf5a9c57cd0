package io.camelmedia.format.mpegts;

/**
 * The long-form section header and trailer shared by PAT and PMT (ITU-T H.222.0 2.4.4.3 / 2.4.4.8):
 * table_id, section_syntax_indicator '1', '0', reserved '11', section_length (bytes after the field, CRC
 * included), a 16-bit id (transport_stream_id / program_number), reserved '11', version_number,
 * current_next_indicator '1', section_number 0, last_section_number 0; then CRC_32.
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

    private Psi() {
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
