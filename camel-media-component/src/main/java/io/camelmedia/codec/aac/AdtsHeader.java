package io.camelmedia.codec.aac;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.Errors;

/**
 * adts_fixed_header() + adts_variable_header() of ISO/IEC 14496-3 1.A.2.2 (7 bytes, 9 with the CRC):
 *
 * <pre>
 * syncword(12)=0xFFF ID(1) layer(2)=0 protection_absent(1) profile_ObjectType(2) sampling_frequency_index(4)
 * private_bit(1) channel_configuration(3) original_copy(1) home(1)
 * copyright_identification_bit(1) copyright_identification_start(1) aac_frame_length(13)
 * adts_buffer_fullness(11) number_of_raw_data_blocks_in_frame(2)   [crc_check(16)]
 * </pre>
 *
 * @param mpegVersion2 ID: true for MPEG-2 AAC, false for MPEG-4
 * @param protectionAbsent true when no CRC follows the header
 * @param audioObjectType profile_ObjectType + 1 (2 = AAC-LC)
 * @param frameLength aac_frame_length: the whole ADTS frame, header included
 * @param bufferFullness adts_buffer_fullness (0x7FF = variable rate)
 * @param rawDataBlocks number_of_raw_data_blocks_in_frame + 1
 */
public record AdtsHeader(boolean mpegVersion2, boolean protectionAbsent, int audioObjectType,
                         int samplingFrequencyIndex, int channelConfiguration, int frameLength, int bufferFullness,
                         int rawDataBlocks) {
    private static final String STRUCTURE = "ADTS header";
    public static final int HEADER_LENGTH = 7;
    public static final int CRC_LENGTH = 2;
    private static final int SYNCWORD = 0xFFF;
    /** aac_frame_length has 13 bits. */
    public static final int MAX_FRAME_LENGTH = (1 << 13) - 1;
    /** adts_buffer_fullness for variable bit rate. */
    public static final int VARIABLE_RATE = 0x7FF;

    /** Bytes of header (7, or 9 with the CRC). */
    public int headerLength() {
        return protectionAbsent ? HEADER_LENGTH : HEADER_LENGTH + CRC_LENGTH;
    }

    /** Bytes of raw AAC after the header. */
    public int payloadLength() {
        return frameLength - headerLength();
    }

    public int samplingFrequency() {
        return AudioSpecificConfig.frequencyOf(samplingFrequencyIndex);
    }

    /** The AudioSpecificConfig this header implies. */
    public AudioSpecificConfig audioSpecificConfig() {
        return AudioSpecificConfig.of(audioObjectType, samplingFrequency(), channelConfiguration);
    }

    /** A header (no CRC, variable rate, one raw block) for a raw AAC frame of {@code payloadLength} bytes. */
    public static AdtsHeader of(AudioSpecificConfig asc, int payloadLength) {
        int index = AudioSpecificConfig.frequencyIndex(asc.samplingFrequency());
        if (index > 12 || asc.audioObjectType() < 1 || asc.audioObjectType() > 4 || asc.channelConfiguration() > 7) {
            throw new CodecException(STRUCTURE + ": " + asc + " cannot be described by ADTS (object type 1..4,"
                    + " a table sampling rate and channel configuration 1..7 only)");
        }
        if (payloadLength < 0 || payloadLength + HEADER_LENGTH > MAX_FRAME_LENGTH) {
            throw Errors.limit(STRUCTURE, "aac_frame_length", payloadLength + (long) HEADER_LENGTH, MAX_FRAME_LENGTH, 0);
        }
        return new AdtsHeader(false, true, asc.audioObjectType(), index, asc.channelConfiguration(),
                payloadLength + HEADER_LENGTH, VARIABLE_RATE, 1);
    }

    public static AdtsHeader decode(byte[] buf, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buf.length);
        if (length < HEADER_LENGTH) {
            throw Errors.truncated(STRUCTURE, "header", HEADER_LENGTH, length, 0, buf, offset);
        }
        int b1 = buf[offset + 1] & 0xFF;
        int b2 = buf[offset + 2] & 0xFF;
        int b3 = buf[offset + 3] & 0xFF;
        int sync = ((buf[offset] & 0xFF) << 4) | (b1 >> 4);
        if (sync != SYNCWORD || (b1 & 0x06) != 0) {
            throw Errors.invalid(STRUCTURE, "syncword/layer", sync, "syncword must be 0xFFF and layer 0", 0);
        }
        int index = (b2 >> 2) & 0x0F;
        if (index > 12) {
            throw Errors.invalid(STRUCTURE, "sampling_frequency_index", index, "reserved or escape", 2);
        }
        int frameLength = ((b3 & 0x03) << 11) | ((buf[offset + 4] & 0xFF) << 3) | ((buf[offset + 5] & 0xFF) >> 5);
        AdtsHeader h = new AdtsHeader((b1 & 0x08) != 0, (b1 & 0x01) != 0, ((b2 >> 6) & 0x03) + 1, index,
                ((b2 & 0x01) << 2) | (b3 >> 6), frameLength,
                ((buf[offset + 5] & 0x1F) << 6) | ((buf[offset + 6] & 0xFF) >> 2), (buf[offset + 6] & 0x03) + 1);
        if (frameLength < h.headerLength()) {
            throw Errors.invalid(STRUCTURE, "aac_frame_length", frameLength, "shorter than the header", 3);
        }
        return h;
    }

    public static AdtsHeader decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /** The 7 header bytes (a CRC, when protection is present, is the caller's to write). */
    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH];
        encode(out, 0);
        return out;
    }

    /** Writes the 7 header bytes at {@code pos}; returns the position after them. */
    public int encode(byte[] out, int pos) {
        out[pos] = (byte) 0xFF;
        out[pos + 1] = (byte) (0xF0 | (mpegVersion2 ? 0x08 : 0) | (protectionAbsent ? 1 : 0));
        out[pos + 2] = (byte) (((audioObjectType - 1) << 6) | (samplingFrequencyIndex << 2) | (channelConfiguration >> 2));
        out[pos + 3] = (byte) (((channelConfiguration & 0x03) << 6) | (frameLength >> 11));
        out[pos + 4] = (byte) (frameLength >> 3);
        out[pos + 5] = (byte) (((frameLength & 0x07) << 5) | (bufferFullness >> 6));
        out[pos + 6] = (byte) (((bufferFullness & 0x3F) << 2) | (rawDataBlocks - 1));
        return pos + HEADER_LENGTH;
    }
}
