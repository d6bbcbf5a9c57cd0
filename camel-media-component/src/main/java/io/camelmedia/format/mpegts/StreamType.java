package io.camelmedia.format.mpegts;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;

/**
 * stream_type values of ITU-T H.222.0 Table 2-34 that this muxer writes in the PMT. An open registry in
 * the spec, so plain constants rather than an enum; {@link #of} maps the codecs we carry, {@link #codecOf}
 * maps back what the demuxer reads (plus Opus: private PES with an 'Opus' registration descriptor).
 */
public final class StreamType {
    /** ISO/IEC 11172-3 audio (MPEG-1 Layer I/II/III, 32/44.1/48 kHz). */
    public static final int MPEG1_AUDIO = 0x03;
    /** ISO/IEC 13818-3 audio (MPEG-2 LSF Layer III at 16/22.05/24 kHz). */
    public static final int MPEG2_AUDIO = 0x04;
    /** ISO/IEC 13818-7 audio with ADTS transport syntax. */
    public static final int AAC_ADTS = 0x0F;
    /** ITU-T H.264 | ISO/IEC 14496-10 video. */
    public static final int H264 = 0x1B;
    /** ITU-T H.265 | ISO/IEC 23008-2 video. */
    public static final int H265 = 0x24;
    /** PES packets containing private data: Opus (with its registration descriptor), AC-3, subtitles... */
    public static final int PRIVATE_PES = 0x06;
    /** format_identifier 'Opus' of the registration descriptor of Opus in MPEG-TS (ETSI TS 102 366 A.2 style). */
    private static final int OPUS_FORMAT_IDENTIFIER = 0x4F707573;
    /** MPEG-1 audio sampling rates start at 32 kHz; lower rates are the MPEG-2 LSF extension. */
    private static final int MPEG1_MIN_SAMPLE_RATE = 32_000;

    /** registration_descriptor (2.6.8): descriptor_tag 5, length 4, format_identifier. */
    private static final int REGISTRATION_DESCRIPTOR = 0x05;
    /**
     * registration_descriptor with format_identifier 'HEVC': ffmpeg writes it for stream_type 0x24 so that
     * demuxers predating the 0x24 assignment still recognise the stream; we do the same.
     */
    private static final byte[] HEVC_REGISTRATION = {REGISTRATION_DESCRIPTOR, 4, 'H', 'E', 'V', 'C'};

    private StreamType() {
    }

    /**
     * The ES_info descriptors the PMT carries for {@code track} (empty for most): H.265 its registration; Opus its
     * registration and the DVB extension descriptor with the channel_config_code (ETSI TS 102 366 style, as ffmpeg
     * writes it: the channel count for 1 to 8 channels).
     */
    public static byte[] descriptors(Track track) {
        return switch (track.codec()) {
            case H265 -> HEVC_REGISTRATION.clone();
            case OPUS -> new byte[] {REGISTRATION_DESCRIPTOR, 4, 'O', 'p', 'u', 's', 0x7F, 2, (byte) 0x80,
                (byte) Math.max(1, Math.min(8, track.channels() > 0 ? track.channels() : 2))};
            default -> new byte[0];
        };
    }

    /**
     * The codec a PMT entry carries, or null when the demuxer does not read it: 0x1B H.264, 0x24 H.265, 0x0F
     * AAC (ADTS), 0x03/0x04 MPEG audio, 0x06 with format_identifier 'Opus' Opus.
     */
    public static Codec codecOf(int streamType, byte[] descriptors) {
        return switch (streamType) {
            case H264 -> Codec.H264;
            case H265 -> Codec.H265;
            case AAC_ADTS -> Codec.AAC;
            case MPEG1_AUDIO, MPEG2_AUDIO -> Codec.MP3;
            case PRIVATE_PES -> registration(descriptors) == OPUS_FORMAT_IDENTIFIER ? Codec.OPUS : null;
            default -> null;
        };
    }

    /** format_identifier of the first registration_descriptor (2.6.8) in {@code descriptors}, or 0. */
    static int registration(byte[] descriptors) {
        int p = descriptor(descriptors, REGISTRATION_DESCRIPTOR, 0);
        if (p < 0 || descriptors[p - 1] < 4) {
            return 0;
        }
        return ((descriptors[p] & 0xFF) << 24) | ((descriptors[p + 1] & 0xFF) << 16)
                | ((descriptors[p + 2] & 0xFF) << 8) | (descriptors[p + 3] & 0xFF);
    }

    /**
     * The offset of the body of the first descriptor (2.6: descriptor_tag(8) descriptor_length(8) body) with
     * {@code tag} at or after {@code from} in {@code d}, or -1; a descriptor running past the end ends the loop.
     */
    static int descriptor(byte[] d, int tag, int from) {
        int p = from;
        while (p + 2 <= d.length) {
            int length = d[p + 1] & 0xFF;
            if (p + 2 + length > d.length) {
                return -1;
            }
            if ((d[p] & 0xFF) == tag) {
                return p + 2;
            }
            p += 2 + length;
        }
        return -1;
    }

    /** True when {@link #of} has a stream_type for {@code codec}. */
    public static boolean supports(Codec codec) {
        return codec == Codec.H264 || codec == Codec.H265 || codec == Codec.AAC || codec == Codec.MP3 || codec == Codec.OPUS;
    }

    /**
     * The stream_type for {@code track}: MP3 is 0x03 at 32 kHz and above (and when the rate is unknown,
     * as ffmpeg always writes), 0x04 below.
     *
     * @throws TsException when the codec is not carried in TS by this muxer
     */
    public static int of(Track track) {
        return switch (track.codec()) {
            case H264 -> H264;
            case H265 -> H265;
            case AAC -> AAC_ADTS;
            case OPUS -> PRIVATE_PES;
            case MP3 -> track.sampleRate() > 0 && track.sampleRate() < MPEG1_MIN_SAMPLE_RATE ? MPEG2_AUDIO
                    : MPEG1_AUDIO;
            default -> throw new TsException("stream_type: codec " + track.codec() + " of track " + track.id()
                    + " is not carried in MPEG-TS by this muxer (H264, H265, AAC, MP3, Opus only)");
        };
    }
}
