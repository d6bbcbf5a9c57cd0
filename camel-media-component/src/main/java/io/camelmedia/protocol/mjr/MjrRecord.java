package io.camelmedia.protocol.mjr;

import java.util.Objects;

/**
 * One record of a {@code .mjr} file: an RTP packet as Janus received it (for data recordings: an 8-byte
 * wall-clock µs time, then the message).
 *
 * @param offset        byte offset of the record header ({@code MEET}/{@code MEETECHO}) in the file
 * @param arrivalMillis MJR00002: milliseconds since the first record was written (32-bit unsigned field);
 *                      -1 for formats without arrival times
 * @param data          the record's bytes, owned by the record
 */
public record MjrRecord(long offset, long arrivalMillis, byte[] data) {
    public MjrRecord {
        Objects.requireNonNull(data, "data");
    }

    /** Byte offset of {@link #data} in the file (after the 10-byte record header). */
    public long dataOffset() {
        return offset + MjrReader.RECORD_HEADER_LENGTH;
    }

    @Override
    public String toString() {
        return "MjrRecord[@" + offset + " t=" + arrivalMillis + "ms " + data.length + "B]";
    }
}
