package io.camelmedia.codec;

import java.util.Locale;

import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.codec.av1.Av1CodecConfigurationRecord;
import io.camelmedia.codec.vp9.VpCodecConfigurationRecord;
import io.camelmedia.frame.Track;

/**
 * The RFC 6381 {@code codecs} parameter of a track, as HLS multivariant playlists (CODECS=) and MSE
 * ({@code MediaSource.isTypeSupported}) want it: {@code avc1.64001f}, {@code hvc1.1.6.L93.B0},
 * {@code av01.0.04M.08}, {@code vp09.00.10.08}, {@code mp4a.40.2}, {@code opus}.
 */
public final class CodecStrings {
    private CodecStrings() {
    }

    /** The codecs string of {@code track}, from its configuration record; a generic one when it has none. */
    public static String of(Track track) {
        byte[] c = track.config();
        return switch (track.codec()) {
            case H264 -> c.length >= 4 ? String.format(Locale.ROOT, "avc1.%02x%02x%02x", c[1] & 0xFF, c[2] & 0xFF, c[3] & 0xFF)
                    : "avc1.42e01e";
            case H265 -> c.length >= 13 ? hevc(c) : "hvc1.1.6.L93.B0";
            case AV1 -> c.length >= 4 ? av1(Av1CodecConfigurationRecord.decode(c)) : "av01.0.04M.08";
            case VP9 -> c.length >= 4 ? vp9(VpCodecConfigurationRecord.decode(c)) : "vp09.00.10.08";
            case VP8 -> "vp8";
            case AAC -> "mp4a.40." + (c.length >= 2 ? AudioSpecificConfig.decode(c).audioObjectType() : 2);
            case MP3 -> "mp4a.40.34";
            case OPUS -> "opus";
            default -> track.codec().name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * ISO/IEC 14496-15 Annex E.3: hvc1.[profile_space letter]profile_idc.compatibility flags (bit-reversed,
     * hex).[L|H]level.constraint bytes (hex, trailing zero bytes dropped), read from the hvcC header.
     */
    private static String hevc(byte[] c) {
        int b1 = c[1] & 0xFF;
        int space = b1 >>> 6;
        boolean highTier = (b1 & 0x20) != 0;
        int profile = b1 & 0x1F;
        long compat = ((c[2] & 0xFFL) << 24) | ((c[3] & 0xFFL) << 16) | ((c[4] & 0xFFL) << 8) | (c[5] & 0xFFL);
        long reversed = Long.reverse(compat) >>> 32;
        StringBuilder sb = new StringBuilder("hvc1.");
        if (space > 0) {
            sb.append((char) ('A' + space - 1));
        }
        sb.append(profile).append('.').append(Long.toHexString(reversed).toUpperCase(Locale.ROOT)).append('.')
                .append(highTier ? 'H' : 'L').append(c[12] & 0xFF);
        int last = 11;
        while (last >= 6 && c[last] == 0) {
            last--;
        }
        for (int i = 6; i <= last; i++) {
            sb.append('.').append(String.format(Locale.ROOT, "%02X", c[i] & 0xFF));
        }
        return sb.toString();
    }

    /** AV1 ISOBMFF binding §5: av01.profile.level tier.bitDepth. */
    private static String av1(Av1CodecConfigurationRecord r) {
        int depth = r.highBitdepth() ? (r.twelveBit() ? 12 : 10) : 8;
        return String.format(Locale.ROOT, "av01.%d.%02d%c.%02d", r.seqProfile(), r.seqLevelIdx0(),
                r.seqTier0() == 0 ? 'M' : 'H', depth);
    }

    /** VP codec ISO BMFF binding: vp09.profile.level.bitDepth. */
    private static String vp9(VpCodecConfigurationRecord r) {
        // ffmpeg's FLV muxer writes level 0 ("undefined"); browsers reject it, so say level 1 (10)
        int level = r.level() == 0 ? 10 : r.level();
        return String.format(Locale.ROOT, "vp09.%02d.%02d.%02d", r.profile(), level, r.bitDepth());
    }
}
