package io.camelmedia.format.flv;

import static io.camelmedia.format.flv.FlvBytes.require;
import static io.camelmedia.format.flv.FlvBytes.si24;
import static io.camelmedia.format.flv.FlvBytes.u8;

import io.camelmedia.frame.Codec;

/**
 * The ExVideoTagHeader and ExVideoTagBody (Enhanced RTMP v2, "Enhanced Video"): a video tag whose first
 * bit, IsExHeader, is 1.
 *
 * <pre>
 * isExVideoHeader = UB[1]                     // 1
 * videoFrameType  = UB[3] as VideoFrameType   // 1 key, 2 inter, 3 disposable, 4 generated key, 5 command
 * videoPacketType = UB[4] as VideoPacketType  // 0 SequenceStart, 1 CodedFrames, 2 SequenceEnd,
 *                                             // 3 CodedFramesX, 4 Metadata, 5 MPEG2TSSequenceStart,
 *                                             // 6 Multitrack, 7 ModEx
 * (ModEx modifiers, see {@link ModEx})
 * if (videoPacketType != Metadata &amp;&amp; videoFrameType == Command) {
 *   videoCommand = UI8                        // no body
 * } else if (videoPacketType == Multitrack) {
 *   videoMultitrackType = UB[4]; videoPacketType = UB[4]     // must not be Multitrack again
 *   if (videoMultitrackType != ManyTracksManyCodecs) videoFourCc = FOURCC
 * } else {
 *   videoFourCc = FOURCC                      // 'avc1' 'hvc1' 'av01' 'vp09' 'vp08'
 * }
 * ExVideoTagBody (per track, see {@link AvMultitrack}):
 *   SequenceStart: avcC / hvcC / av1C / vpcC configuration record
 *   CodedFrames:   avc1, hvc1: compositionTimeOffset = SI24, then the frame; others: the frame
 *   CodedFramesX:  the frame (composition time offset implicitly 0)
 *   SequenceEnd:   nothing;  Metadata: AMF (skipped here);  MPEG2TSSequenceStart: AV1 descriptor (skipped)
 * </pre>
 */
final class ExVideoTagHeader {
    static final String STRUCTURE = "ExVideoTagHeader";

    static final int IS_EX_HEADER_BIT = 0x80;

    static final int PACKET_TYPE_SEQUENCE_START = 0;
    static final int PACKET_TYPE_CODED_FRAMES = 1;
    static final int PACKET_TYPE_SEQUENCE_END = 2;
    static final int PACKET_TYPE_CODED_FRAMES_X = 3;
    static final int PACKET_TYPE_METADATA = 4;
    static final int PACKET_TYPE_MPEG2TS_SEQUENCE_START = 5;
    static final int PACKET_TYPE_MULTITRACK = 6;

    private static final int PACKET_TYPE_MASK = 0x0F;
    private static final int FOURCC_SIZE = 4;
    private static final int COMPOSITION_TIME_SIZE = 3;

    private ExVideoTagHeader() {
    }

    static boolean isExHeader(int firstByte) {
        return (firstByte & IS_EX_HEADER_BIT) != 0;
    }

    /** Decodes the body {@code b[start, end)} whose first byte has IsExHeader set. */
    static FlvMediaPacket decode(byte[] b, int start, int end) {
        require(b, start, end, start, 1, STRUCTURE, "IsExHeader/FrameType/PacketType");
        int first = u8(b, start);
        int frameType = VideoTagHeader.frameType(first);
        int packetType = first & PACKET_TYPE_MASK;
        int pos = start + 1;
        while (packetType == ModEx.PACKET_TYPE_MOD_EX) {
            ModEx modEx = ModEx.read(b, start, end, pos, STRUCTURE);
            packetType = modEx.packetType();
            pos = modEx.next();
        }
        if (packetType == PACKET_TYPE_METADATA) {
            return FlvMediaPacket.none("video Metadata packet (AMF, e.g. colorInfo)");
        }
        VideoTagHeader.requireFrameType(frameType, STRUCTURE, b, start, end);
        if (frameType == VideoTagHeader.FRAME_TYPE_COMMAND) {
            return FlvMediaPacket.none("video command frame (FrameType 5)");
        }
        if (packetType == PACKET_TYPE_MULTITRACK) {
            return decodeMultitrack(b, start, end, pos, frameType);
        }
        require(b, start, end, pos, FOURCC_SIZE, STRUCTURE, "VideoFourCc");
        int fourCc = FlvBytes.fourCc(b, pos);
        return decodeBody(b, start, end, pos + FOURCC_SIZE, frameType, packetType, fourCc);
    }

