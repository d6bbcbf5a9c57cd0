package io.camelmedia.format.mpegts;

import java.util.ArrayList;
import java.util.List;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.codec.h265.HevcDecoderConfigurationRecord;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * An H.264/H.265 access unit as a TS video PES carries it (ITU-T H.222.0 2.14 / 2.17: Annex B byte stream,
 * one access unit per PES), shaped for HLS:
 *
 * <ol>
 * <li>an access unit delimiter first (H.264 7.3.2.4 {@code 09 f0}: primary_pic_type 7, any slice type;
 *     H.265 7.3.2.5 {@code 46 01 50}: pic_type 2) unless the access unit starts with one: H.222.0 2.14.1
 *     requires AUDs in AVC streams in TS, and Apple's HLS authoring spec, iOS and video.js want them;</li>
 * <li>on a key frame that lacks them in-band, the track's parameter sets (SPS+PPS, or VPS+SPS+PPS, from
 *     its avcC/hvcC) right after the AUD, so every segment, which starts at a key frame, is decodable on
 *     its own; in-band sets that follow still win, being later;</li>
 * <li>every NAL unit with a 4-byte start code.</li>
 * </ol>
 *
 * Input may be AVCC (4-byte lengths) or Annex B. This is the TS-specific part of what
 * {@code process.annexb.AnnexbConverter} does; {@code format} may not depend on {@code process}, so it is
 * done here from the codec package's primitives.
 */
final class VideoAccessUnit {
    private static final byte[] H264_AUD = {0x09, (byte) 0xF0};
    private static final byte[] H265_AUD = {0x46, 0x01, 0x50};
    private static final int H264_TYPE_MASK = 0x1F;
    private static final int H264_AUD_TYPE = 9;
    private static final int H264_SPS = 7;
    private static final int H264_PPS = 8;
    private static final int H265_VPS = 32;
    private static final int H265_SPS = 33;
    private static final int H265_PPS = 34;
    private static final int H265_AUD_TYPE = 35;

    private final Codec codec;
    private Track configuredFor;
    private List<byte[]> parameterSets = List.of();

    VideoAccessUnit(Codec codec) {
        this.codec = codec;
    }

    /** The Annex B bytes of {@code frame}'s access unit, AUD first and parameter sets on key frames. */
    byte[] toAnnexB(MediaFrame frame) {
        byte[] payload = frame.payloadBytes();
        NalUnits units;
        try {
            units = frame.format() == BitstreamFormat.ANNEX_B ? AnnexB.split(payload, 0, payload.length)
                    : Avcc.split(payload, 0, payload.length, Avcc.LENGTH_SIZE);
        } catch (CodecException e) {
            throw new TsException("video access unit of track " + frame.track().id() + ": " + e.getMessage(), e);
        }
        if (units.count() == 0) {
            throw new TsException("video access unit of track " + frame.track().id() + " has no NAL units ("
                    + payload.length + " bytes, " + frame.format() + ")");
        }
        boolean hasAud = type(units.header(0)) == audType();
        List<byte[]> sets = frame.keyframe() && !hasParameterSets(units) ? parameterSets(frame.track()) : List.of();
        return join(units, hasAud, sets);
    }

    private byte[] join(NalUnits units, boolean hasAud, List<byte[]> sets) {
        byte[] aud = codec == Codec.H264 ? H264_AUD : H265_AUD;
        int size = AnnexB.joinedLength(units) + (hasAud ? 0 : AnnexB.START_CODE_LENGTH + aud.length);
        for (byte[] s : sets) {
            size += AnnexB.START_CODE_LENGTH + s.length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        int next = 0;
        if (hasAud) {
            pos = unit(out, pos, units.buffer(), units.offset(0), units.length(0));
            next = 1;
        } else {
            pos = unit(out, pos, aud, 0, aud.length);
        }
        for (byte[] s : sets) {
            pos = unit(out, pos, s, 0, s.length);
        }
        for (int i = next; i < units.count(); i++) {
            pos = unit(out, pos, units.buffer(), units.offset(i), units.length(i));
        }
        return out;
    }

    private static int unit(byte[] out, int pos, byte[] src, int offset, int length) {
        int p = AnnexB.writeStartCode(out, pos);
        System.arraycopy(src, offset, out, p, length);
        return p + length;
    }

    private int type(byte header) {
        return codec == Codec.H264 ? header & H264_TYPE_MASK : (header >> 1) & 0x3F;
    }

    private int audType() {
        return codec == Codec.H264 ? H264_AUD_TYPE : H265_AUD_TYPE;
    }

    /** True when the access unit carries every parameter set kind itself (SPS+PPS; VPS+SPS+PPS). */
    private boolean hasParameterSets(NalUnits units) {
        boolean vps = codec == Codec.H264;
        boolean sps = false;
        boolean pps = false;
        for (int i = 0; i < units.count(); i++) {
            int t = type(units.header(i));
            if (codec == Codec.H264) {
                sps |= t == H264_SPS;
                pps |= t == H264_PPS;
            } else {
                vps |= t == H265_VPS;
                sps |= t == H265_SPS;
                pps |= t == H265_PPS;
            }
        }
        return vps && sps && pps;
    }

    /** The track's parameter sets in decoding order, decoded once per configuration. */
    private List<byte[]> parameterSets(Track track) {
        if (configuredFor != null && (configuredFor == track || configuredFor.sameConfig(track))) {
            return parameterSets;
        }
        List<byte[]> sets = new ArrayList<>();
        if (track.hasConfig()) {
            try {
                if (codec == Codec.H264) {
                    AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(track.config());
                    sets.addAll(r.sequenceParameterSets());
                    sets.addAll(r.pictureParameterSets());
                } else {
                    HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.decode(track.config());
                    sets.addAll(r.nalUnits(H265_VPS));
                    sets.addAll(r.nalUnits(H265_SPS));
                    sets.addAll(r.nalUnits(H265_PPS));
                }
            } catch (CodecException e) {
                throw new TsException("codec configuration of track " + track.id() + ": " + e.getMessage(), e);
            }
        }
        configuredFor = track;
        parameterSets = List.copyOf(sets);
        return parameterSets;
    }
}
