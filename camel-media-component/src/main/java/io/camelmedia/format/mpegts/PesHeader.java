package io.camelmedia.format.mpegts;

/**
 * The PES_packet() header of ITU-T H.222.0 2.4.3.6 up to the payload, as this muxer writes it:
 *
 * <pre>
 * packet_start_code_prefix(24)=0x000001 stream_id(8) PES_packet_length(16)
 * '10' PES_scrambling_control(2)=0 PES_priority(1)=0 data_alignment_indicator(1)=1 copyright(1)=0
 * original_or_copy(1)=0
 * PTS_DTS_flags(2) ESCR_flag(1) ES_rate_flag(1) DSM_trick_mode_flag(1) additional_copy_info_flag(1)
 * PES_CRC_flag(1) PES_extension_flag(1)   (all but PTS_DTS_flags 0)
 * PES_header_data_length(8)
 * '0010' or '0011' PTS[32..30](3) marker(1) PTS[29..15](15) marker(1) PTS[14..0](15) marker(1)
 * ['0001' DTS[32..30](3) marker(1) DTS[29..15](15) marker(1) DTS[14..0](15) marker(1)]
 * </pre>
 *
 * data_alignment_indicator is set because every PES starts with an access unit (an AUD for video, a
 * sync word for audio). PES_packet_length is 0 ("unbounded", allowed for video only) when the packet
 * would exceed 65 535 bytes.
 *
 * <p>{@link #decode} reads any PES header a demuxer meets: PTS and DTS as 33-bit values ({@link #NO_TIMESTAMP}
 * when absent), the other optional fields skipped through PES_header_data_length; stream ids without the
 * optional header (Table 2-22: padding, private_stream_2, ECM, EMM, DSM-CC...) have a 6-byte header.
 *
 * @param streamId 0xE0 (video stream 0) or 0xC0 (audio stream 0)
 * @param pts 90 kHz presentation time stamp (wrapped to 33 bits when written)
 * @param dts 90 kHz decoding time stamp; written only when it differs from {@code pts}
 * @param payloadLength bytes of PES payload after this header; when decoded, -1 for PES_packet_length 0
 *                      (unbounded: the PES ends where the next one starts)
 */
public record PesHeader(int streamId, long pts, long dts, int payloadLength) {
    public static final int VIDEO_STREAM_ID = 0xE0;
    public static final int AUDIO_STREAM_ID = 0xC0;
    /** private_stream_1: Opus PES, as ffmpeg writes them. */
    public static final int PRIVATE_STREAM_1 = 0xBD;
    /** packet_start_code_prefix + stream_id + PES_packet_length + two flag bytes + PES_header_data_length. */
    public static final int FIXED_SIZE = 9;
    /** One 33-bit time stamp with its 4-bit prefix and 3 marker bits. */
    public static final int TIMESTAMP_SIZE = 5;
    /** Header bytes with PTS and DTS. */
    public static final int MAX_SIZE = FIXED_SIZE + 2 * TIMESTAMP_SIZE;
    /** PES_packet_length has 16 bits. */
    public static final int MAX_PES_PACKET_LENGTH = 0xFFFF;
    /** Bytes after PES_packet_length that the length counts besides the payload: flags (2) + header length (1). */
    private static final int LENGTH_COUNTED_HEADER = 3;
    private static final int MARKER_BITS_10_DATA_ALIGNED = 0x84;
    private static final int PTS_ONLY = 0x80;
    private static final int PTS_AND_DTS = 0xC0;
    private static final int PREFIX_PTS_ONLY = 0x2;
    private static final int PREFIX_PTS_WITH_DTS = 0x3;
    private static final int PREFIX_DTS = 0x1;
    /** PTS_DTS_flags '00': no time stamp (and '01', forbidden, read as none). */
    public static final long NO_TIMESTAMP = -1;
    /** packet_start_code_prefix + stream_id + PES_packet_length: all a PES without optional header has. */
    public static final int PREFIX_SIZE = 6;
    private static final int FLAGS_MARKER_MASK = 0xC0;
    private static final int FLAGS_MARKER = 0x80;
    private static final int PTS_DTS_FLAGS_SHIFT = 6;
    private static final int PROGRAM_STREAM_MAP = 0xBC;
    private static final int PADDING_STREAM = 0xBE;
    private static final int PRIVATE_STREAM_2 = 0xBF;
    private static final int ECM_STREAM = 0xF0;
    private static final int EMM_STREAM = 0xF1;
    private static final int DSMCC_STREAM = 0xF2;
    private static final int H222_1_TYPE_E = 0xF8;
    private static final int PROGRAM_STREAM_DIRECTORY = 0xFF;

