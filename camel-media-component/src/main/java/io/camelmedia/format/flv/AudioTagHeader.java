package io.camelmedia.format.flv;

import static io.camelmedia.format.flv.FlvBytes.require;
import static io.camelmedia.format.flv.FlvBytes.u8;

import io.camelmedia.frame.Codec;

/**
 * The legacy AudioTagHeader (Adobe FLV v10.1, annex E.4.2.1 "AUDIODATA"), for the codecs we carry.
 *
 * <pre>
 * AudioTagHeader
 *   SoundFormat    UB[4]  2 MP3, 10 AAC, 14 MP3 8 kHz; (9 = ExHeader, see {@link ExAudioTagHeader});
 *                         0/3 linear PCM, 1 ADPCM, 4-6 Nellymoser, 7/8 G.711, 11 Speex, 15 device-specific
 *   SoundRate      UB[2]  0 5.5 kHz, 1 11 kHz, 2 22 kHz, 3 44 kHz (for AAC always 3: the AudioSpecificConfig tells)
 *   SoundSize      UB[1]  0 8-bit, 1 16-bit samples
 *   SoundType      UB[1]  0 mono, 1 stereo (for AAC always 1)
 *   AACPacketType  UI8    IF SoundFormat == 10: 0 AAC sequence header, 1 AAC raw
 * AudioTagBody
 *   AAC: AudioSpecificConfig (sequence header) or one raw AAC frame; MP3: MP3 frames with their headers
 * </pre>
 *
 * <p>SoundRate and SoundType are not used: they cannot express 48 kHz (ffmpeg writes 48 kHz MP3 as "44 kHz"),
 * so the rate and channels come from the AudioSpecificConfig or the MP3 frame header.
 */
final class AudioTagHeader {
    static final String STRUCTURE = "AudioTagHeader";

    static final int SOUND_FORMAT_MP3 = 2;
    static final int SOUND_FORMAT_EX_HEADER = 9;
    static final int SOUND_FORMAT_AAC = 10;
    static final int SOUND_FORMAT_MP3_8KHZ = 14;

    static final int AAC_PACKET_TYPE_SEQUENCE_HEADER = 0;
    static final int AAC_PACKET_TYPE_RAW = 1;

    /** SoundFormat/rate/size/type byte + AACPacketType. */
    static final int AAC_HEADER_SIZE = 2;
    static final int MP3_HEADER_SIZE = 1;

    private static final int SOUND_FORMAT_SHIFT = 4;

    private AudioTagHeader() {
    }

    static int soundFormat(int firstByte) {
        return firstByte >> SOUND_FORMAT_SHIFT;
    }

    /** Decodes the body {@code b[start, end)} (non-empty) whose SoundFormat is not 9. */
    static FlvMediaPacket decode(byte[] b, int start, int end) {
        require(b, start, end, start, 1, STRUCTURE, "SoundFormat/SoundRate/SoundSize/SoundType");
        int soundFormat = soundFormat(u8(b, start));
        switch (soundFormat) {
            case SOUND_FORMAT_AAC:
                return decodeAac(b, start, end);
            case SOUND_FORMAT_MP3:
            case SOUND_FORMAT_MP3_8KHZ:
                return new FlvMediaPacket(FlvMediaPacket.Kind.CODED_FRAME, Codec.MP3, true, 0,
                        start + MP3_HEADER_SIZE, end - start - MP3_HEADER_SIZE, null);
            default:
                throw new FlvException(STRUCTURE + ": SoundFormat " + soundFormat + " (" + legacyName(soundFormat)
                        + ") is not supported at offset 0; only 2 (MP3), 10 (AAC), 14 (MP3 8 kHz) and Enhanced RTMP"
                        + " FourCCs are (body " + FlvBytes.hex(b, start, end) + ")");
        }
    }

    private static FlvMediaPacket decodeAac(byte[] b, int start, int end) {
        require(b, start, end, start, AAC_HEADER_SIZE, STRUCTURE, "AACPacketType");
        int packetType = u8(b, start + 1);
        int dataOffset = start + AAC_HEADER_SIZE;
        FlvMediaPacket.Kind kind = switch (packetType) {
            case AAC_PACKET_TYPE_SEQUENCE_HEADER -> FlvMediaPacket.Kind.SEQUENCE_START;
            case AAC_PACKET_TYPE_RAW -> FlvMediaPacket.Kind.CODED_FRAME;
            default -> throw new FlvException(STRUCTURE + ": AACPacketType " + packetType
                    + " is not 0 (sequence header) or 1 (raw) at offset 1 (body " + FlvBytes.hex(b, start, end) + ")");
        };
        return new FlvMediaPacket(kind, Codec.AAC, true, 0, dataOffset, end - dataOffset, null);
    }

    private static String legacyName(int soundFormat) {
        return switch (soundFormat) {
            case 0 -> "linear PCM, platform endian";
            case 1 -> "ADPCM";
            case 3 -> "linear PCM, little endian";
            case 4 -> "Nellymoser 16 kHz mono";
            case 5 -> "Nellymoser 8 kHz mono";
            case 6 -> "Nellymoser";
            case 7 -> "G.711 A-law";
            case 8 -> "G.711 mu-law";
            case 11 -> "Speex";
            case 15 -> "device-specific";
            default -> "reserved";
        };
    }
}
