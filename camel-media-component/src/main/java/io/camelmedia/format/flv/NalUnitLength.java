package io.camelmedia.format.flv;

import io.camelmedia.frame.Codec;

/**
 * The size of the NALUnitLength field that precedes each NAL unit of an H.264/H.265 sample (ISO/IEC 14496-15,
 * 5.3.3.1 / 8.3.3.1: {@code lengthSizeMinusOne}, 2 bits of the AVCDecoderConfigurationRecord and
 * HEVCDecoderConfigurationRecord), and the rewrite of a sample to the 4-byte lengths our frames carry.
 *
 * <pre>
 * avcC: configurationVersion(8) AVCProfileIndication(8) profile_compatibility(8) AVCLevelIndication(8)
 *       reserved '111111'b lengthSizeMinusOne(2)                           -> byte 4, bits 1..0
 * hvcC: ... 21 bytes of profile/tier/level/format fields, then
 *       constantFrameRate(2) numTemporalLayers(3) temporalIdNested(1) lengthSizeMinusOne(2)  -> byte 21
 * </pre>
 *
 * Only this one field is read here; the rest of the record is the codec layer's ({@code TrackConfigs}).
 */
final class NalUnitLength {
    /** What our AVCC frames use. */
    static final int TARGET_SIZE = 4;

    private static final int AVCC_LENGTH_SIZE_BYTE = 4;
    private static final int HVCC_LENGTH_SIZE_BYTE = 21;
    private static final int LENGTH_SIZE_MASK = 0x03;
    /** lengthSizeMinusOne 2 (3-byte lengths) is not allowed by ISO/IEC 14496-15: only 1, 2 or 4 bytes. */
    private static final int FORBIDDEN_LENGTH_SIZE = 3;

    private NalUnitLength() {
    }

    /** lengthSizeMinusOne + 1 of an avcC / hvcC record. */
    static int sizeOf(Codec codec, byte[] config) {
        String record = codec == Codec.H264 ? "AVCDecoderConfigurationRecord" : "HEVCDecoderConfigurationRecord";
        int at = codec == Codec.H264 ? AVCC_LENGTH_SIZE_BYTE : HVCC_LENGTH_SIZE_BYTE;
        if (config.length <= at) {
            throw new FlvException(record + ": " + config.length + " bytes, too short for lengthSizeMinusOne at byte "
                    + at + " (" + FlvBytes.hex(config, 0, config.length) + ")");
        }
        int size = (config[at] & LENGTH_SIZE_MASK) + 1;
        if (size == FORBIDDEN_LENGTH_SIZE) {
            throw new FlvException(record + ": lengthSizeMinusOne 2 (3-byte NAL unit lengths) is not allowed"
                    + " (only 0, 1 or 3) at byte " + at);
        }
        return size;
    }

    /**
     * The sample {@code b[from, to)} whose NAL units have {@code lengthSize}-byte lengths, rewritten with 4-byte
     * lengths (a copy of the bytes when they already have).
     */
    static byte[] toFourByteLengths(byte[] b, int from, int to, int lengthSize) {
        if (lengthSize == TARGET_SIZE) {
            return java.util.Arrays.copyOfRange(b, from, to);
        }
        int units = countUnits(b, from, to, lengthSize);
        byte[] out = new byte[to - from + units * (TARGET_SIZE - lengthSize)];
        int o = 0;
        for (int pos = from; pos < to; ) {
            int len = readLength(b, pos, lengthSize);
            pos += lengthSize;
            out[o] = (byte) (len >>> 24);
            out[o + 1] = (byte) (len >>> 16);
            out[o + 2] = (byte) (len >>> 8);
            out[o + 3] = (byte) len;
            System.arraycopy(b, pos, out, o + TARGET_SIZE, len);
            o += TARGET_SIZE + len;
            pos += len;
        }
        return out;
    }

    private static int countUnits(byte[] b, int from, int to, int lengthSize) {
        int units = 0;
        for (int pos = from; pos < to; units++) {
            if (to - pos < lengthSize) {
                throw new FlvException("NAL unit sample: " + (to - pos) + " bytes left at sample offset " + (pos - from)
                        + ", too few for a " + lengthSize + "-byte NALUnitLength");
            }
            int len = readLength(b, pos, lengthSize);
            pos += lengthSize;
            if (len > to - pos) {
                throw new FlvException("NAL unit sample: NALUnitLength " + len + " at sample offset "
                        + (pos - lengthSize - from) + " exceeds the " + (to - pos) + " bytes left");
            }
            pos += len;
        }
        return units;
    }

    private static int readLength(byte[] b, int pos, int lengthSize) {
        int len = 0;
        for (int i = 0; i < lengthSize; i++) {
            len = (len << 8) | (b[pos + i] & 0xFF);
        }
        return len;
    }
}