    public boolean hasDts() {
        return dts != pts;
    }

    /** Bytes this header takes: 14 (PTS) or 19 (PTS + DTS). */
    public int size() {
        return FIXED_SIZE + (hasDts() ? 2 * TIMESTAMP_SIZE : TIMESTAMP_SIZE);
    }

    /** PES_packet_length: bytes after the field, or 0 for a video PES over 65 535 bytes. */
    public int pesPacketLength() {
        long n = (long) LENGTH_COUNTED_HEADER + (size() - FIXED_SIZE) + payloadLength;
        if (n <= MAX_PES_PACKET_LENGTH) {
            return (int) n;
        }
        if (streamId != VIDEO_STREAM_ID) {
            throw new TsException("PES_packet_length: " + n + " exceeds " + MAX_PES_PACKET_LENGTH
                    + " on stream_id 0x" + Integer.toHexString(streamId) + " (only video may use 0, unbounded)");
        }
        return 0;
    }

    /** Writes the header at {@code out[pos..]}; returns the position after it. */
    public int encode(byte[] out, int pos) {
        int length = pesPacketLength();
        int p = pos;
        out[p++] = 0;
        out[p++] = 0;
        out[p++] = 1;
        out[p++] = (byte) streamId;
        out[p++] = (byte) (length >> 8);
        out[p++] = (byte) length;
        out[p++] = (byte) MARKER_BITS_10_DATA_ALIGNED;
        out[p++] = (byte) (hasDts() ? PTS_AND_DTS : PTS_ONLY);
        out[p++] = (byte) (size() - FIXED_SIZE);
        p = writeTimestamp(out, p, hasDts() ? PREFIX_PTS_WITH_DTS : PREFIX_PTS_ONLY, pts);
        if (hasDts()) {
            p = writeTimestamp(out, p, PREFIX_DTS, dts);
        }
        return p;
    }

    public byte[] encode() {
        byte[] out = new byte[size()];
        encode(out, 0);
        return out;
    }

    /**
     * True when PES packets of {@code streamId} have the optional header (flags, PES_header_data_length,
     * PTS/DTS...): every stream id but those 2.4.3.7 lists as carrying PES_packet_data_byte right away.
     */
    public static boolean hasOptionalHeader(int streamId) {
        return switch (streamId) {
            case PROGRAM_STREAM_MAP, PADDING_STREAM, PRIVATE_STREAM_2, ECM_STREAM, EMM_STREAM, DSMCC_STREAM,
                    H222_1_TYPE_E, PROGRAM_STREAM_DIRECTORY -> false;
            default -> true;
        };
    }

    /**
     * Bytes of the header starting at {@code buf[offset]}: 6 without optional header, else 9 +
     * PES_header_data_length; -1 when fewer than {@value #FIXED_SIZE} bytes are there to tell.
     */
    public static int headerSize(byte[] buf, int offset, int length) {
        if (length >= PREFIX_SIZE && !hasOptionalHeader(buf[offset + 3] & 0xFF)) {
            return PREFIX_SIZE;
        }
        return length < FIXED_SIZE ? -1 : FIXED_SIZE + (buf[offset + 8] & 0xFF);
    }

