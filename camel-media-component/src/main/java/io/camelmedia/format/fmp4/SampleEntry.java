package io.camelmedia.format.fmp4;

import java.util.List;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.codec.av1.Av1CodecConfigurationRecord;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h265.HevcDecoderConfigurationRecord;
import io.camelmedia.codec.h265.NalUnitType;
import io.camelmedia.codec.vp9.VpCodecConfigurationRecord;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;

/**
 * The one sample entry of a track's {@code stsd}: a VisualSampleEntry (ISO/IEC 14496-12 12.1.3) or an
 * AudioSampleEntry (12.2.3) named by the codec's FourCC, with the codec's configuration box inside.
 *
 * <table>
 * <caption>Sample entries</caption>
 * <tr><th>codec</th><th>entry</th><th>configuration box</th><th>spec</th></tr>
 * <tr><td>H.264</td><td>avc1</td><td>avcC (lengthSizeMinusOne forced to 3)</td><td>ISO/IEC 14496-15 5.4</td></tr>
 * <tr><td>H.265</td><td>hvc1</td><td>hvcC (VPS/SPS/PPS required, array_completeness 1, lengthSizeMinusOne 3)</td>
 *     <td>ISO/IEC 14496-15 8.4</td></tr>
 * <tr><td>AV1</td><td>av01</td><td>av1C (the Track's record)</td><td>AV1 ISOBMFF binding 2.3</td></tr>
 * <tr><td>VP9</td><td>vp09</td><td>vpcC FullBox version 1</td><td>VP codec ISOBMFF binding 2.2</td></tr>
 * <tr><td>AAC</td><td>mp4a</td><td>esds, objectTypeIndication 0x40</td><td>ISO/IEC 14496-14 5.6</td></tr>
 * <tr><td>MP3</td><td>mp4a</td><td>esds, objectTypeIndication 0x6B, no DecoderSpecificInfo</td><td>MP4RA</td></tr>
 * <tr><td>Opus</td><td>Opus</td><td>dOps</td><td>Encapsulation of Opus in ISOBMFF 4.3</td></tr>
 * </table>
 *
 * Video width and height come from the Track; a VP9/AV1 track may not know them yet (0x0), and then 0 is
 * written: ffmpeg, Chromium and Safari size the picture from the bitstream, but callers should build the
 * init segment after the first key frame (as the FLV assembler does) so the entry is exact.
 */
public final class SampleEntry {
    /** 12.1.3 / 12.2.3: reserved(8)[6] data_reference_index(16), before the entry's own fields. */
    private static final int SAMPLE_ENTRY_HEADER = 8;
    /** VisualSampleEntry fields after the SampleEntry header, up to the child boxes. */
    static final int VISUAL_FIELDS = 70;
    /** AudioSampleEntry fields after the SampleEntry header, up to the child boxes. */
    static final int AUDIO_FIELDS = 20;
    /** 12.1.3.2: 72 dpi in 16.16. */
    private static final int RESOLUTION_72_DPI = 0x0048_0000;
    /** 12.1.3.2: depth 0x0018, images in colour with no alpha. */
    private static final int DEPTH_COLOUR = 0x0018;
    /** width and height are 16-bit fields of the visual sample entry. */
    static final int MAX_DIMENSION = 0xFFFF;
    /** 12.2.3.2 samplerate is 16.16: rates above 65535 Hz do not fit (the decoder configuration tells). */
    static final int MAX_ENTRY_SAMPLE_RATE = 0xFFFF;
    /** data_reference_index: the one 'url ' entry of dref. */
    private static final int DATA_REFERENCE_INDEX = 1;

    private SampleEntry() {
    }

    /**
     * The sample entry for {@code t}.
     *
     * @throws Fmp4Exception when the codec is not carried or its configuration is missing or malformed
     */
    public static Box of(Track t) {
        try {
            return switch (t.codec()) {
                case H264 -> visual(t, "avc1", bytesBox("avcC", avcC(t)));
                case H265 -> visual(t, "hvc1", bytesBox("hvcC", hvcC(t)));
                case AV1 -> visual(t, "av01", av1C(t));
                case VP9 -> visual(t, "vp09", vpcC(t));
                case AAC -> audio(t, "mp4a", channels(t), EsdsBox.of(EsdsBox.OTI_AAC, requireConfig(t)));
                case MP3 -> audio(t, "mp4a", channels(t), EsdsBox.of(EsdsBox.OTI_MP3, new byte[0]));
                case OPUS -> {
                    OpusSpecificBox dops = OpusSpecificBox.of(requireConfig(t));
                    yield audio(t, "Opus", dops.outputChannelCount(), dops);
                }
                default -> throw new Fmp4Exception("stsd: codec " + t.codec() + " of track " + t.id()
                        + " is not carried in fragmented MP4 (H.264, H.265, AV1, VP9, AAC, MP3, Opus are)");
            };
        } catch (CodecException e) {
            throw new Fmp4Exception("stsd: track " + t.id() + " " + t.codec() + " configuration is malformed: "
                    + e.getMessage(), e);
        }
    }

    private static Box bytesBox(String type, byte[] payload) {
        return Box.leaf(type, payload.length, w -> w.bytes(payload));
    }

