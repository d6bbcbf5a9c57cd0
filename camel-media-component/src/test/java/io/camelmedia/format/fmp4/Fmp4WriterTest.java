package io.camelmedia.format.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Box layouts against hand-computed bytes, and the inputs the writer refuses. */
class Fmp4WriterTest {
    private static final Track VIDEO = Track.builder(1, Codec.H264).build();
    private static final Track AUDIO = Track.builder(2, Codec.AAC).sampleRate(48_000).build();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s|//[^\\n]*", ""));
    }

    private static byte[] resource(String name) throws Exception {
        return Files.readAllBytes(Path.of(Fmp4WriterTest.class.getResource(name).toURI()));
    }

    private static MediaFrame frame(Track t, long pts, long dts, boolean key, String payload) {
        return MediaFrame.of(t, pts, dts, key, t.codec().isNalBased() ? BitstreamFormat.AVCC : BitstreamFormat.RAW,
                hex(payload));
    }

    /**
     * Two runs at sequence number 7: video (a key frame with a positive composition offset, then a
     * non-key one with a negative offset) and audio. Every byte computed by hand from 14496-12 8.8.
     */
    @Test
    void fragmentMatchesHandComputedBytes() {
        TrackRun video = new TrackRun(VIDEO, 90_000, List.of(
                new Sample(frame(VIDEO, 93_000, 90_000, true, "00000002 6588"), 3000),
                new Sample(frame(VIDEO, 90_000, 93_000, false, "00000001 41"), 3000)));
        TrackRun audio = new TrackRun(AUDIO, 48_000, List.of(new Sample(frame(AUDIO, 48_000, 48_000, true, "210049"), 1024)));

        byte[] expected = hex("""
                000000c4 6d6f6f66                       // moof, 196 bytes
                  00000010 6d666864 00000000 00000007   // mfhd, sequence_number 7
                  00000060 74726166                     // traf (video), 96 bytes
                    00000010 74666864 00020000 00000001 // tfhd default-base-is-moof, track_ID 1
                    00000014 74666474 01000000 00000000 00015f90 // tfdt v1, baseMediaDecodeTime 90000
                    00000034 7472756e 01000f01          // trun v1, data-offset|duration|size|flags|cto
                      00000002 000000cc                 // sample_count 2, data_offset 204 = 196 + 8
                      00000bb8 00000006 02000000 00000bb8 // 3000, 6 bytes, sync, +3000
                      00000bb8 00000005 01010000 fffff448 // 3000, 5 bytes, non-sync depends, -3000
                  0000004c 74726166                     // traf (audio), 76 bytes
                    00000014 74666864 00020020 00000002 02000000 // tfhd + default_sample_flags: sync
                    00000014 74666474 01000000 00000000 0000bb80 // tfdt 48000
                    0000001c 7472756e 01000301          // trun v1, data-offset|duration|size
                      00000001 000000d7                 // sample_count 1, data_offset 215 = 204 + 6 + 5
                      00000400 00000003                 // 1024, 3 bytes
                00000016 6d646174                       // mdat, 8 + 6 + 5 + 3
                  00000002 6588  00000001 41  210049
                """);
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(Fmp4Writer.fragment(7, List.of(video, audio))));
    }

    @Test
    void annexBSamplesAreReframedWithFourByteLengths() {
        MediaFrame annexB = MediaFrame.of(VIDEO, 0, 0, true, BitstreamFormat.ANNEX_B, hex("00000001 6588 000001 0605"));
        byte[] out = Fmp4Writer.fragment(1, List.of(new TrackRun(VIDEO, 0, List.of(new Sample(annexB, 3000)))));
        assertArrayEquals(hex("00000002 6588 00000002 0605"), Boxes.one(out, "mdat").payload());
        ByteBuffer trun = Boxes.one(out, "moof/traf/trun").buffer();
        assertEquals(12, trun.getInt(24), "sample_size is the re-framed size");
    }

    @Test
    void emptyRunHasNoTrun() {
        byte[] out = Fmp4Writer.fragment(3, List.of(new TrackRun(AUDIO, 1024, List.of())));
        assertEquals(List.of("tfhd", "tfdt"), Boxes.children(Boxes.one(out, "moof/traf").bytes(), 8,
                Boxes.one(out, "moof/traf").bytes().length).stream().map(Boxes.Found::type).toList());
        assertEquals(8, Boxes.one(out, "mdat").bytes().length);
    }

    @Test
    void audioWithCompositionOffsetsKeepsThem() {
        byte[] out = Fmp4Writer.fragment(1, List.of(new TrackRun(AUDIO, 0,
                List.of(new Sample(frame(AUDIO, 5, 0, true, "21"), 1024)))));
        ByteBuffer trun = Boxes.one(out, "moof/traf/trun").buffer();
        assertEquals(0x01000B01, trun.getInt(8), "v1, data-offset|duration|size|cto");
        assertEquals(5, trun.getInt(28));
    }

    @Test
    void esdsForAacHoldsTheAudioSpecificConfig() {
        byte[] esds = marshal(EsdsBox.of(EsdsBox.OTI_AAC, hex("1190")));
        assertArrayEquals(hex("""
                00000027 65736473 00000000        // esds, 39 bytes, version 0
                03 19 0000 00                     // ES_Descriptor, 25 bytes: ES_ID 0, no flags
                  04 11 40 15 000000 00000000 00000000 // DecoderConfigDescriptor, 17: AAC, AudioStream
                    05 02 1190                    // DecoderSpecificInfo: AAC-LC 48 kHz stereo
                  06 01 02                        // SLConfigDescriptor predefined 2
                """), esds);
    }

    @Test
    void esdsForMp3HasNoDecoderSpecificInfo() {
        assertArrayEquals(hex("00000023 65736473 00000000 03 15 0000 00 04 0d 6b 15 000000 00000000 00000000 06 01 02"),
                marshal(EsdsBox.of(EsdsBox.OTI_MP3, new byte[0])));
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "127, 1", "128, 2", "16383, 2", "16384, 3", "268435455, 4"})
    void descriptorSizesUseTheShortestExpandableForm(int size, int bytes) {
        assertEquals(bytes, EsdsBox.sizeFieldLength(size));
    }

    @Test
    void largeDecoderSpecificInfoGetsATwoByteSize() {
        byte[] esds = marshal(EsdsBox.of(EsdsBox.OTI_AAC, new byte[200]));
        int dsi = esds.length - 3 - 200 - 3; // SL descriptor, DSI body, DSI tag + 2 size bytes
        assertArrayEquals(hex("05 8148"), java.util.Arrays.copyOfRange(esds, dsi, dsi + 3), "200 = 1*128 + 72");
    }

    @Test
    void dOpsFromAStereoOpusHead() throws Exception {
        Track t = TrackConfigs.track(2, Codec.OPUS, resource("/codec/opus/libopus-48000-stereo.config.bin"));
        byte[] head = t.config();
        int preSkip = (head[10] & 0xFF) | (head[11] & 0xFF) << 8;
        String expected = "00000013 644f7073 00 02" + String.format("%04x", preSkip) + "0000bb80 0000 00";
        assertEquals(expected.replace(" ", ""), HexFormat.of().formatHex(marshal(OpusSpecificBox.of(head))));
    }

    @Test
    void dOpsFromA51OpusHeadIsBigEndianWithTheMappingTable() throws Exception {
        byte[] head = resource("/codec/opus/libopus-48000-5.1.config.bin"); // pre-skip 312, family 1, 4 streams
        assertArrayEquals(hex("""
                0000001b 644f7073   // dOps, 27 bytes (a Box, not a FullBox)
                00 06               // Version 0, OutputChannelCount 6
                0138 0000bb80 0000  // PreSkip 312, InputSampleRate 48000, OutputGain 0: big-endian
                01 04 02 000401020305 // ChannelMappingFamily 1, StreamCount 4, CoupledCount 2, mapping
                """), marshal(OpusSpecificBox.of(head)));
    }

    @Test
    void initSegmentForH264AndAac() throws Exception {
        byte[] avcC = resource("/codec/h264/openh264-320x240-baseline.config.bin");
        avcC[4] = (byte) 0xFD; // lengthSizeMinusOne 1: the writer must say 3, as our payloads have 4-byte lengths
        Track video = TrackConfigs.track(1, Codec.H264, avcC);
        Track audio = TrackConfigs.track(2, Codec.AAC, hex("1190"));
        byte[] init = Fmp4Writer.initSegment(List.of(video, audio));

        assertEquals(List.of("ftyp", "moov"), Boxes.top(init).stream().map(Boxes.Found::type).toList());
        assertArrayEquals(hex("0000001c 66747970 69736f36 00000000 69736f36 636d6663 6d703431"),
                Boxes.one(init, "ftyp").bytes(), "ftyp iso6, 0, [iso6 cmfc mp41]");
        assertEquals(3, Boxes.one(init, "moov/mvhd").buffer().getInt(8 + 96 - 4 + 4), "next_track_ID");
        List<Boxes.Found> tkhd = Boxes.find(init, "moov/trak/tkhd");
        assertEquals(320 << 16, tkhd.get(0).buffer().getInt(84), "tkhd width 16.16");
        assertEquals(240 << 16, tkhd.get(0).buffer().getInt(88), "tkhd height 16.16");
        assertEquals(0x0100, tkhd.get(1).buffer().getShort(44), "audio volume 1.0");
        List<Boxes.Found> mdhd = Boxes.find(init, "moov/trak/mdia/mdhd");
        assertEquals(90_000, mdhd.get(0).buffer().getInt(20), "video timescale");
        assertEquals(48_000, mdhd.get(1).buffer().getInt(20), "audio timescale = sample rate");
        assertEquals(0x55C4, mdhd.get(0).buffer().getShort(28), "language und");

        Boxes.Found avc1 = Boxes.one(init, "moov/trak/mdia/minf/stbl/stsd/avc1");
        assertEquals(320, avc1.buffer().getShort(32));
        assertEquals(240, avc1.buffer().getShort(34));
        byte[] writtenAvcC = Boxes.one(init, "moov/trak/mdia/minf/stbl/stsd/avc1/avcC").payload();
        assertEquals(0xFF, writtenAvcC[4] & 0xFF, "lengthSizeMinusOne 3");
        avcC[4] = (byte) 0xFF;
        assertArrayEquals(avcC, writtenAvcC, "otherwise the Track's record");

        Boxes.Found mp4a = Boxes.one(init, "moov/trak/mdia/minf/stbl/stsd/mp4a");
        assertEquals(2, mp4a.buffer().getShort(24), "channelcount");
        assertEquals(48_000, mp4a.buffer().getInt(32) >>> 16, "samplerate 16.16");
        assertEquals(1, Boxes.find(init, "moov/trak/mdia/minf/stbl/stsd/mp4a/esds").size());
        assertEquals(List.of(1, 2), Boxes.find(init, "moov/mvex/trex").stream().map(b -> b.buffer().getInt(12)).toList());
        for (String table : List.of("stts", "stsc", "stco")) {
            assertEquals(0, Boxes.find(init, "moov/trak/mdia/minf/stbl/" + table).get(0).buffer().getInt(12), table);
        }
    }

    @Test
    void hvcCGetsCompleteArraysAndFourByteLengths() throws Exception {
        byte[] hvcC = resource("/codec/h265/x265-main-320x240.config.bin");
        Track t = TrackConfigs.track(1, Codec.H265, hvcC);
        byte[] written = Boxes.one(Fmp4Writer.initSegment(List.of(t)), "moov/trak/mdia/minf/stbl/stsd/hvc1/hvcC").payload();
        assertEquals(hvcC.length, written.length);
        assertEquals(3, written[21] & 0x03, "lengthSizeMinusOne");
        int p = 23;
        for (int a = 0; a < (written[22] & 0xFF); a++) {
            int type = written[p] & 0x3F;
            if (type >= 32 && type <= 34) {
                assertEquals(0x80, written[p] & 0x80, "array_completeness of NAL type " + type);
            }
            int count = (written[p + 1] & 0xFF) << 8 | written[p + 2] & 0xFF;
            p += 3;
            for (int n = 0; n < count; n++) {
                p += 2 + ((written[p] & 0xFF) << 8 | written[p + 1] & 0xFF);
            }
        }
        assertEquals(written.length, p);
    }

    @Test
    void vpcCIsAFullBoxOfVersionOneWhicheverFormTheTrackHas() {
        byte[] bare = hex("00 1f 80 02 02 02 0000"); // profile 0, level 31, 8-bit 4:2:0 colocated... BT.709
        byte[] withHeader = hex("01000000" + "001f8002020200 00");
        for (byte[] config : List.of(bare, withHeader)) {
            Track t = Track.builder(1, Codec.VP9).config(config).width(320).height(240).build();
            byte[] vpcC = Boxes.one(Fmp4Writer.initSegment(List.of(t)), "moov/trak/mdia/minf/stbl/stsd/vp09/vpcC").bytes();
            assertArrayEquals(hex("00000014 76706343 01000000 001f8002 02020000"), vpcC);
        }
    }

    @Test
    void refusals() {
        TrackRun ok = new TrackRun(AUDIO, 0, List.of(new Sample(frame(AUDIO, 0, 0, true, "21"), 1024)));
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.initSegment(List.of()));
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.initSegment(List.of(Track.builder(1, Codec.PCMU).build())));
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.initSegment(List.of(Track.builder(1, Codec.H264).build())),
                "no avcC yet");
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.initSegment(List.of(Track.builder(1, Codec.H264)
                .config(hex("0142c00bffe1")).build())), "malformed avcC");
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.initSegment(List.of(AUDIO.toBuilder().config(hex("1190")).build(),
                AUDIO.toBuilder().config(hex("1190")).build())), "duplicate track_ID");
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.fragment(-1, List.of(ok)));
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.fragment(1L << 32, List.of(ok)));
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.fragment(1, List.of()));
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.fragment(1, List.of(ok, ok)), "two runs of one track");
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.fragment(1, List.of(new TrackRun(AUDIO, -1, ok.samples()))));
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.fragment(1, List.of(new TrackRun(AUDIO, 0,
                List.of(new Sample(ok.samples().get(0).frame(), -5))))));
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.fragment(1, List.of(new TrackRun(VIDEO, 0, ok.samples()))),
                "sample on another track");
        assertThrows(Fmp4Exception.class, () -> Fmp4Writer.fragment(1, List.of(new TrackRun(VIDEO, 0,
                List.of(new Sample(frame(VIDEO, 1L << 31, 0, true, "00000001 65"), 1))))), "offset beyond int32");
        Fmp4Exception e = assertThrows(Fmp4Exception.class, () -> Fmp4Writer.fragment(1, List.of(new TrackRun(VIDEO, 0,
                List.of(new Sample(MediaFrame.of(VIDEO, 0, 0, true, BitstreamFormat.ANNEX_B, hex("6588")), 1))))));
        assertTrue(e.getMessage().contains("Annex B"), e.getMessage());
    }

    @Test
    void maxSequenceNumberIsWritten() {
        TrackRun run = new TrackRun(AUDIO, 0, List.of(new Sample(frame(AUDIO, 0, 0, true, "21"), 1024)));
        byte[] out = Fmp4Writer.fragment(0xFFFF_FFFFL, List.of(run));
        assertEquals(-1, Boxes.one(out, "moof/mfhd").buffer().getInt(12));
    }

    private static byte[] marshal(Box box) {
        return Box.marshal(List.of(box));
    }
}
