package io.camelmedia.format.mpegts;

import io.netty.buffer.ByteBuf;

/**
 * transport_packet() of ITU-T H.222.0 2.4.3.2, written:
 *
 * <pre>
 * sync_byte(8)=0x47 transport_error_indicator(1) payload_unit_start_indicator(1) transport_priority(1)
 * PID(13) transport_scrambling_control(2) adaptation_field_control(2) continuity_counter(4)
 * [adaptation_field()] [data_byte...]
 * </pre>
 *
 * Every packet is {@value #SIZE} bytes; an adaptation field pads a short payload (2.4.3.4: stuffing in
 * transport packets carrying PES data is done with the adaptation field).
 */
public final class TsPacket {
    /** 188 bytes: one MPEG-2 TS packet (2.4.3.2); 4 header bytes + 184. */
    public static final int SIZE = 188;
    public static final int HEADER_SIZE = 4;
    /** Bytes after the header: adaptation field plus payload. */
    public static final int BODY_SIZE = SIZE - HEADER_SIZE;
    public static final int SYNC_BYTE = 0x47;
    /** PID is 13 bits; 0x1FFF is the null packet PID. */
    public static final int MAX_PID = 0x1FFF;
    public static final int PAYLOAD_UNIT_START = 0x40;
    /** adaptation_field_control '01': payload only. */
    public static final int PAYLOAD_ONLY = 0x1;
    /** adaptation_field_control '10': adaptation field only. */
    public static final int ADAPTATION_ONLY = 0x2;
    /** adaptation_field_control '11': adaptation field then payload. */
    public static final int ADAPTATION_AND_PAYLOAD = 0x3;
    static final int STUFFING_BYTE = 0xFF;

    private TsPacket() {
    }

    /** Writes the 4 header bytes (no error, priority 0, not scrambled). */
    public static void writeHeader(ByteBuf out, boolean payloadUnitStart, int pid, int adaptationFieldControl,
                                   int continuityCounter) {
        out.writeByte(SYNC_BYTE);
        out.writeByte((payloadUnitStart ? PAYLOAD_UNIT_START : 0) | (pid >> 8));
        out.writeByte(pid & 0xFF);
        out.writeByte((adaptationFieldControl << 4) | (continuityCounter & 0x0F));
    }

    /**
     * One PSI section in one packet: pointer_field 0 (2.4.4.2), the section, 0xFF fill (2.4.4: bytes after
     * a section up to the packet end are stuffing).
     */
    static void writeSection(ByteBuf out, int pid, ContinuityCounter cc, byte[] section) {
        if (section.length > BODY_SIZE - 1) {
            throw new TsException("PSI section: length " + section.length + " exceeds one packet (limit "
                    + (BODY_SIZE - 1) + ") on PID 0x" + Integer.toHexString(pid));
        }
        writeHeader(out, true, pid, PAYLOAD_ONLY, cc.next());
        out.writeByte(0); // pointer_field
        out.writeBytes(section);
        out.writeBytes(STUFFING, 0, BODY_SIZE - 1 - section.length);
    }

    /** A packet with only an adaptation field carrying {@code pcrBase} (continuity_counter not incremented). */
    static void writePcrOnly(ByteBuf out, int pid, ContinuityCounter cc, long pcrBase) {
        writeHeader(out, false, pid, ADAPTATION_ONLY, cc.current());
        AdaptationField.write(out, BODY_SIZE, false, pcrBase);
    }

    /**
     * Packetizes one PES packet ({@code header[0, headerLength)} then {@code data[offset, offset+length)})
     * on {@code pid}: the first packet has payload_unit_start_indicator set and, when asked, an adaptation
     * field with random_access_indicator and/or a PCR; the last packet is padded with adaptation field
     * stuffing. Returns the number of packets written.
     */
    static int writePes(ByteBuf out, int pid, ContinuityCounter cc, byte[] header, int headerLength, byte[] data,
                        int offset, int length, boolean randomAccess, long pcrBase) {
        int total = headerLength + length;
        out.ensureWritable(packetCount(total, AdaptationField.size(randomAccess, pcrBase >= 0)) * SIZE);
        int written = 0;
        int packets = 0;
        while (written < total) {
            boolean first = written == 0;
            int field = first ? AdaptationField.size(randomAccess, pcrBase >= 0) : 0;
            int n = Math.min(BODY_SIZE - field, total - written);
            field = BODY_SIZE - n; // whatever is not payload is adaptation field (stuffing included)
            writeHeader(out, first, pid, field > 0 ? ADAPTATION_AND_PAYLOAD : PAYLOAD_ONLY, cc.next());
            if (field > 0) {
                AdaptationField.write(out, field, first && randomAccess, first ? pcrBase : -1);
            }
            written = copy(out, header, headerLength, data, offset, written, n);
            packets++;
        }
        return packets;
    }

    /** Copies payload bytes {@code [from, from+n)} of header-then-data into {@code out}; returns from+n. */
    private static int copy(ByteBuf out, byte[] header, int headerLength, byte[] data, int offset, int from, int n) {
        int pos = from;
        int end = from + n;
        if (pos < headerLength) {
            int k = Math.min(headerLength, end) - pos;
            out.writeBytes(header, pos, k);
            pos += k;
        }
        if (pos < end) {
            out.writeBytes(data, offset + pos - headerLength, end - pos);
        }
        return end;
    }

    /** Packets needed for {@code payload} bytes when the first packet has {@code firstField} bytes of adaptation field. */
    static int packetCount(int payload, int firstField) {
        int firstSpace = BODY_SIZE - firstField;
        if (payload <= firstSpace) {
            return 1;
        }
        return 1 + (payload - firstSpace + BODY_SIZE - 1) / BODY_SIZE;
    }

    private static final byte[] STUFFING = stuffing();

    private static byte[] stuffing() {
        byte[] b = new byte[BODY_SIZE];
        java.util.Arrays.fill(b, (byte) STUFFING_BYTE);
        return b;
    }
}