    /** 12.1.3 VisualSampleEntry with one configuration box. */
    private static Box visual(Track t, String type, Box config) {
        int width = dimension(t, t.width(), "width");
        int height = dimension(t, t.height(), "height");
        return Box.leaf(type, SAMPLE_ENTRY_HEADER + VISUAL_FIELDS + config.size(), w -> {
            w.zeros(6).u16(DATA_REFERENCE_INDEX);
            w.u16(0).u16(0).zeros(12); // pre_defined, reserved, pre_defined[3]
            w.u16(width).u16(height);
            w.u32(RESOLUTION_72_DPI).u32(RESOLUTION_72_DPI);
            w.u32(0).u16(1); // reserved, frame_count 1
            w.zeros(32); // compressorname: empty (length byte 0)
            w.u16(DEPTH_COLOUR).u16(0xFFFF); // depth, pre_defined -1
            config.write(w);
        });
    }

    /** 12.2.3 AudioSampleEntry (version 0) with one configuration box. */
    private static Box audio(Track t, String type, int channels, Box config) {
        int rate = t.sampleRate() > MAX_ENTRY_SAMPLE_RATE ? 0 : t.sampleRate();
        return Box.leaf(type, SAMPLE_ENTRY_HEADER + AUDIO_FIELDS + config.size(), w -> {
            w.zeros(6).u16(DATA_REFERENCE_INDEX);
            w.zeros(8); // reserved
            w.u16(channels).u16(16); // channelcount, samplesize 16
            w.u16(0).u16(0); // pre_defined, reserved
            w.u32((long) rate << 16); // samplerate 16.16
            config.write(w);
        });
    }

    static int dimension(Track t, int value, String field) {
        if (value < 0 || value > MAX_DIMENSION) {
            throw Fmp4Exception.limit("visual sample entry", field, value, MAX_DIMENSION, t.id());
        }
        return value;
    }

    /** Channels of an AAC/MP3 entry: the Track's, or 2 when the config does not say (PCE, 14496-3 1.6.3.4). */
    private static int channels(Track t) {
        return t.channels() > 0 ? t.channels() : 2;
    }

    private static byte[] requireConfig(Track t) {
        if (!t.hasConfig()) {
            throw new Fmp4Exception("stsd: track " + t.id() + " " + t.codec()
                    + " has no configuration record yet; the sample entry needs it");
        }
        return t.config();
    }

    /**
     * The avcC payload: the Track's record with lengthSizeMinusOne 3 (our AVCC payloads always have
     * 4-byte lengths); at least one SPS and one PPS, since 'avc1' keeps parameter sets in the entry
     * (14496-15 5.4.2.1).
     */
    static byte[] avcC(Track t) {
        byte[] c = requireConfig(t);
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(c);
        if (r.sequenceParameterSets().isEmpty() || r.pictureParameterSets().isEmpty()) {
            throw new Fmp4Exception("avcC: track " + t.id() + " record has " + r.sequenceParameterSets().size()
                    + " SPS and " + r.pictureParameterSets().size() + " PPS; 'avc1' needs at least one of each");
        }
        c[4] |= 0x03; // reserved '111111' lengthSizeMinusOne(2) = 3
        return c;
    }

    /**
     * The hvcC payload: the Track's record with lengthSizeMinusOne 3 and array_completeness 1 on the VPS,
     * SPS and PPS arrays, which 14496-15 8.4.3 makes mandatory for 'hvc1' (ffmpeg's MP4 muxer does the
     * same); the three parameter-set types must be present (Apple HLS authoring spec 1.10: 'hvc1' with
     * parameter sets in the sample entry).
     */
    static byte[] hvcC(Track t) {
        byte[] c = requireConfig(t);
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.decode(c);
        for (int type : List.of(NalUnitType.VPS, NalUnitType.SPS, NalUnitType.PPS)) {
            if (r.nalUnits(type).isEmpty()) {
                throw new Fmp4Exception("hvcC: track " + t.id() + " record has no NAL unit of type " + type
                        + "; 'hvc1' needs VPS, SPS and PPS in the sample entry");
            }
        }
        c[HevcDecoderConfigurationRecord.HEADER_SIZE - 2] |= 0x03; // ... lengthSizeMinusOne(2) = 3
        int p = HevcDecoderConfigurationRecord.HEADER_SIZE; // first array (the record was validated above)
        for (int i = 0; i < r.arrays().size(); i++) {
            int type = c[p] & 0x3F;
            if (type == NalUnitType.VPS || type == NalUnitType.SPS || type == NalUnitType.PPS) {
                c[p] |= (byte) 0x80; // array_completeness
            }
            int count = (c[p + 1] & 0xFF) << 8 | (c[p + 2] & 0xFF);
            p += 3;
            for (int n = 0; n < count; n++) {
                p += 2 + ((c[p] & 0xFF) << 8 | (c[p + 1] & 0xFF));
            }
        }
        return c;
    }

    /** av1C: the Track's record as it is (it is already the box payload). */
    private static Box av1C(Track t) {
        byte[] c = requireConfig(t);
        Av1CodecConfigurationRecord.decode(c);
        return bytesBox("av1C", c);
    }

    /** vpcC, a FullBox of version 1 (VP binding 2.2); the Track's record may already carry that header. */
    private static Box vpcC(Track t) {
        byte[] c = requireConfig(t);
        VpCodecConfigurationRecord r = VpCodecConfigurationRecord.decode(c);
        if (r.hasFullBoxHeader()) {
            return bytesBox("vpcC", c);
        }
        return Box.full("vpcC", 1, 0, c.length, w -> w.bytes(c));
    }
}
