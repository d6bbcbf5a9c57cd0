package io.camelmedia.process.annexb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.Samples;
import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link AnnexbConverter} that the ffmpeg comparison does not show. */
class AnnexbConverterTest {
    private static final byte[] BASELINE = Samples.config("h264/openh264-320x240-baseline");
    private static final byte[] HIGH = Samples.config("h264/openh264-320x180-high");
    private final Track h264 = TrackConfigs.track(1, Codec.H264, BASELINE);
    private final AvcDecoderConfigurationRecord baseline = AvcDecoderConfigurationRecord.decode(BASELINE);
    private final AvcDecoderConfigurationRecord high = AvcDecoderConfigurationRecord.decode(HIGH);

    @Test
    void otherCodecsAndFramesAlreadyInTheWantedFormPassUntouched() {
        AnnexbConverter c = new AnnexbConverter();
        MediaFrame opus = MediaFrame.of(TrackConfigs.track(2, Codec.OPUS, new byte[0]), 0, 0, true,
                BitstreamFormat.RAW, new byte[]{(byte) 0xfc, 1});
        assertSame(opus, c.toAnnexB(opus));
        assertSame(opus, c.toAvcc(opus));
        MediaFrame annexB = MediaFrame.of(h264, 0, 0, false, BitstreamFormat.ANNEX_B, Samples.hex("00000001 419a"));
        assertSame(annexB, c.toAnnexB(annexB));
        MediaFrame avcc = MediaFrame.of(h264, 0, 0, false, BitstreamFormat.AVCC, Samples.hex("00000002 419a"));
        assertSame(avcc, c.toAvcc(avcc));
    }

    @Test
    void idrGetsTheConfigsParameterSetsAfterAudAndSei() {
        AnnexbConverter c = new AnnexbConverter();
        MediaFrame f = MediaFrame.of(h264, 0, 0, true, BitstreamFormat.AVCC,
                Samples.hex("00000002 0910 00000003 060501 00000003 658884"));
        byte[] sps = baseline.sequenceParameterSets().get(0);
        byte[] pps = baseline.pictureParameterSets().get(0);
        byte[] expected = concat(Samples.hex("00000001 0910 00000001 060501 00000001"), sps, Samples.hex("00000001"), pps,
                Samples.hex("00000001 658884"));
        MediaFrame out = c.toAnnexB(f);
        assertArrayEquals(expected, out.payloadBytes());
        assertEquals(f.pts(), out.pts());
        assertEquals(f.keyframe(), out.keyframe());
        assertSame(h264, out.track());
        // a non-IDR frame gets nothing
        MediaFrame p = MediaFrame.of(h264, 1, 1, false, BitstreamFormat.AVCC, Samples.hex("00000002 419a"));
        assertArrayEquals(Samples.hex("00000001 419a"), c.toAnnexB(p).payloadBytes());
    }

    @Test
    void partialInBandParameterSetsAreCompletedFromTheConfig() {
        byte[] sps = baseline.sequenceParameterSets().get(0);
        byte[] pps = baseline.pictureParameterSets().get(0);
        byte[] otherPps = Samples.hex("68ce3c81");
        // PPS in-band without SPS: the stored SPS goes before the PPS, nothing before the IDR slice
        MediaFrame ppsOnly = MediaFrame.of(h264, 0, 0, true, BitstreamFormat.AVCC,
                concat(Samples.hex("00000004"), otherPps, Samples.hex("00000003 658884")));
        assertArrayEquals(concat(Samples.hex("00000001"), sps, Samples.hex("00000001"), otherPps,
                Samples.hex("00000001 658884")), new AnnexbConverter().toAnnexB(ppsOnly).payloadBytes());
        // SPS in-band without PPS: the stored PPS goes before the IDR slice
        MediaFrame spsOnly = MediaFrame.of(h264, 0, 0, true, BitstreamFormat.AVCC,
                concat(Samples.hex("0000000e"), sps, Samples.hex("00000003 658884")));
        assertArrayEquals(concat(Samples.hex("00000001"), sps, Samples.hex("00000001"), pps,
                Samples.hex("00000001 658884")), new AnnexbConverter().toAnnexB(spsOnly).payloadBytes());
    }

    @Test
    void inBandParameterSetsReplaceTheConfigsForLaterKeyframes() {
        AnnexbConverter c = new AnnexbConverter();
        byte[] newPps = Samples.hex("68ce3c81");
        byte[] sps = baseline.sequenceParameterSets().get(0);
        c.toAnnexB(MediaFrame.of(h264, 0, 0, true, BitstreamFormat.AVCC,
                concat(Samples.hex("00000004"), newPps, Samples.hex("00000003 658884"))));
        c.toAnnexB(MediaFrame.of(h264, 1, 1, false, BitstreamFormat.AVCC, Samples.hex("00000002 419a")));
        byte[] next = c.toAnnexB(MediaFrame.of(h264, 2, 2, true, BitstreamFormat.AVCC,
                Samples.hex("00000003 658884"))).payloadBytes();
        assertArrayEquals(concat(Samples.hex("00000001"), sps, Samples.hex("00000001"), newPps,
                Samples.hex("00000001 658884")), next);
    }