    private static FlvMediaPacket decodeMultitrack(byte[] b, int start, int end, int pos, int frameType) {
        require(b, start, end, pos, 1, STRUCTURE, "videoMultitrackType/videoPacketType");
        int types = u8(b, pos);
        int multitrackType = types >> 4;
        int packetType = types & PACKET_TYPE_MASK;
        pos += 1;
        AvMultitrack.requireType(multitrackType, STRUCTURE, b, start, end);
        if (packetType == PACKET_TYPE_MULTITRACK) {
            throw new FlvException(STRUCTURE + ": Multitrack inside Multitrack (videoPacketType 6 twice) at offset "
                    + (pos - 1 - start) + " (body " + FlvBytes.hex(b, start, end) + ")");
        }
        if (packetType == PACKET_TYPE_METADATA) {
            return FlvMediaPacket.none("video Metadata packet (AMF) in a multitrack message");
        }
        int sharedFourCc = 0;
        if (multitrackType != AvMultitrack.MANY_TRACKS_MANY_CODECS) {
            require(b, start, end, pos, FOURCC_SIZE, STRUCTURE, "VideoFourCc");
            sharedFourCc = FlvBytes.fourCc(b, pos);
            pos += FOURCC_SIZE;
        }
        AvMultitrack.DefaultTrack track = AvMultitrack.findDefault(b, start, end, pos, multitrackType, sharedFourCc,
                STRUCTURE);
        if (!track.found()) {
            return FlvMediaPacket.none("video multitrack message without trackId 0 (" + track.skipped()
                    + " other track(s) skipped: only the default track is carried)");
        }
        return decodeBody(b, start, track.to(), track.from(), frameType, packetType, track.fourCc());
    }

    private static FlvMediaPacket decodeBody(byte[] b, int start, int end, int pos, int frameType, int packetType,
                                             int fourCc) {
        Codec codec = VideoFourCc.codec(fourCc);
        if (codec == null) {
            throw new FlvException(STRUCTURE + ": VideoFourCc " + FlvBytes.fourCcText(fourCc)
                    + " is not supported; 'avc1', 'hvc1', 'av01', 'vp09' and 'vp08' are (body "
                    + FlvBytes.hex(b, start, end) + ")");
        }
        boolean key = VideoTagHeader.isKeyFrameType(frameType);
        switch (packetType) {
            case PACKET_TYPE_SEQUENCE_START:
                return new FlvMediaPacket(FlvMediaPacket.Kind.SEQUENCE_START, codec, key, 0, pos, end - pos, null);
            case PACKET_TYPE_CODED_FRAMES:
                if (VideoFourCc.hasCompositionTime(fourCc)) {
                    require(b, start, end, pos, COMPOSITION_TIME_SIZE, STRUCTURE,
                            "SI24 compositionTimeOffset of CodedFrames");
                    int cts = si24(b, pos);
                    pos += COMPOSITION_TIME_SIZE;
                    return new FlvMediaPacket(FlvMediaPacket.Kind.CODED_FRAME, codec, key, cts, pos, end - pos, null);
                }
                return new FlvMediaPacket(FlvMediaPacket.Kind.CODED_FRAME, codec, key, 0, pos, end - pos, null);
            case PACKET_TYPE_CODED_FRAMES_X:
                return new FlvMediaPacket(FlvMediaPacket.Kind.CODED_FRAME, codec, key, 0, pos, end - pos, null);
            case PACKET_TYPE_SEQUENCE_END:
                return new FlvMediaPacket(FlvMediaPacket.Kind.SEQUENCE_END, codec, key, 0, pos, 0, null);
            case PACKET_TYPE_MPEG2TS_SEQUENCE_START:
                return FlvMediaPacket.none("video MPEG2TSSequenceStart (AV1 descriptor) not carried; "
                        + "the track starts from the coded frames");
            default:
                throw new FlvException(STRUCTURE + ": VideoPacketType " + packetType + " is reserved at offset 0"
                        + " (body " + FlvBytes.hex(b, start, end) + ")");
        }
    }
}
