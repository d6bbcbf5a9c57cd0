package io.camelmedia.format.flv;

import static io.camelmedia.format.flv.FlvBytes.require;
import static io.camelmedia.format.flv.FlvBytes.u8;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.camelmedia.frame.Codec;

/**
 * The ExAudioTagHeader and ExAudioTagBody (Enhanced RTMP v2, "Enhanced Audio"): an audio tag whose
 * SoundFormat is 9 (ExHeader).
 *
 * <pre>
 * soundFormat     = UB[4]                      // 9
 * audioPacketType = UB[4] as AudioPacketType   // 0 SequenceStart, 1 CodedFrames, 2 SequenceEnd,
 *                                              // 4 MultichannelConfig, 5 Multitrack, 7 ModEx
 * (ModEx modifiers, see {@link ModEx})
 * if (audioPacketType == Multitrack) {
 *   audioMultitrackType = UB[4]; audioPacketType = UB[4]     // must not be Multitrack again
 *   if (audioMultitrackType != ManyTracksManyCodecs) audioFourCc = FOURCC
 * } else {
 *   audioFourCc = FOURCC                       // 'Opus' 'mp4a' '.mp3' ('fLaC' 'ac-3' 'ec-3' refused)
 * }
 * ExAudioTagBody (per track, see {@link AvMultitrack}):
 *   SequenceStart: mp4a AudioSpecificConfig; Opus the identification header (OpusHead, RFC 7845 5.1)
 *                  or the comment header (OpusTags, 5.2: skipped); fLaC STREAMINFO
 *   CodedFrames:   one frame (AAC raw, Opus packet, MP3 frames)
 *   MultichannelConfig: channel order and count (skipped: the codec's own header tells the channels)
 *   SequenceEnd:   nothing
 * </pre>
 */
final class ExAudioTagHeader {
    static final String STRUCTURE = "ExAudioTagHeader";

    static final int PACKET_TYPE_SEQUENCE_START = 0;
    static final int PACKET_TYPE_CODED_FRAMES = 1;
    static final int PACKET_TYPE_SEQUENCE_END = 2;
    static final int PACKET_TYPE_MULTICHANNEL_CONFIG = 4;
    static final int PACKET_TYPE_MULTITRACK = 5;

    private static final int PACKET_TYPE_MASK = 0x0F;
    private static final int FOURCC_SIZE = 4;
    /** RFC 7845 5.2: the comment header starts with this magic signature. */
    private static final byte[] OPUS_TAGS_MAGIC = "OpusTags".getBytes(StandardCharsets.US_ASCII);

    private ExAudioTagHeader() {
    }

    /** Decodes the body {@code b[start, end)} whose SoundFormat is 9. */
    static FlvMediaPacket decode(byte[] b, int start, int end) {
        require(b, start, end, start, 1, STRUCTURE, "SoundFormat/AudioPacketType");
        int packetType = u8(b, start) & PACKET_TYPE_MASK;
        int pos = start + 1;
        while (packetType == ModEx.PACKET_TYPE_MOD_EX) {
            ModEx modEx = ModEx.read(b, start, end, pos, STRUCTURE);
            packetType = modEx.packetType();
            pos = modEx.next();
        }
        if (packetType == PACKET_TYPE_MULTITRACK) {
            return decodeMultitrack(b, start, end, pos);
        }
        require(b, start, end, pos, FOURCC_SIZE, STRUCTURE, "AudioFourCc");
        int fourCc = FlvBytes.fourCc(b, pos);
        return decodeBody(b, start, end, pos + FOURCC_SIZE, packetType, fourCc);
    }

    private static FlvMediaPacket decodeMultitrack(byte[] b, int start, int end, int pos) {
        require(b, start, end, pos, 1, STRUCTURE, "audioMultitrackType/audioPacketType");
        int types = u8(b, pos);
        int multitrackType = types >> 4;
        int packetType = types & PACKET_TYPE_MASK;
        pos += 1;
        AvMultitrack.requireType(multitrackType, STRUCTURE, b, start, end);
        if (packetType == PACKET_TYPE_MULTITRACK) {
            throw new FlvException(STRUCTURE + ": Multitrack inside Multitrack (audioPacketType 5 twice) at offset "
                    + (pos - 1 - start) + " (body " + FlvBytes.hex(b, start, end) + ")");
        }
        int sharedFourCc = 0;
        if (multitrackType != AvMultitrack.MANY_TRACKS_MANY_CODECS) {
            require(b, start, end, pos, FOURCC_SIZE, STRUCTURE, "AudioFourCc");
            sharedFourCc = FlvBytes.fourCc(b, pos);
            pos += FOURCC_SIZE;
        }
        AvMultitrack.DefaultTrack track = AvMultitrack.findDefault(b, start, end, pos, multitrackType, sharedFourCc,
                STRUCTURE);
        if (!track.found()) {
            return FlvMediaPacket.none("audio multitrack message without trackId 0 (" + track.skipped()
                    + " other track(s) skipped: only the default track is carried)");
        }
        return decodeBody(b, start, track.to(), track.from(), packetType, track.fourCc());
    }

    private static FlvMediaPacket decodeBody(byte[] b, int start, int end, int pos, int packetType, int fourCc) {
        Codec codec = AudioFourCc.codec(fourCc);
        if (codec == null) {
            throw new FlvException(STRUCTURE + ": AudioFourCc " + FlvBytes.fourCcText(fourCc)
                    + " is not supported; 'Opus', 'mp4a' and '.mp3' are (body " + FlvBytes.hex(b, start, end) + ")");
        }
        switch (packetType) {
            case PACKET_TYPE_SEQUENCE_START:
                if (codec == Codec.OPUS && startsWith(b, pos, end, OPUS_TAGS_MAGIC)) {
                    return FlvMediaPacket.none("Opus comment header (OpusTags)");
                }
                return new FlvMediaPacket(FlvMediaPacket.Kind.SEQUENCE_START, codec, true, 0, pos, end - pos, null);
            case PACKET_TYPE_CODED_FRAMES:
                return new FlvMediaPacket(FlvMediaPacket.Kind.CODED_FRAME, codec, true, 0, pos, end - pos, null);
            case PACKET_TYPE_SEQUENCE_END:
                return new FlvMediaPacket(FlvMediaPacket.Kind.SEQUENCE_END, codec, true, 0, pos, 0, null);
            case PACKET_TYPE_MULTICHANNEL_CONFIG:
                return FlvMediaPacket.none("audio MultichannelConfig");
            default:
                throw new FlvException(STRUCTURE + ": AudioPacketType " + packetType + " is reserved at offset 0"
                        + " (body " + FlvBytes.hex(b, start, end) + ")");
        }
    }

    private static boolean startsWith(byte[] b, int pos, int end, byte[] magic) {
        return end - pos >= magic.length && Arrays.equals(b, pos, pos + magic.length, magic, 0, magic.length);
    }
}
