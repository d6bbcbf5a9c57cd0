package io.camelmedia.codec;

import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.codec.av1.Av1CodecConfigurationRecord;
import io.camelmedia.codec.av1.SequenceHeader;
import io.camelmedia.codec.av1.TemporalUnit;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.codec.h265.HevcDecoderConfigurationRecord;
import io.camelmedia.codec.h265.NalUnitType;
import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.codec.vp9.FrameHeader;
import io.camelmedia.codec.vp9.VpCodecConfigurationRecord;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;

/**
 * Builds a {@link Track} from a codec configuration record: sets the record and what it tells
 * (width/height from the SPS, sample rate and channels from the AudioSpecificConfig or OpusHead...).
 */
public final class TrackConfigs {
    /**
     * Clock of tracks whose codec has no fixed rate and whose config gives none (MP3, L16, AAC before its
     * AudioSpecificConfig is known): milliseconds, as FLV timestamps are.
     */
    private static final int FALLBACK_CLOCK_RATE = 1000;

    private TrackConfigs() {
    }

    /**
     * A track of {@code codec} described by {@code config} (ISO form: avcC, hvcC, av1C, vpcC,
     * AudioSpecificConfig, OpusHead; may be empty when the codec has none or it is not known yet).
     *
     * <ul>
     * <li>H.264 / H.265: width and height of the first SPS (after cropping / the conformance window).</li>
     * <li>AV1: max_frame_width/height of the sequence header in configOBUs, when there is one.</li>
     * <li>VP9: the record is checked and kept; the size comes later from a key frame
     *     ({@link #withKeyframeInfo}).</li>
     * <li>AAC: sample rate (the SBR rate for explicitly signalled HE-AAC), channels, clock rate = sample rate.</li>
     * <li>Opus: channels from the OpusHead, sample rate and clock rate 48 000 (RFC 7845 4).</li>
     * <li>Others (MP3, G.711...): the config is kept as is.</li>
     * </ul>
     *
     * @throws CodecException when {@code config} is malformed
     */
    public static Track track(int id, Codec codec, byte[] config) {
        byte[] c = config == null ? new byte[0] : config;
        Track.Builder b = Track.builder(id, codec).config(c);
        if (codec.defaultClockRate() == 0) {
            b.clockRate(FALLBACK_CLOCK_RATE); // replaced by the sample rate when the config gives one
        }
        if (c.length > 0) {
            describe(b, codec, c);
        }
        return b.build();
    }

    private static void describe(Track.Builder b, Codec codec, byte[] c) {
        switch (codec) {
            case H264 -> h264(b, c);
            case H265 -> h265(b, c);
            case AV1 -> av1(b, c);
            case VP9 -> VpCodecConfigurationRecord.decode(c);
            case AAC -> aac(b, c);
            case OPUS -> opus(b, c);
            default -> {
            }
        }
    }

    private static void h264(Track.Builder b, byte[] c) {
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(c);
        if (!r.sequenceParameterSets().isEmpty()) {
            io.camelmedia.codec.h264.Sps sps = io.camelmedia.codec.h264.Sps.decode(r.sequenceParameterSets().get(0));
            b.width(sps.width()).height(sps.height());
        }
    }

    private static void h265(Track.Builder b, byte[] c) {
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.decode(c);
        java.util.List<byte[]> sps = r.nalUnits(NalUnitType.SPS);
        if (!sps.isEmpty()) {
            io.camelmedia.codec.h265.Sps s = io.camelmedia.codec.h265.Sps.decode(sps.get(0));
            b.width(s.width()).height(s.height());
        }
    }

    private static void av1(Track.Builder b, byte[] c) {
        SequenceHeader s = Av1CodecConfigurationRecord.decode(c).sequenceHeader();
        if (s != null) {
            b.width(s.maxFrameWidth()).height(s.maxFrameHeight());
        }
    }

    private static void aac(Track.Builder b, byte[] c) {
        AudioSpecificConfig asc = AudioSpecificConfig.decode(c);
        int rate = asc.outputSamplingFrequency();
        b.sampleRate(rate).channels(asc.channels()).clockRate(rate);
    }

    private static void opus(Track.Builder b, byte[] c) {
        OpusHead h = OpusHead.decode(c);
        b.channels(h.channelCount()).sampleRate(OpusHead.DECODE_RATE).clockRate(OpusHead.DECODE_RATE);
    }

