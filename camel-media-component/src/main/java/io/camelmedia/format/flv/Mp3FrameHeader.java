package io.camelmedia.format.flv;

import static io.camelmedia.format.flv.FlvBytes.require;
import static io.camelmedia.format.flv.FlvBytes.u8;

/**
 * The 32-bit MPEG audio frame header (ISO/IEC 11172-3 clause 2.4.1.3, extended by ISO/IEC 13818-3 for
 * MPEG-2 low sampling frequencies and by the de-facto MPEG-2.5), read for the sample rate and channel count
 * of an MP3 track: the FLV SoundRate field cannot say 48 kHz, and ffmpeg writes 48 kHz MP3 as "44 kHz".
 *
 * <pre>
 * syncword            11 bits  all ones
 * version ID           2 bits  00 MPEG-2.5, 01 reserved, 10 MPEG-2, 11 MPEG-1
 * layer                2 bits  01 Layer III, 10 Layer II, 11 Layer I, 00 reserved
 * protection_bit       1
 * bitrate_index        4       1111 forbidden
 * sampling_frequency   2       MPEG-1: 44100, 48000, 32000 (MPEG-2: half, MPEG-2.5: quarter); 11 reserved
 * padding_bit, private_bit     1 + 1
 * mode                 2       00 stereo, 01 joint stereo, 10 dual channel, 11 single channel
 * (mode_extension, copyright, original/copy, emphasis: 2 + 1 + 1 + 2)
 * </pre>
 *
 * @param sampleRate samples per second
 * @param channels   1 for single channel, else 2
 */
record Mp3FrameHeader(int sampleRate, int channels) {
    static final String STRUCTURE = "MP3 frame header";
    static final int SIZE = 4;

    private static final int SYNC_FIRST_BYTE = 0xFF;
    private static final int SYNC_SECOND_BITS = 0xE0;
    private static final int VERSION_MPEG25 = 0;
    private static final int VERSION_RESERVED = 1;
    private static final int VERSION_MPEG2 = 2;
    private static final int LAYER_RESERVED = 0;
    private static final int BITRATE_FORBIDDEN = 15;
    private static final int SAMPLING_RESERVED = 3;
    private static final int MODE_SINGLE_CHANNEL = 3;
    private static final int[] MPEG1_SAMPLE_RATES = {44_100, 48_000, 32_000};

    /** Reads the header at the start of {@code b[start, end)} (an MP3 tag's data). */
    static Mp3FrameHeader decode(byte[] b, int start, int end) {
        require(b, start, end, start, SIZE, STRUCTURE, "the 4 header bytes");
        int b1 = u8(b, start + 1);
        int b2 = u8(b, start + 2);
        if (u8(b, start) != SYNC_FIRST_BYTE || (b1 & SYNC_SECOND_BITS) != SYNC_SECOND_BITS) {
            throw fail("syncword is not 11 ones", b, start, end);
        }
        int version = (b1 >> 3) & 0x03;
        int layer = (b1 >> 1) & 0x03;
        int bitrateIndex = b2 >> 4;
        int sampling = (b2 >> 2) & 0x03;
        int mode = u8(b, start + 3) >> 6;
        if (version == VERSION_RESERVED || layer == LAYER_RESERVED || bitrateIndex == BITRATE_FORBIDDEN
                || sampling == SAMPLING_RESERVED) {
            throw fail("version ID " + version + ", layer " + layer + ", bitrate_index " + bitrateIndex
                    + ", sampling_frequency " + sampling + " has a reserved or forbidden value", b, start, end);
        }
        int rate = MPEG1_SAMPLE_RATES[sampling];
        if (version == VERSION_MPEG2) {
            rate /= 2;
        } else if (version == VERSION_MPEG25) {
            rate /= 4;
        }
        return new Mp3FrameHeader(rate, mode == MODE_SINGLE_CHANNEL ? 1 : 2);
    }

    private static FlvException fail(String why, byte[] b, int start, int end) {
        return new FlvException(STRUCTURE + ": " + why + " at offset 0 of the MP3 data ("
                + FlvBytes.hex(b, start, end) + ")");
    }
}
