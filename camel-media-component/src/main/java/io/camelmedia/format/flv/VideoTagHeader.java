package io.camelmedia.format.flv;

import static io.camelmedia.format.flv.FlvBytes.require;
import static io.camelmedia.format.flv.FlvBytes.si24;
import static io.camelmedia.format.flv.FlvBytes.u8;

import io.camelmedia.frame.Codec;

/**
 * The legacy VideoTagHeader (Adobe FLV v10.1, annex E.4.3.1 "VIDEODATA"), for the codecs we carry.
 *
 * <pre>
 * VideoTagHeader
 *   FrameType        UB[4]  1 key frame, 2 inter frame, 3 disposable inter frame (H.263 only),
 *                           4 generated key frame (server use only), 5 video info/command frame
 *   CodecID          UB[4]  7 AVC; (12 HEVC: not in the spec, see below)
 *   AVCPacketType    UI8    IF CodecID == 7: 0 AVC sequence header, 1 AVC NALU, 2 AVC end of sequence
 *   CompositionTime  SI24   IF CodecID == 7: IF AVCPacketType == 1 composition time offset, ELSE 0
 * VideoTagBody
 *   IF FrameType == 5: UI8 command (0 start of client-side seeking, 1 end) instead of a payload
 *   ELSE AVCPacketType 0: AVCDecoderConfigurationRecord; 1: one or more NALUs (a full frame)
 * </pre>
 *
 * <p>Tolerated deviation: CodecID 12 carries HEVC with the AVC layout (AVCPacketType, CompositionTime,
 * HEVCDecoderConfigurationRecord), as sent by pre-Enhanced-RTMP HEVC encoders and servers (e.g. the
 * "flv HEVC" patches of SRS and nginx-rtmp forks). The spec reserves 12; Enhanced RTMP's 'hvc1' replaced it.
 */
final class VideoTagHeader {
    static final String STRUCTURE = "VideoTagHeader";

    static final int FRAME_TYPE_KEY = 1;
    static final int FRAME_TYPE_INTER = 2;
    static final int FRAME_TYPE_DISPOSABLE_INTER = 3;
    static final int FRAME_TYPE_GENERATED_KEY = 4;
    static final int FRAME_TYPE_COMMAND = 5;

    static final int CODEC_ID_AVC = 7;
    /** Not in the FLV spec: HEVC as some servers send it (see the class comment). */
    static final int CODEC_ID_HEVC = 12;

    static final int AVC_PACKET_TYPE_SEQUENCE_HEADER = 0;
    static final int AVC_PACKET_TYPE_NALU = 1;
    static final int AVC_PACKET_TYPE_END_OF_SEQUENCE = 2;

    /** FrameType/CodecID byte + AVCPacketType + CompositionTime. */
    static final int AVC_HEADER_SIZE = 5;

    private static final int FRAME_TYPE_SHIFT = 4;
    private static final int CODEC_ID_MASK = 0x0F;
    private static final int FRAME_TYPE_MASK = 0x07;

    private VideoTagHeader() {
    }

    static int frameType(int firstByte) {
        return (firstByte >> FRAME_TYPE_SHIFT) & FRAME_TYPE_MASK;
    }

    static boolean isKeyFrameType(int frameType) {
        return frameType == FRAME_TYPE_KEY || frameType == FRAME_TYPE_GENERATED_KEY;
    }

    /** Decodes the body {@code b[start, end)} whose first byte has IsExHeader (bit 7) clear. */
    static FlvMediaPacket decode(byte[] b, int start, int end) {
        require(b, start, end, start, 1, STRUCTURE, "FrameType/CodecID");
        int first = u8(b, start);
        int frameType = frameType(first);
        int codecId = first & CODEC_ID_MASK;
        requireFrameType(frameType, STRUCTURE, b, start, end);
        if (frameType == FRAME_TYPE_COMMAND) {
            return FlvMediaPacket.none("video command frame (FrameType 5)");
        }
        Codec codec = codec(codecId, b, start, end);
        require(b, start, end, start, AVC_HEADER_SIZE, STRUCTURE, "AVCPacketType and SI24 CompositionTime");
        int packetType = u8(b, start + 1);
        int compositionTime = si24(b, start + 2);
        int dataOffset = start + AVC_HEADER_SIZE;
        int dataLength = end - dataOffset;
        boolean key = isKeyFrameType(frameType);
        return switch (packetType) {
            case AVC_PACKET_TYPE_SEQUENCE_HEADER ->
                    new FlvMediaPacket(FlvMediaPacket.Kind.SEQUENCE_START, codec, key, 0, dataOffset, dataLength, null);
            case AVC_PACKET_TYPE_NALU -> new FlvMediaPacket(FlvMediaPacket.Kind.CODED_FRAME, codec, key,
                    compositionTime, dataOffset, dataLength, null);
            case AVC_PACKET_TYPE_END_OF_SEQUENCE ->
                    new FlvMediaPacket(FlvMediaPacket.Kind.SEQUENCE_END, codec, key, 0, dataOffset, 0, null);
            default -> throw new FlvException(STRUCTURE + ": AVCPacketType " + packetType
                    + " is not 0 (sequence header), 1 (NALU) or 2 (end of sequence) at offset 1 (body "
                    + FlvBytes.hex(b, start, end) + ")");
        };
    }

    /** FrameType 0, 6 and 7 are reserved: a header using them is not one we can read. */
    static void requireFrameType(int frameType, String structure, byte[] b, int start, int end) {
        if (frameType < FRAME_TYPE_KEY || frameType > FRAME_TYPE_COMMAND) {
            throw new FlvException(structure + ": FrameType " + frameType + " is reserved (1..5 are defined) at offset 0"
                    + " (body " + FlvBytes.hex(b, start, end) + ")");
        }
    }

    private static Codec codec(int codecId, byte[] b, int start, int end) {
        if (codecId == CODEC_ID_AVC) {
            return Codec.H264;
        }
        if (codecId == CODEC_ID_HEVC) {
            return Codec.H265;
        }
        throw new FlvException(STRUCTURE + ": CodecID " + codecId + " (" + legacyName(codecId)
                + ") is not supported at offset 0; only 7 (AVC), 12 (HEVC) and Enhanced RTMP FourCCs are (body "
                + FlvBytes.hex(b, start, end) + ")");
    }

    private static String legacyName(int codecId) {
        return switch (codecId) {
            case 2 -> "Sorenson H.263";
            case 3 -> "Screen video";
            case 4 -> "On2 VP6";
            case 5 -> "On2 VP6 with alpha";
            case 6 -> "Screen video v2";
            default -> "reserved";
        };
    }
}