    @Test
    void fuzz() {
        Track h265 = TrackConfigs.track(3, Codec.H265, Samples.config("h265/x265-main-320x240"));
        byte[] avcc = Samples.hex("00000002 0910 00000003 060501 00000004 65888400 00000002 419a");
        byte[] annexB = Samples.hex("00000001 0910 000001 6742c00b8c68 00000001 68ce3c80 000001 65888400");
        byte[] hevc = Samples.hex("00000003 460150 00000004 26018000 00000003 020180");
        io.camelmedia.codec.Fuzz.run("toAnnexB h264", avcc, b -> new AnnexbConverter(StartCodes.FFMPEG)
                .toAnnexB(MediaFrame.of(h264, 0, 0, true, BitstreamFormat.AVCC, b)));
        io.camelmedia.codec.Fuzz.run("toAnnexB h265", hevc, b -> new AnnexbConverter()
                .toAnnexB(MediaFrame.of(h265, 0, 0, true, BitstreamFormat.AVCC, b)));
        io.camelmedia.codec.Fuzz.run("toAvcc h264", annexB, b -> new AnnexbConverter()
                .toAvcc(MediaFrame.of(Track.builder(1, Codec.H264).build(), 0, 0, true, BitstreamFormat.ANNEX_B, b)));
    }

    @Test
    void frameWithoutConfigIsOnlyReframed() {
        Track bare = Track.builder(1, Codec.H264).build();
        MediaFrame f = MediaFrame.of(bare, 0, 0, true, BitstreamFormat.AVCC, Samples.hex("00000003 658884"));
        assertArrayEquals(Samples.hex("00000001 658884"), new AnnexbConverter().toAnnexB(f).payloadBytes());
    }

    @Test
    void inBandParameterSetChangeMakesANewTrackWithTheSameId() {
        AnnexbConverter c = new AnnexbConverter();
        byte[] sps = high.sequenceParameterSets().get(0);
        byte[] pps = high.pictureParameterSets().get(0);
        byte[] au = concat(Samples.hex("00000001"), sps, Samples.hex("00000001"), pps, Samples.hex("00000001 658884"));
        MediaFrame out = c.toAvcc(MediaFrame.of(h264, 0, 0, true, BitstreamFormat.ANNEX_B, au));
        Track t = out.track();
        assertNotSame(h264, t);
        assertEquals(1, t.id());
        assertEquals(320, t.width());
        assertEquals(180, t.height());
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(t.config());
        assertArrayEquals(sps, r.sequenceParameterSets().get(0));
        assertArrayEquals(pps, r.pictureParameterSets().get(0));
        assertEquals(List.of(sps.length, pps.length, 3), List.of(
                io.camelmedia.codec.h264.Avcc.split(out.payloadBytes()).length(0),
                io.camelmedia.codec.h264.Avcc.split(out.payloadBytes()).length(1),
                io.camelmedia.codec.h264.Avcc.split(out.payloadBytes()).length(2)), "parameter sets stay in the payload");
        MediaFrame next = c.toAvcc(MediaFrame.of(h264, 1, 1, false, BitstreamFormat.ANNEX_B, Samples.hex("000001 419a")));
        assertSame(t, next.track());
        assertArrayEquals(Samples.hex("00000002 419a"), next.payloadBytes());
    }

    @Test
    void stateIsBoundedByTrackId() {
        AnnexbConverter c = new AnnexbConverter();
        for (int id = 0; id < AnnexbConverter.MAX_TRACKS * 4; id++) {
            Track t = TrackConfigs.track(id, Codec.H264, BASELINE);
            c.toAnnexB(MediaFrame.of(t, 0, 0, true, BitstreamFormat.AVCC, Samples.hex("00000003 658884")));
            c.toAvcc(MediaFrame.of(t, 0, 0, true, BitstreamFormat.ANNEX_B, Samples.hex("00000001 658884")));
        }
        // an evicted track comes back as new: its IDR gets the parameter sets again
        MediaFrame f = MediaFrame.of(TrackConfigs.track(0, Codec.H264, BASELINE), 0, 0, true, BitstreamFormat.AVCC,
                Samples.hex("00000003 658884"));
        assertEquals(true, c.toAnnexB(f).payloadLength() > 7);
    }

    @Test
    void malformedPayloadsAreCodecExceptions() {
        AnnexbConverter c = new AnnexbConverter();
        assertThrows(CodecException.class, () -> c.toAnnexB(MediaFrame.of(h264, 0, 0, true, BitstreamFormat.AVCC,
                Samples.hex("00000009 6588"))));
        assertThrows(CodecException.class, () -> c.toAnnexB(MediaFrame.of(h264, 0, 0, true, BitstreamFormat.AVCC,
                new byte[0])));
        assertThrows(CodecException.class, () -> c.toAvcc(MediaFrame.of(h264, 0, 0, true, BitstreamFormat.ANNEX_B,
                Samples.hex("6588"))));
        Track badConfig = Track.builder(1, Codec.H264).config(Samples.hex("01 42")).build();
        assertThrows(CodecException.class, () -> c.toAnnexB(MediaFrame.of(badConfig, 0, 0, true,
                BitstreamFormat.AVCC, Samples.hex("00000002 6588"))));
        Track h265 = TrackConfigs.track(3, Codec.H265, Samples.config("h265/x265-main-320x240"));
        CodecException e = assertThrows(CodecException.class, () -> c.toAnnexB(MediaFrame.of(h265, 0, 0, true,
                BitstreamFormat.AVCC, Samples.hex("00000001 26"))));
        assertEquals("H.265 NAL unit 0 has 1 bytes, less than its 2-byte header", e.getMessage());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
