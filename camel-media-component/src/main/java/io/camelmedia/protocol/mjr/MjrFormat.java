package io.camelmedia.protocol.mjr;

/**
 * The three layouts Janus has written. Closed set: nothing else exists.
 *
 * <pre>
 * MJR00002  "MJR00002" len:u16 json[len]   then records "MEET" arrival_ms:u32 len:u16 packet[len]
 * MJR00001  "MJR00001" len:u16 json[len]   then records "MEETECHO" len:u16 packet[len]
 * LEGACY    "MEETECHO" 0x0005 "video"|"audio"|"data."   then records "MEETECHO" len:u16 packet[len]
 * </pre>
 * (Janus {@code record.c}; janus-pp-rec accepts the same three.)
 */
public enum MjrFormat {
    /** Janus 0.10+: JSON info header, a millisecond arrival offset in every record. */
    MJR00002("MJR00002", "MEET", 10),
    /** Janus 0.2.x-0.9: JSON info header, records without a time offset. */
    MJR00001("MJR00001", "MEETECHO", 10),
    /** The oldest form: no JSON, a 5-byte media kind; VP8 video or Opus audio assumed. */
    LEGACY("MEETECHO", "MEETECHO", 10);

    private final String magic;
    private final String recordPrefix;
    private final int recordHeaderLength;

    MjrFormat(String magic, String recordPrefix, int recordHeaderLength) {
        this.magic = magic;
        this.recordPrefix = recordPrefix;
        this.recordHeaderLength = recordHeaderLength;
    }

    /** The first 8 bytes of the file. */
    public String magic() {
        return magic;
    }

    /** What every record starts with ("MEET" then the 4-byte offset, or "MEETECHO"). */
    public String recordPrefix() {
        return recordPrefix;
    }

    /** Bytes before a record's packet: 8 (prefix, plus offset for MJR00002) + 2 (length). */
    public int recordHeaderLength() {
        return recordHeaderLength;
    }

    /** True when records carry a millisecond arrival offset. */
    public boolean hasArrivalTimes() {
        return this == MJR00002;
    }
}