    /**
     * The avcC (H.264: SPS + PPS) or hvcC (H.265: VPS + SPS + PPS) built from the parameter sets among
     * {@code units} (an access unit's NAL units, in order), or null when the SPS or the PPS is missing or
     * the codec is not H.264/H.265. What in-band parameter sets give a track whose source announced none
     * (RTP without sprop, MPEG-TS).
     *
     * @throws CodecException when a parameter set is malformed
     */
    public static byte[] parameterSetRecord(Codec codec, NalUnits units) {
        if (!codec.isNalBased()) {
            return null;
        }
        boolean avc = codec == Codec.H264;
        int spsType = avc ? io.camelmedia.codec.h264.NalUnitType.SPS : NalUnitType.SPS;
        int ppsType = avc ? io.camelmedia.codec.h264.NalUnitType.PPS : NalUnitType.PPS;
        java.util.List<byte[]> vps = new java.util.ArrayList<>();
        java.util.List<byte[]> sps = new java.util.ArrayList<>();
        java.util.List<byte[]> pps = new java.util.ArrayList<>();
        for (int i = 0; i < units.count(); i++) {
            int type = avc ? io.camelmedia.codec.h264.NalUnitType.of(units.header(i)) : NalUnitType.of(units.header(i));
            if (type == spsType) {
                sps.add(units.copy(i));
            } else if (type == ppsType) {
                pps.add(units.copy(i));
            } else if (!avc && type == NalUnitType.VPS) {
                vps.add(units.copy(i));
            }
        }
        if (sps.isEmpty() || pps.isEmpty()) {
            return null;
        }
        return avc ? AvcDecoderConfigurationRecord.of(sps, pps).encode()
                : HevcDecoderConfigurationRecord.of(vps, sps, pps).encode();
    }

    /**
     * {@code t} with width and height taken from a key frame, when the track does not know them yet (0x0):
     * the VP8 key frame header (RFC 6386 9.1), the VP9 uncompressed header of a key frame, or the sequence
     * header in an AV1 temporal unit. Returns
     * {@code t} itself when it already has a size, is another codec, or the payload tells nothing.
     *
     * @throws CodecException when the payload is malformed
     */
    public static Track withKeyframeInfo(Track t, byte[] keyframePayload) {
        if (t.width() != 0 || t.height() != 0 || keyframePayload == null || keyframePayload.length == 0) {
            return t;
        }
        int w = 0;
        int h = 0;
        if (t.codec() == Codec.VP8) {
            int[] size = vp8KeyFrameSize(keyframePayload);
            if (size != null) {
                w = size[0];
                h = size[1];
            }
        } else if (t.codec() == Codec.VP9) {
            FrameHeader f = FrameHeader.decode(keyframePayload);
            if (f.isKeyFrame()) {
                w = f.width();
                h = f.height();
            }
        } else if (t.codec() == Codec.AV1) {
            SequenceHeader s = TemporalUnit.sequenceHeader(keyframePayload, 0, keyframePayload.length);
            if (s != null) {
                w = s.maxFrameWidth();
                h = s.maxFrameHeight();
            }
        }
        return w == 0 ? t : t.toBuilder().width(w).height(h).build();
    }

    /** VP8 key frame header bytes: 3-byte frame tag, 3-byte start code, 2 x 16-bit size fields (RFC 6386 9.1). */
    private static final int VP8_KEY_HEADER = 10;

    /**
     * {width, height} of a VP8 key frame (frame tag bit 0 = 0, start code 9D 01 2A, then 14-bit horizontal and
     * vertical sizes, little-endian, each with 2 bits of scale above), or null when it is not one.
     */
    private static int[] vp8KeyFrameSize(byte[] f) {
        if (f.length < VP8_KEY_HEADER || (f[0] & 0x01) != 0
                || (f[3] & 0xFF) != 0x9D || (f[4] & 0xFF) != 0x01 || (f[5] & 0xFF) != 0x2A) {
            return null;
        }
        int width = ((f[7] & 0x3F) << 8) | (f[6] & 0xFF);
        int height = ((f[9] & 0x3F) << 8) | (f[8] & 0xFF);
        return width > 0 && height > 0 ? new int[] {width, height} : null;
    }
}
