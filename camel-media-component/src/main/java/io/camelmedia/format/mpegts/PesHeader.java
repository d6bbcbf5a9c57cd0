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
 * @param streamId 0xE0 (video stream 0) or 0xC0 (audio stream 0)
 * @param pts 90 kHz presentation time stamp (wrapped to 33 bits when written)
 * @param dts 90 kHz decoding time stamp; written only when it differs from {@code pts}
 * @param payloadLength bytes of PES payload after this header
 */
public record PesHeader(int streamId, long pts, long dts, int payloadLength) {
    public static final int VIDEO_STREAM_ID = 0xE0;
    public static final int AUDIO_STREAM_ID = 0xC0;
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
