package io.camelmedia.format.mpegts;

/**
 * program_association_section() of ITU-T H.222.0 2.4.4.3 with one program:
 *
 * <pre>
 * table_id(8)=0x00 section_syntax_indicator(1)=1 '0'(1) reserved(2)=11 section_length(12)
 * transport_stream_id(16) reserved(2)=11 version_number(5) current_next_indicator(1)=1
 * section_number(8)=0 last_section_number(8)=0
 * program_number(16) reserved(3)=111 program_map_PID(13)
 * CRC_32(32)
 * </pre>
 *
 * {@link #decode} reads any PAT section, one record per program (program_number 0, the network PID, is left
 * out).
 *
 * @param transportStreamId transport_stream_id (1, as ffmpeg)
 * @param versionNumber version_number, 0..31
 * @param programNumber program_number (1)
 * @param programMapPid PID of the program's PMT
 */
public record ProgramAssociationSection(int transportStreamId, int versionNumber, int programNumber,
                                        int programMapPid) {
    public static final int TABLE_ID = 0x00;
    /** The PAT is always on PID 0 (Table 2-3). */
    public static final int PID = 0x0000;
    /** Bytes of the section for one program: 8 header + 4 program + 4 CRC. */
    public static final int SIZE = 16;
    /** program_number + reserved + PID. */
    private static final int PROGRAM_SIZE = 4;
    /** program_number 0 points at the network information table, not a program. */
    private static final int NETWORK_PROGRAM = 0;

    /**
     * The programs of the PAT section {@code s[offset, offset+length)} (exactly one section), in order.
     *
     * @throws TsException for a bad table_id, length or CRC_32
     */
    public static java.util.List<ProgramAssociationSection> decode(byte[] s, int offset, int length) {
        Psi.check(s, offset, length, TABLE_ID);
        int tsId = Psi.id(s, offset);
        int version = Psi.version(s, offset);
        java.util.List<ProgramAssociationSection> out = new java.util.ArrayList<>();
        int end = offset + length - Psi.CRC_SIZE;
        for (int p = offset + Psi.HEADER_SIZE; p + PROGRAM_SIZE <= end; p += PROGRAM_SIZE) {
            int program = ((s[p] & 0xFF) << 8) | (s[p + 1] & 0xFF);
            if (program != NETWORK_PROGRAM) {
                out.add(new ProgramAssociationSection(tsId, version, program, Psi.pid(s, p + 2)));
            }
        }
        return out;
    }

    public byte[] encode() {
        byte[] s = new byte[SIZE];
        int p = Psi.writeHeader(s, TABLE_ID, SIZE, transportStreamId, versionNumber);
        s[p++] = (byte) (programNumber >> 8);
        s[p++] = (byte) programNumber;
        s[p++] = (byte) (0xE0 | (programMapPid >> 8));
        s[p++] = (byte) programMapPid;
        Psi.writeCrc(s, p);
        return s;
    }
}
