package io.camelmedia.format.flv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.stream.Stream;

import io.camelmedia.format.flv.FlvMediaPacket.Kind;
import io.camelmedia.frame.Codec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VideoData} and {@link AudioData} on hand-built tag bodies, one per packet type and header form, each
 * decoded at a non-zero offset inside a larger buffer (the packet's data offset must follow, the buffer must
 * not change). Bytes are commented field by field; the enhanced ones follow what ffmpeg 8's flvenc.c writes.
 */
class TagBodyDecodeTest {
    private static final byte[] PREFIX = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA};
    private static final byte[] SUFFIX = {(byte) 0xBB, (byte) 0xBB};

    /** name, video?, body hex, kind, codec, keyframe, compositionTime, data offset in body, data length. */
    static Stream<Arguments> packets() {
        return Stream.of(
                // FrameType 1 | CodecID 7, AVCPacketType 0, CompositionTime 0, avcC (5 bytes shown)
                video("legacy AVC sequence header", "17 00 000000 0164001fff", Kind.SEQUENCE_START, Codec.H264, true, 0, 5, 5),
                // FrameType 1 | 7, AVCPacketType 1 NALU, CompositionTime +80 ms, one NAL with 4-byte length
                video("legacy AVC key NALU cts +80", "17 01 000050 00000002 6588", Kind.CODED_FRAME, Codec.H264, true, 80, 5, 6),
                // FrameType 2 inter | 7, NALU, CompositionTime -40 (SI24 0xFFFFD8)
                video("legacy AVC inter NALU cts -40", "27 01 ffffd8 00000002 4188", Kind.CODED_FRAME, Codec.H264, false, -40, 5, 6),
                // FrameType 1 | 7, AVCPacketType 2 end of sequence (what ffmpeg's put_eos_tag writes)
                video("legacy AVC end of sequence (ffmpeg EOS tag)", "17 02 000000", Kind.SEQUENCE_END, Codec.H264, true, 0, 5, 0),
                // FrameType 4 generated key frame counts as key
                video("legacy AVC generated key frame", "47 01 000000 00000001 65", Kind.CODED_FRAME, Codec.H264, true, 0, 5, 5),
                // FrameType 1 | CodecID 12 (HEVC, non-standard), AVC layout
                video("legacy CodecID 12 HEVC NALU", "1c 01 000028 00000001 26", Kind.CODED_FRAME, Codec.H265, true, 40, 5, 5),
                // FrameType 5 | 7, command byte 0 (start of seek)
                video("legacy command frame", "57 00", Kind.NONE, null, false, 0, 0, 0),
                // IsExHeader | FrameType 1 | SequenceStart, 'hvc1', hvcC (3 bytes shown)
                video("enhanced hvc1 SequenceStart", "90 68766331 010160", Kind.SEQUENCE_START, Codec.H265, true, 0, 5, 3),
                // IsExHeader | FrameType 1 | CodedFrames, 'hvc1', SI24 -33, data
                video("enhanced hvc1 CodedFrames cts -33", "91 68766331 ffffdf 00000001 26", Kind.CODED_FRAME, Codec.H265, true, -33, 8, 5),
                // IsExHeader | FrameType 2 | CodedFramesX (ffmpeg: pts == dts), 'hvc1', data
                video("enhanced hvc1 CodedFramesX", "a3 68766331 00000001 02", Kind.CODED_FRAME, Codec.H265, false, 0, 5, 5),
                // IsExHeader | FrameType 1 | CodedFrames, 'avc1': avc1 carries SI24 too
                video("enhanced avc1 CodedFrames", "91 61766331 000014 00000001 65", Kind.CODED_FRAME, Codec.H264, true, 20, 8, 5),
                // IsExHeader | FrameType 1 | CodedFrames, 'av01': no composition time
                video("enhanced av01 CodedFrames", "91 61763031 12000a0b", Kind.CODED_FRAME, Codec.AV1, true, 0, 5, 4),
                // IsExHeader | FrameType 2 | CodedFrames, 'vp09'
                video("enhanced vp09 inter CodedFrames", "a1 76703039 8649", Kind.CODED_FRAME, Codec.VP9, false, 0, 5, 2),
                // IsExHeader | FrameType 1 | SequenceStart, 'vp08'
                video("enhanced vp08 SequenceStart", "90 76703038 01000000", Kind.SEQUENCE_START, Codec.VP8, true, 0, 5, 4),
                // IsExHeader | FrameType 1 | SequenceEnd, 'vp09'
                video("enhanced vp09 SequenceEnd", "92 76703039", Kind.SEQUENCE_END, Codec.VP9, true, 0, 5, 0),
                // IsExHeader | FrameType 5 | Metadata, 'hvc1', AMF "colorInfo"... (ffmpeg 8 writes this for hvc1/av01/vp09)
                video("enhanced Metadata colorInfo (ffmpeg 8)", "d4 68766331 020009636f6c6f72496e666f", Kind.NONE, null, false, 0, 0, 0),
                // IsExHeader | FrameType 5 | CodedFrames, videoCommand 1 (end of seek): no body
                video("enhanced command frame", "d1 01", Kind.NONE, null, false, 0, 0, 0),
                // IsExHeader | FrameType 5 | MPEG2TSSequenceStart 'av01'
                video("enhanced av01 MPEG2TSSequenceStart skipped", "95 61763031 80", Kind.NONE, null, false, 0, 0, 0),
                // IsExHeader | FrameType 1 | ModEx; modExDataSize-1 = 2, modExData 3 bytes (TimestampOffsetNano),
                // then packetModExType 0 | packetType CodedFrames, 'hvc1', SI24 0, data
                video("enhanced ModEx TimestampOffsetNano then CodedFrames", "97 02 0f4240 01 68766331 000000 00000001 26",
                        Kind.CODED_FRAME, Codec.H265, true, 0, 13, 5),
                // IsExHeader | FrameType 1 | Multitrack; OneTrack | CodedFrames, 'av01', trackId 0, data
                video("enhanced Multitrack OneTrack trackId 0", "96 01 61763031 00 12000a", Kind.CODED_FRAME, Codec.AV1, true, 0, 7, 3),
                // same with trackId 1: another track, skipped
                video("enhanced Multitrack OneTrack trackId 1 skipped", "96 01 61763031 01 12000a", Kind.NONE, null, false, 0, 0, 0),
                // ManyTracks | CodedFrames, 'av01'; trackId 1 size 2 aabb; trackId 0 size 3 ccddee
                video("enhanced Multitrack ManyTracks picks trackId 0", "96 11 61763031 01 000002 aabb 00 000003 ccddee",
                        Kind.CODED_FRAME, Codec.AV1, true, 0, 16, 3),
                // ManyTracksManyCodecs | CodedFrames; 'vp09' trackId 0 size 2 aabb
                video("enhanced Multitrack ManyTracksManyCodecs", "96 21 76703039 00 000002 aabb",
                        Kind.CODED_FRAME, Codec.VP9, true, 0, 10, 2),

                // SoundFormat 10 | 44 kHz | 16-bit | stereo, AACPacketType 0, AudioSpecificConfig LC 44.1 kHz stereo
                audio("legacy AAC sequence header", "af 00 1210", Kind.SEQUENCE_START, Codec.AAC, 2, 2),
                audio("legacy AAC raw", "af 01 21100503", Kind.CODED_FRAME, Codec.AAC, 2, 4),
                // SoundFormat 2 | 44 kHz | 16-bit | mono (ffmpeg libmp3lame), MP3 frame header fffb50c4
                audio("legacy MP3", "2e fffb50c4 00", Kind.CODED_FRAME, Codec.MP3, 1, 5),
                // SoundFormat 14 MP3 8 kHz
                audio("legacy MP3 8 kHz", "e2 fff3 14c4", Kind.CODED_FRAME, Codec.MP3, 1, 4),
                // ExHeader | SequenceStart, 'Opus', OpusHead (ffmpeg 8: the 19-byte extradata; first 10 shown)
                audio("enhanced Opus SequenceStart OpusHead", "90 4f707573 4f707573486561640101", Kind.SEQUENCE_START, Codec.OPUS, 5, 10),
                audio("enhanced Opus SequenceStart OpusTags skipped", "90 4f707573 4f70757354616773", Kind.NONE, null, 0, 0),
                audio("enhanced Opus CodedFrames", "91 4f707573 f8b4af", Kind.CODED_FRAME, Codec.OPUS, 5, 3),
                // ExHeader | MultichannelConfig, 'Opus', order Native, 1 channel, mask FrontCenter (ffmpeg 8)
                audio("enhanced MultichannelConfig (ffmpeg 8)", "94 4f707573 01 01 00000004", Kind.NONE, null, 0, 0),
                audio("enhanced mp4a SequenceStart", "90 6d703461 1210", Kind.SEQUENCE_START, Codec.AAC, 5, 2),
                audio("enhanced .mp3 CodedFrames", "91 2e6d7033 fffb50c4", Kind.CODED_FRAME, Codec.MP3, 5, 4),
                audio("enhanced Opus SequenceEnd", "92 4f707573", Kind.SEQUENCE_END, Codec.OPUS, 5, 0),
                // ExHeader | Multitrack; OneTrack | CodedFrames, 'Opus', trackId 0
                audio("enhanced audio Multitrack OneTrack trackId 0", "95 01 4f707573 00 f8ff", Kind.CODED_FRAME, Codec.OPUS, 7, 2),
                // ExHeader | ModEx size 1 (2 bytes), then 0 | CodedFrames, 'Opus'
                audio("enhanced audio ModEx then CodedFrames", "97 01 0001 01 4f707573 f8", Kind.CODED_FRAME, Codec.OPUS, 9, 1));
    }

    /** name, video?, body hex, message fragment. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("video empty body", true, "", "VIDEODATA: the first header byte needs 1 bytes at offset 0"),
                Arguments.of("legacy AVC too short for SI24", true, "17 01 00",
                        "VideoTagHeader: AVCPacketType and SI24 CompositionTime needs 5 bytes at offset 0 but the body has only 3"),
                Arguments.of("legacy Sorenson H.263", true, "22 0000", "CodecID 2 (Sorenson H.263) is not supported"),
                Arguments.of("legacy AVCPacketType 3", true, "17 03 000000", "AVCPacketType 3 is not 0"),
                Arguments.of("legacy FrameType 0", true, "07 01 000000", "FrameType 0 is reserved"),
                Arguments.of("enhanced FrameType 7", true, "f1 68766331 000000", "FrameType 7 is reserved"),
                Arguments.of("enhanced unknown FourCC", true, "91 61626364 00", "VideoFourCc 'abcd' is not supported"),
                Arguments.of("enhanced FourCC cut", true, "91 6876", "VideoFourCc needs 4 bytes at offset 1 but the body has only 2"),
                Arguments.of("enhanced hvc1 CodedFrames without SI24", true, "91 68766331 00",
                        "SI24 compositionTimeOffset of CodedFrames needs 3 bytes at offset 5"),
                Arguments.of("enhanced reserved VideoPacketType 8", true, "98 68766331", "VideoPacketType 8 is reserved"),
                Arguments.of("enhanced Multitrack in Multitrack", true, "96 06 68766331", "Multitrack inside Multitrack"),
                Arguments.of("enhanced reserved AvMultitrackType 3", true, "96 31 68766331 00", "AvMultitrackType 3 is reserved"),
                Arguments.of("enhanced ManyTracks size past the end", true, "96 11 61763031 00 000009 aabb",
                        "multitrack track 0 of 9 bytes needs 9 bytes"),
                Arguments.of("enhanced ModEx data cut", true, "97 05 00", "ModEx modExData and packetModExType/packetType"),
                Arguments.of("audio empty body", false, "", "AUDIODATA: the first header byte needs 1 bytes"),
                Arguments.of("legacy AAC without AACPacketType", false, "af", "AACPacketType needs 2 bytes"),
                Arguments.of("legacy AACPacketType 2", false, "af 02 00", "AACPacketType 2 is not 0"),
                Arguments.of("legacy Speex", false, "b2 00", "SoundFormat 11 (Speex) is not supported"),
                Arguments.of("legacy G.711 A-law", false, "72 00", "SoundFormat 7 (G.711 A-law) is not supported"),
                Arguments.of("enhanced fLaC", false, "90 664c6143 00", "AudioFourCc 'fLaC' is not supported"),
                Arguments.of("enhanced reserved AudioPacketType 3", false, "93 4f707573", "AudioPacketType 3 is reserved"),
                Arguments.of("enhanced audio FourCC cut", false, "91 4f70", "AudioFourCc needs 4 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void decodes(String name, boolean video, String hex, Kind kind, Codec codec, boolean key, int cts, int dataOffset,
                 int dataLength) {
        byte[] body = HexFormat.of().parseHex(hex.replace(" ", ""));
        byte[] buffer = embed(body);
        byte[] before = buffer.clone();
        FlvMediaPacket p = video ? VideoData.decode(buffer, PREFIX.length, body.length)
                : AudioData.decode(buffer, PREFIX.length, body.length);
        assertArrayEquals(before, buffer, "input unchanged");
        assertEquals(kind, p.kind(), p.toString());
        assertEquals(codec, p.codec(), p.toString());
        if (kind != Kind.NONE) {
            assertEquals(key, p.keyframe(), "keyframe");
            assertEquals(cts, p.compositionTime(), "composition time");
            assertEquals(PREFIX.length + dataOffset, p.dataOffset(), "data offset");
            assertEquals(dataLength, p.dataLength(), "data length");
        } else {
            assertTrue(p.note() != null && !p.note().isEmpty(), "a NONE packet says why");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refuses(String name, boolean video, String hex, String message) {
        byte[] body = HexFormat.of().parseHex(hex.replace(" ", ""));
        byte[] buffer = embed(body);
        FlvException e = assertThrows(FlvException.class, () -> {
            if (video) {
                VideoData.decode(buffer, PREFIX.length, body.length);
            } else {
                AudioData.decode(buffer, PREFIX.length, body.length);
            }
        });
        assertTrue(e.getMessage().contains(message), "message: " + e.getMessage());
    }

    private static Arguments video(String name, String hex, Kind kind, Codec codec, boolean key, int cts, int off, int len) {
        return Arguments.of(name, true, hex, kind, codec, key, cts, off, len);
    }

    private static Arguments audio(String name, String hex, Kind kind, Codec codec, int off, int len) {
        return Arguments.of(name, false, hex, kind, codec, true, 0, off, len);
    }

    private static byte[] embed(byte[] body) {
        byte[] buffer = new byte[PREFIX.length + body.length + SUFFIX.length];
        System.arraycopy(PREFIX, 0, buffer, 0, PREFIX.length);
        System.arraycopy(body, 0, buffer, PREFIX.length, body.length);
        System.arraycopy(SUFFIX, 0, buffer, PREFIX.length + body.length, SUFFIX.length);
        return buffer;
    }
}
