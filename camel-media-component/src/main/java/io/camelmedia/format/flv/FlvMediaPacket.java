package io.camelmedia.format.flv;

import io.camelmedia.frame.Codec;

/**
 * What one audio or video tag body carries once its (legacy or enhanced) header is read: a codec
 * configuration record, a coded frame, an end of sequence, or nothing for the media pipeline (a command
 * frame, a metadata packet, a track we do not carry). The data is the range
 * {@code [dataOffset, dataOffset + dataLength)} of the body array the packet was decoded from.
 *
 * @param kind            what the body carries
 * @param codec           the codec, or {@code null} for {@link Kind#NONE}
 * @param keyframe        FrameType says key frame (always true for audio)
 * @param compositionTime CompositionTime (SI24 milliseconds; 0 when the packet type has none)
 * @param dataOffset      where the configuration record or frame data starts in the body array
 * @param dataLength      its length
 * @param note            for {@link Kind#NONE}: why nothing is carried, in a few words
 */
public record FlvMediaPacket(Kind kind, Codec codec, boolean keyframe, int compositionTime, int dataOffset,
                             int dataLength, String note) {

    /** The four things a media tag can carry. */
    public enum Kind {
        /** AVCPacketType/AACPacketType 0, (Audio)PacketType SequenceStart: a codec configuration record. */
        SEQUENCE_START,
        /** AVCPacketType/AACPacketType 1, CodedFrames, CodedFramesX: one frame (access unit). */
        CODED_FRAME,
        /** AVCPacketType 2, SequenceEnd: end of sequence; the stream itself goes on. */
        SEQUENCE_END,
        /** Nothing for the media pipeline: command frame, metadata, multichannel config, another track. */
        NONE
    }

    static FlvMediaPacket none(String note) {
        return new FlvMediaPacket(Kind.NONE, null, false, 0, 0, 0, note);
    }
}
