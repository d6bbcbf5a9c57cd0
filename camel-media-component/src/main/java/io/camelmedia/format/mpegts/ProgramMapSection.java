package io.camelmedia.format.mpegts;

import java.util.List;

/**
 * TS_program_map_section() of ITU-T H.222.0 2.4.4.8, with no program descriptors and optional descriptors
 * per elementary stream:
 *
 * <pre>
 * table_id(8)=0x02 section_syntax_indicator(1)=1 '0'(1) reserved(2) section_length(12)
 * program_number(16) reserved(2) version_number(5) current_next_indicator(1)
 * section_number(8)=0 last_section_number(8)=0
 * reserved(3)=111 PCR_PID(13) reserved(4)=1111 program_info_length(12)=0
 * { stream_type(8) reserved(3)=111 elementary_PID(13) reserved(4)=1111 ES_info_length(12) descriptor()* }*
 * CRC_32(32)
 * </pre>
 *
 * {@link #decode} reads any PMT section; program descriptors are skipped (the registration descriptors a
 * demuxer needs sit with the elementary streams).
 *
 * @param programNumber program_number (matches the PAT)
 * @param versionNumber version_number, 0..31
 * @param pcrPid PID whose adaptation fields carry the PCR
 * @param streams the elementary streams in PMT order
 */
public record ProgramMapSection(int programNumber, int versionNumber, int pcrPid, List<Stream> streams) {
    public static final int TABLE_ID = 0x02;
    /** PCR_PID .. program_info_length. */
    private static final int PROGRAM_INFO_SIZE = 4;
    /** stream_type + elementary_PID + ES_info_length. */
    private static final int STREAM_SIZE = 5;

    /** ES_info_length has 12 bits and its first two shall be 0 (2.4.4.9): at most 1023 bytes. */
    public static final int MAX_ES_INFO_LENGTH = 1023;

    /**
     * One elementary stream entry.
     *
     * @param descriptors the ES_info descriptors, already encoded (tag, length, body), possibly empty
     */
    public record Stream(int streamType, int elementaryPid, byte[] descriptors) {
        public Stream {
            if (descriptors.length > MAX_ES_INFO_LENGTH) {
                throw new TsException("ES_info_length: " + descriptors.length + " exceeds " + MAX_ES_INFO_LENGTH
                        + " for PID 0x" + Integer.toHexString(elementaryPid));
            }
            descriptors = descriptors.clone();
        }

        public Stream(int streamType, int elementaryPid) {
            this(streamType, elementaryPid, new byte[0]);
        }

        @Override
        public byte[] descriptors() {
            return descriptors.clone();
        }
    }

    public ProgramMapSection {
        streams = List.copyOf(streams);
    }

    /**
     * The PMT section {@code s[offset, offset+length)} (exactly one section).
     *
     * @throws TsException for a bad table_id, length or CRC_32, or a loop running past the section
     */
    public static ProgramMapSection decode(byte[] s, int offset, int length) {
        Psi.check(s, offset, length, TABLE_ID);
        int end = offset + length - Psi.CRC_SIZE;
        int p = offset + Psi.HEADER_SIZE;
        int pcrPid = Psi.pid(s, p);
        p += PROGRAM_INFO_SIZE + Psi.length12(s, p + 2);
        java.util.List<Stream> streams = new java.util.ArrayList<>();
        while (p < end) {
            if (end - p < STREAM_SIZE) {
                throw new TsException("PMT: " + (end - p) + " bytes left for an elementary stream entry of "
                        + STREAM_SIZE);
            }
            int esInfo = Psi.length12(s, p + 3);
            if (esInfo > end - p - STREAM_SIZE || esInfo > MAX_ES_INFO_LENGTH) {
                throw new TsException("PMT: ES_info_length " + esInfo + " runs past the section ("
                        + (end - p - STREAM_SIZE) + " bytes left) on PID 0x" + Integer.toHexString(Psi.pid(s, p + 1)));
            }
            streams.add(new Stream(s[p] & 0xFF, Psi.pid(s, p + 1),
                    java.util.Arrays.copyOfRange(s, p + STREAM_SIZE, p + STREAM_SIZE + esInfo)));
            p += STREAM_SIZE + esInfo;
        }
        if (p > end) {
            throw new TsException("PMT: program_info_length runs past the section");
        }
        return new ProgramMapSection(Psi.id(s, offset), Psi.version(s, offset), pcrPid, streams);
    }

    public int size() {
        int n = Psi.HEADER_SIZE + PROGRAM_INFO_SIZE + Psi.CRC_SIZE;
        for (Stream st : streams) {
            n += STREAM_SIZE + st.descriptors.length;
        }
        return n;
    }

    public byte[] encode() {
        byte[] s = new byte[size()];
        int p = Psi.writeHeader(s, TABLE_ID, s.length, programNumber, versionNumber);
        s[p++] = (byte) (0xE0 | (pcrPid >> 8));
        s[p++] = (byte) pcrPid;
        s[p++] = (byte) 0xF0; // reserved 1111, program_info_length 0
        s[p++] = 0;
        for (Stream st : streams) {
            s[p++] = (byte) st.streamType();
            s[p++] = (byte) (0xE0 | (st.elementaryPid() >> 8));
            s[p++] = (byte) st.elementaryPid();
            s[p++] = (byte) (0xF0 | (st.descriptors.length >> 8)); // reserved 1111, ES_info_length
            s[p++] = (byte) st.descriptors.length;
            System.arraycopy(st.descriptors, 0, s, p, st.descriptors.length);
            p += st.descriptors.length;
        }
        Psi.writeCrc(s, p);
        return s;
    }
}
