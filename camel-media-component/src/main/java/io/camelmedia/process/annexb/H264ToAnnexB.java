package io.camelmedia.process.annexb;

import java.util.List;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnitType;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.frame.Track;

/**
 * AVCC to Annex B for one H.264 track, placing SPS/PPS the way ffmpeg's {@code h264_mp4toannexb} does:
 *
 * <ul>
 * <li>The out-of-band SPS/PPS (from the track's avcC, replaced by the latest in-band ones a frame carries)
 *     go right before the first IDR slice of an IDR picture, unless the access unit already carried both
 *     since the last non-IDR slice. So they land after an AUD or SEI, never before them.</li>
 * <li>An SPS alone in-band gets the stored PPS added before the IDR slice; a PPS without a preceding SPS
 *     gets the stored SPS put before it.</li>
 * <li>A new IDR picture is recognised after a non-IDR slice, after in-band parameter sets, or by an IDR
 *     slice whose first_mb_in_slice is 0 (first bit of the slice header set).</li>
 * </ul>
 *
 * The state (whether the next IDR is new, whether SPS/PPS were seen) carries over from frame to frame, as
 * in ffmpeg, so the output of a stream is byte-identical to {@code -bsf:v h264_mp4toannexb}.
 */
final class H264ToAnnexB {
    private static final int FIRST_MB_IS_ZERO = 0x80;

    private final Track track;
    private final boolean configured;
    private final StartCodes style;
    private List<byte[]> sps;
    private List<byte[]> pps;
    private boolean newIdr;
    private boolean spsSeen;
    private boolean ppsSeen;

    H264ToAnnexB(Track track, StartCodes style) {
        this.track = track;
        this.style = style;
        this.configured = track.hasConfig();
        if (configured) {
            AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(track.config());
            sps = r.sequenceParameterSets();
            pps = r.pictureParameterSets();
        } else {
            sps = List.of();
            pps = List.of();
        }
        newIdr = configured;
    }

    /** True when this state was built for {@code t}'s configuration. */
    boolean isFor(Track t) {
        return t == track || t.sameConfig(track);
    }

    byte[] convert(byte[] payload, int offset, int length) {
        NalUnits units = Avcc.split(payload, offset, length, Avcc.LENGTH_SIZE);
        if (units.count() == 0) {
            throw new CodecException("H.264 AVCC access unit has no NAL units (" + length + " bytes)");
        }
        saveInBandParameterSets(units);
        Output count = new Output(null);
        State s = pass(units, count);
        Output copy = new Output(new byte[count.size]);
        pass(units, copy);
        newIdr = s.newIdr;
        spsSeen = s.spsSeen;
        ppsSeen = s.ppsSeen;
        return copy.buf;
    }

    /** In-band SPS (PPS) of a frame replace the stored ones for later insertions. */
    private void saveInBandParameterSets(NalUnits units) {
        List<byte[]> newSps = null;
        List<byte[]> newPps = null;
        for (int i = 0; i < units.count(); i++) {
            int type = NalUnitType.of(units.header(i));
            if (type == NalUnitType.SPS) {
                newSps = add(newSps, units.copy(i));
            } else if (type == NalUnitType.PPS) {
                newPps = add(newPps, units.copy(i));
            }
        }
        sps = newSps != null ? newSps : sps;
        pps = newPps != null ? newPps : pps;
    }

    private static List<byte[]> add(List<byte[]> list, byte[] nal) {
        List<byte[]> l = list == null ? new java.util.ArrayList<>(2) : list;
        l.add(nal);
        return l;
    }

    private record State(boolean newIdr, boolean spsSeen, boolean ppsSeen) {
    }

    private State pass(NalUnits units, Output out) {
        boolean idr = newIdr;
        boolean sawSps = spsSeen;
        boolean sawPps = ppsSeen;
        for (int i = 0; i < units.count(); i++) {
            int type = NalUnitType.of(units.header(i));
            if (!configured) {
                nal(out, units, i, type);
                continue;
            }
            if (type == NalUnitType.SPS) {
                sawSps = idr = true;
            } else if (type == NalUnitType.PPS) {
                sawPps = idr = true;
                if (!sawSps && !sps.isEmpty()) {
                    parameterSets(out, sps);
                    sawSps = true;
                }
            }
            if (!idr && type == NalUnitType.IDR_SLICE && firstMbIsZero(units, i)) {
                idr = true;
            }
            if (idr && type == NalUnitType.IDR_SLICE && !sawSps && !sawPps) {
                parameterSets(out, sps);
                parameterSets(out, pps);
                idr = false;
            } else if (idr && type == NalUnitType.IDR_SLICE && sawSps && !sawPps) {
                parameterSets(out, pps);
            }
            nal(out, units, i, type);
            if (type == NalUnitType.NON_IDR_SLICE) {
                idr = true;
                sawSps = false;
                sawPps = false;
            }
        }
        return new State(idr, sawSps, sawPps);
    }

    private static boolean firstMbIsZero(NalUnits units, int i) {
        return units.length(i) > 1 && (units.buffer()[units.offset(i) + 1] & FIRST_MB_IS_ZERO) != 0;
    }

    private void nal(Output out, NalUnits units, int i, int type) {
        boolean four = style == StartCodes.FOUR_BYTE || out.size == 0 || NalUnitType.isParameterSet(type);
        out.startCode(four ? 4 : 3);
        out.bytes(units.buffer(), units.offset(i), units.length(i));
    }

    private static void parameterSets(Output out, List<byte[]> sets) {
        for (byte[] ps : sets) {
            out.startCode(4);
            out.bytes(ps, 0, ps.length);
        }
    }
}
