package io.camelmedia.process.filein;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avutil.AVCHROMA_LOC_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h265.HevcDecoderConfigurationRecord;
import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.codec.vp9.VpCodecConfigurationRecord;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * A file stream's FFmpeg codec parameters to the project's {@link Track}, with its configuration record in the
 * form FLV/MP4 carry it (what the RTMP ingest and every muxer here use):
 *
 * <table>
 * <caption>configuration per codec</caption>
 * <tr><th>codec</th><th>Track.config</th><th>from</th></tr>
 * <tr><td>H.264 / H.265</td><td>avcC / hvcC</td><td>the extradata when it is one (MP4, MKV, FLV); else built from
 * the parameter sets in an Annex B extradata or, failing that, in band (MPEG-TS)</td></tr>
 * <tr><td>AV1</td><td>av1C</td><td>the extradata when it is one (marker and version byte 0x81); else none</td></tr>
 * <tr><td>VP9</td><td>vpcC (no FullBox header)</td><td>built from profile, level, bit depth, chroma subsampling
 * and colour of the codec parameters (as FFmpeg's own ff_isom_write_vpcc): Matroska's VP9 CodecPrivate is not
 * a vpcC</td></tr>
 * <tr><td>AAC</td><td>AudioSpecificConfig</td><td>the extradata; without one (ADTS in MPEG-TS) built from
 * profile, sample rate and channels</td></tr>
 * <tr><td>Opus</td><td>OpusHead</td><td>the extradata (Ogg, WebM/MKV, MP4 dOps as FFmpeg gives it); else a
 * channel-mapping-0 head</td></tr>
 * <tr><td>VP8, MP3, G.711</td><td>none</td><td></td></tr>
 * </table>
 *
 * Clocks: 90 kHz for video; the sample rate for audio (48 kHz for Opus). Width and height come from the record
 * when it tells them, else from the codec parameters.
 */
final class StreamTracks {
    /** The av1C byte 0: marker (1) and version (1), AV1-ISOBMFF 2.3.3. */
    private static final int AV1C_MARKER_VERSION = 0x81;
    /** The avcC / hvcC byte 0: configurationVersion 1. */
    private static final int CONFIGURATION_VERSION = 1;
    /** VP9 codec ISOBMFF binding 2.2 chromaSubsampling values. */
    private static final int CHROMA_420_VERTICAL = 0;
    private static final int CHROMA_420_COLLOCATED = 1;
    private static final int CHROMA_422 = 2;
    private static final int CHROMA_444 = 3;
    private static final int DEFAULT_BIT_DEPTH = 8;

    private StreamTracks() {
    }

    static MediaType mediaType(int codecType) {
        return codecType == AVMEDIA_TYPE_VIDEO ? MediaType.VIDEO : codecType == AVMEDIA_TYPE_AUDIO ? MediaType.AUDIO : null;
    }

    /** The project's codec of an FFmpeg codec id, or null when it carries no such codec. */
    static Codec codec(int codecId) {
        if (codecId == AV_CODEC_ID_H264) {
            return Codec.H264;
        } else if (codecId == AV_CODEC_ID_HEVC) {
            return Codec.H265;
        } else if (codecId == AV_CODEC_ID_VP8) {
            return Codec.VP8;
        } else if (codecId == AV_CODEC_ID_VP9) {
            return Codec.VP9;
        } else if (codecId == AV_CODEC_ID_AV1) {
            return Codec.AV1;
        } else if (codecId == AV_CODEC_ID_AAC) {
            return Codec.AAC;
        } else if (codecId == AV_CODEC_ID_OPUS) {
            return Codec.OPUS;
        } else if (codecId == AV_CODEC_ID_MP3) {
            return Codec.MP3;
        } else if (codecId == AV_CODEC_ID_PCM_MULAW) {
            return Codec.PCMU;
        } else if (codecId == AV_CODEC_ID_PCM_ALAW) {
            return Codec.PCMA;
        }
        return null;
    }

    /**
     * The stream {@code index} of a file as track {@code id}.
     *
     * @throws MediaFileException when the container's configuration record is malformed
     */
    static StreamTrack of(int index, int id, AVCodecParameters par, int tbNum, int tbDen, int maxFrameSize) {
        Codec codec = codec(par.codec_id());
        byte[] extradata = MediaFileReader.extradata(par);
        try {
            return switch (codec) {
                case H264, H265 -> nal(index, id, codec, par, extradata, tbNum, tbDen, maxFrameSize);
                case AAC -> {
                    boolean adts = extradata.length == 0;
                    byte[] asc = adts ? AudioSpecificConfig.of(aacObjectType(par), par.sample_rate(), channels(par)).encode()
                            : extradata;
                    yield new StreamTrack(index, TrackConfigs.track(id, codec, asc),
                            adts ? StreamTrack.Framing.ADTS : StreamTrack.Framing.RAW, 0, tbNum, tbDen, maxFrameSize);
                }
                default -> new StreamTrack(index, plain(id, codec, par, extradata), StreamTrack.Framing.RAW, 0, tbNum, tbDen,
                        maxFrameSize);
            };
        } catch (CodecException e) {
            throw new MediaFileException("stream " + index + " " + codec + ": configuration from the container is malformed: "
                    + e.getMessage(), e);
        }
    }

    private static StreamTrack nal(int index, int id, Codec codec, AVCodecParameters par, byte[] extradata, int tbNum,
                                   int tbDen, int maxFrameSize) {
        if (extradata.length > 0 && extradata[0] == CONFIGURATION_VERSION) {
            int lengthSize = codec == Codec.H264 ? AvcDecoderConfigurationRecord.decode(extradata).lengthSize()
                    : HevcDecoderConfigurationRecord.decode(extradata).lengthSize();
            return new StreamTrack(index, sized(TrackConfigs.track(id, codec, extradata), par),
                    StreamTrack.Framing.LENGTH_PREFIXED, lengthSize, tbNum, tbDen, maxFrameSize);
        }
        byte[] record = extradata.length > 0 && AnnexB.startsWithStartCode(extradata, 0, extradata.length)
                ? TrackConfigs.parameterSetRecord(codec, AnnexB.split(extradata, 0, extradata.length)) : null;
        return new StreamTrack(index, sized(TrackConfigs.track(id, codec, record), par), StreamTrack.Framing.ANNEX_B, 0,
                tbNum, tbDen, maxFrameSize);
    }

    private static Track plain(int id, Codec codec, AVCodecParameters par, byte[] extradata) {
        return switch (codec) {
            case VP9 -> sized(TrackConfigs.track(id, codec, vpcC(par)), par);
            case AV1 -> sized(TrackConfigs.track(id, codec,
                    extradata.length > 0 && (extradata[0] & 0xFF) == AV1C_MARKER_VERSION ? extradata : null), par);
            case VP8 -> sized(TrackConfigs.track(id, codec, null), par);
            case OPUS -> TrackConfigs.track(id, codec, extradata.length >= OpusHead.MIN_LENGTH ? extradata
                    : OpusHead.of(channels(par), 0, OpusHead.DECODE_RATE).encode());
            default -> Track.builder(id, codec).sampleRate(par.sample_rate()).channels(channels(par))
                    .clockRate(par.sample_rate()).build(); // MP3, G.711: on their sample rate
        };
    }

    private static Track sized(Track t, AVCodecParameters par) {
        if (t.width() != 0 && t.height() != 0) {
            return t;
        }
        return t.toBuilder().width(par.width()).height(par.height()).build();
    }

    /** A VPCodecConfigurationRecord of the codec parameters (VP codec ISOBMFF binding 2.2). */
    static byte[] vpcC(AVCodecParameters par) {
        int bitDepth = DEFAULT_BIT_DEPTH;
        int chroma = par.chroma_location() == AVCHROMA_LOC_LEFT ? CHROMA_420_VERTICAL : CHROMA_420_COLLOCATED;
        AVPixFmtDescriptor d = par.format() < 0 ? null : avutil.av_pix_fmt_desc_get(par.format());
        if (d != null && !d.isNull()) {
            bitDepth = d.comp(0).depth();
            if (d.log2_chroma_w() == 0 && d.log2_chroma_h() == 0) {
                chroma = CHROMA_444;
            } else if (d.log2_chroma_w() == 1 && d.log2_chroma_h() == 0) {
                chroma = CHROMA_422;
            }
        } else if (par.bits_per_raw_sample() > 0) {
            bitDepth = par.bits_per_raw_sample();
        }
        return new VpCodecConfigurationRecord(Math.max(0, par.profile()), Math.max(0, par.level()), bitDepth, chroma,
                par.color_range() == AVCOL_RANGE_JPEG, par.color_primaries(), par.color_trc(), par.color_space(),
                new byte[0]).encode();
    }

    /** MPEG-4 audio object type = FFmpeg AAC profile + 1 (FF_PROFILE_AAC_LOW 1 is AOT 2); LC when unknown. */
    private static int aacObjectType(AVCodecParameters par) {
        return par.profile() >= 0 ? par.profile() + 1 : AudioSpecificConfig.AOT_AAC_LC;
    }

    private static int channels(AVCodecParameters par) {
        return Math.max(1, par.ch_layout().nb_channels());
    }
}
