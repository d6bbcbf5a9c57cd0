package io.camelmedia.codec.mpa;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.Errors;

/**
 * The 32-bit MPEG audio frame header (ISO/IEC 11172-3 2.4.1.3, extended by ISO/IEC 13818-3 for the MPEG-2
 * low sampling frequencies and by the de-facto MPEG-2.5):
 *
 * <pre>
 * syncword(11)=all ones version_ID(2) layer(2) protection_bit(1) bitrate_index(4) sampling_frequency(2)
 * padding_bit(1) private_bit(1) mode(2) mode_extension(2) copyright(1) original/copy(1) emphasis(2)
 * </pre>
 *
 * version_ID: 00 MPEG-2.5, 01 reserved, 10 MPEG-2, 11 MPEG-1. layer: 01 III, 10 II, 11 I, 00 reserved.
 * bitrate_index 0 is "free format" (the frame length is not in the header: {@link #frameLength} is 0).
 *
 * @param version    1 (MPEG-1), 2 (MPEG-2) or 25 (MPEG-2.5)
 * @param layer      1, 2 or 3
 * @param bitrate    bits per second, 0 for free format
 * @param sampleRate samples per second
 * @param padding    padding_bit: the frame has one more slot
 * @param channels   1 for single channel, else 2
 */
public record MpegAudioFrameHeader(int version, int layer, int bitrate, int sampleRate, boolean padding,
                                   int channels) {
    private static final String STRUCTURE = "MPEG audio frame header";
    public static final int SIZE = 4;

    private static final int VERSION_MPEG25 = 0;
    private static final int VERSION_RESERVED = 1;
    private static final int VERSION_MPEG2 = 2;
    private static final int LAYER_RESERVED = 0;
    private static final int BITRATE_FORBIDDEN = 15;
    private static final int SAMPLING_RESERVED = 3;
    private static final int MODE_SINGLE_CHANNEL = 3;
    private static final int[] MPEG1_SAMPLE_RATES = {44_100, 48_000, 32_000};
    /** kbit/s by bitrate_index 1..14 (Table 3-B.2 of 11172-3 and 13818-3 2.4.2.3). */
    private static final int[][] MPEG1_KBPS = {
        {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},   // Layer I
        {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},      // Layer II
        {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}};      // Layer III
    private static final int[][] MPEG2_KBPS = {
        {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},      // Layer I
        {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},           // Layers II and III
        {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};

    /** True when {@code b[offset..]} starts with the 11-bit syncword (a header worth decoding). */
    public static boolean startsWithSync(byte[] b, int offset, int length) {
        return length >= 2 && (b[offset] & 0xFF) == 0xFF && (b[offset + 1] & 0xE0) == 0xE0;
    }

    /**
     * Reads the header at {@code b[offset..]}.
     *
     * @throws CodecException when fewer than 4 bytes are left, the syncword is missing, or a field has a
     *                        reserved or forbidden value
     */
    public static MpegAudioFrameHeader decode(byte[] b, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, b.length);
        if (length < SIZE) {
            throw Errors.truncated(STRUCTURE, "header", SIZE, length, 0, b, offset);
        }
        if (!startsWithSync(b, offset, length)) {
            throw Errors.invalid(STRUCTURE, "syncword", ((b[offset] & 0xFF) << 3) | ((b[offset + 1] & 0xFF) >> 5),
                    "must be 11 ones", 0);
        }
        int b1 = b[offset + 1] & 0xFF;
        int b2 = b[offset + 2] & 0xFF;
        int versionId = (b1 >> 3) & 0x03;
        int layerBits = (b1 >> 1) & 0x03;
        int bitrateIndex = b2 >> 4;
        int sampling = (b2 >> 2) & 0x03;
        if (versionId == VERSION_RESERVED || layerBits == LAYER_RESERVED || bitrateIndex == BITRATE_FORBIDDEN
                || sampling == SAMPLING_RESERVED) {
            throw new CodecException(STRUCTURE + ": version ID " + versionId + ", layer " + layerBits
                    + ", bitrate_index " + bitrateIndex + ", sampling_frequency " + sampling
                    + " has a reserved or forbidden value at offset 0");
        }
        int version = versionId == 3 ? 1 : versionId == VERSION_MPEG2 ? 2 : 25;
        int layer = 4 - layerBits;
        int rate = MPEG1_SAMPLE_RATES[sampling] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        int kbps = bitrateIndex == 0 ? 0 : (version == 1 ? MPEG1_KBPS : MPEG2_KBPS)[layer - 1][bitrateIndex - 1];
        int mode = (b[offset + 3] & 0xFF) >> 6;
        return new MpegAudioFrameHeader(version, layer, kbps * 1000, rate, (b2 & 0x02) != 0,
                mode == MODE_SINGLE_CHANNEL ? 1 : 2);
    }

    /** Samples per channel in one frame: 384 (Layer I), 1152 (Layer II, MPEG-1 Layer III), 576 (LSF Layer III). */
    public int samplesPerFrame() {
        if (layer == 1) {
            return 384;
        }
        return layer == 3 && version != 1 ? 576 : 1152;
    }

    /**
     * Bytes of the whole frame, header included (11-172-3 2.4.3.1: slots of 4 bytes for Layer I, 1 byte
     * otherwise; N = samples / 8 x bitrate / sampling rate), or 0 for free format.
     */
    public int frameLength() {
        if (bitrate == 0) {
            return 0;
        }
        if (layer == 1) {
            return (12 * bitrate / sampleRate + (padding ? 1 : 0)) * 4;
        }
        return samplesPerFrame() / 8 * bitrate / sampleRate + (padding ? 1 : 0);
    }
}