    /**
     * Reads the PES header at {@code buf[offset, offset+length)}, which holds at least {@link #headerSize}
     * bytes. PTS/DTS are the 33-bit field values; DTS equals PTS when only PTS is present.
     *
     * @throws TsException when there is no packet_start_code_prefix, the header is cut short, the '10'
     *                     marker is missing, or PES_header_data_length cannot hold the time stamps
     */
    public static PesHeader decode(byte[] buf, int offset, int length) {
        int size = headerSize(buf, offset, length);
        if (length < PREFIX_SIZE || buf[offset] != 0 || buf[offset + 1] != 0 || buf[offset + 2] != 1) {
            throw new TsException("PES header: no packet_start_code_prefix 000001 (" + hex(buf, offset, length) + ")");
        }
        if (size < 0 || size > length) {
            throw new TsException("PES header: " + length + " bytes, the header needs " + Math.max(size, FIXED_SIZE));
        }
        int streamId = buf[offset + 3] & 0xFF;
        int packetLength = ((buf[offset + 4] & 0xFF) << 8) | (buf[offset + 5] & 0xFF);
        int counted = size - PREFIX_SIZE;
        int payload = packetLength == 0 ? -1 : packetLength - counted;
        if (packetLength != 0 && payload < 0) {
            throw new TsException("PES header: PES_packet_length " + packetLength + " is shorter than the "
                    + counted + " header bytes it counts (stream_id 0x" + Integer.toHexString(streamId) + ")");
        }
        if (size == PREFIX_SIZE) {
            return new PesHeader(streamId, NO_TIMESTAMP, NO_TIMESTAMP, payload);
        }
        if ((buf[offset + 6] & FLAGS_MARKER_MASK) != FLAGS_MARKER) {
            throw new TsException("PES header: '10' marker bits missing (0x"
                    + Integer.toHexString(buf[offset + 6] & 0xFF) + ") on stream_id 0x" + Integer.toHexString(streamId));
        }
        int ptsDts = (buf[offset + 7] & 0xFF) >> PTS_DTS_FLAGS_SHIFT;
        int stamps = ptsDts == PREFIX_PTS_WITH_DTS ? 2 : ptsDts == PREFIX_PTS_ONLY ? 1 : 0;
        if (size - FIXED_SIZE < stamps * TIMESTAMP_SIZE) {
            throw new TsException("PES header: PES_header_data_length " + (size - FIXED_SIZE) + " cannot hold "
                    + stamps + " time stamp(s)");
        }
        long pts = stamps > 0 ? readTimestamp(buf, offset + FIXED_SIZE) : NO_TIMESTAMP;
        long dts = stamps > 1 ? readTimestamp(buf, offset + FIXED_SIZE + TIMESTAMP_SIZE) : pts;
        return new PesHeader(streamId, pts, dts, payload);
    }

    /** The 33-bit value of a 5-byte time stamp field (prefix and marker bits not checked, as most demuxers). */
    static long readTimestamp(byte[] b, int pos) {
        return ((long) ((b[pos] >> 1) & 0x07) << 30)
                | ((long) (((b[pos + 1] & 0xFF) << 7) | ((b[pos + 2] & 0xFF) >> 1)) << 15)
                | ((((b[pos + 3] & 0xFF) << 7) | ((b[pos + 4] & 0xFF) >> 1)));
    }

    private static String hex(byte[] b, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(length, 8); i++) {
            sb.append(String.format("%02x", b[offset + i] & 0xFF));
        }
        return sb.toString();
    }

    /** A 4-bit prefix, then the 33-bit value as 3 + 15 + 15 bits, each group followed by a marker bit 1. */
    static int writeTimestamp(byte[] out, int pos, int prefix, long ticks90k) {
        long t = SystemClock.wrap(ticks90k);
        out[pos] = (byte) ((prefix << 4) | (int) ((t >>> 30) << 1) | 1);
        int mid = (int) ((t >>> 15) & 0x7FFF);
        out[pos + 1] = (byte) (mid >>> 7);
        out[pos + 2] = (byte) ((mid << 1) | 1);
        int low = (int) (t & 0x7FFF);
        out[pos + 3] = (byte) (low >>> 7);
        out[pos + 4] = (byte) ((low << 1) | 1);
        return pos + TIMESTAMP_SIZE;
    }
}
