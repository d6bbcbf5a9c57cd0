package io.camelmedia.process.annexb;

import java.util.ArrayList;
import java.util.List;

import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.codec.h265.HevcDecoderConfigurationRecord;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;

/**
 * For one H.264/H.265 track converted to AVCC: the track frames go out on, rebuilt with a new avcC/hvcC
 * (and the width/height of its SPS) whenever an access unit carries parameter sets that differ from the
 * current ones. A type the access unit does not carry (e.g. PPS only) keeps its current sets.
 */
final class ParameterSetTracker {
    private final Track input;
    private Track output;
    private List<byte[]> vps;
    private List<byte[]> sps;
    private List<byte[]> pps;

    ParameterSetTracker(Track input) {
        this.input = input;
        this.output = input;
        this.vps = List.of();
        this.sps = List.of();
        this.pps = List.of();
        if (input.hasConfig()) {
            readConfig(input);
        }
    }

    private void readConfig(Track t) {
        if (t.codec() == Codec.H264) {
            AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(t.config());
            sps = r.sequenceParameterSets();
            pps = r.pictureParameterSets();
        } else {
            HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.decode(t.config());
            vps = r.nalUnits(io.camelmedia.codec.h265.NalUnitType.VPS);
            sps = r.nalUnits(io.camelmedia.codec.h265.NalUnitType.SPS);
            pps = r.nalUnits(io.camelmedia.codec.h265.NalUnitType.PPS);
        }
    }

    /** True when frames of {@code t} belong to this tracker (same input track configuration). */
    boolean isFor(Track t) {
        return t == input || t.equals(input);
    }

    /** The track for an access unit whose NAL units are {@code units}. */
    Track trackFor(NalUnits units) {
        boolean h264 = input.codec() == Codec.H264;
        List<byte[]> inVps = null;
        List<byte[]> inSps = null;
        List<byte[]> inPps = null;
        for (int i = 0; i < units.count(); i++) {
            int type = h264 ? io.camelmedia.codec.h264.NalUnitType.of(units.header(i))
                    : io.camelmedia.codec.h265.NalUnitType.of(units.header(i));
            if (h264 ? type == io.camelmedia.codec.h264.NalUnitType.SPS : type == io.camelmedia.codec.h265.NalUnitType.SPS) {
                inSps = add(inSps, units.copy(i));
            } else if (h264 ? type == io.camelmedia.codec.h264.NalUnitType.PPS
                    : type == io.camelmedia.codec.h265.NalUnitType.PPS) {
                inPps = add(inPps, units.copy(i));
            } else if (!h264 && type == io.camelmedia.codec.h265.NalUnitType.VPS) {
                inVps = add(inVps, units.copy(i));
            }
        }
        if (changed(inVps, vps) || changed(inSps, sps) || changed(inPps, pps)) {
            update(inVps, inSps, inPps);
        }
        return output;
    }

    /** Builds the new track first, so malformed parameter sets leave the state as it was. */
    private void update(List<byte[]> inVps, List<byte[]> inSps, List<byte[]> inPps) {
        List<byte[]> newVps = inVps != null ? inVps : vps;
        List<byte[]> newSps = inSps != null ? inSps : sps;
        List<byte[]> newPps = inPps != null ? inPps : pps;
        if (!newSps.isEmpty()) {
            output = TrackFromParameterSets.build(output, newVps, newSps, newPps);
        } // else nothing to build a record from yet (e.g. PPS before any SPS): keep them for later
        vps = newVps;
        sps = newSps;
        pps = newPps;
    }

    private static boolean changed(List<byte[]> inBand, List<byte[]> current) {
        if (inBand == null) {
            return false;
        }
        if (inBand.size() != current.size()) {
            return true;
        }
        for (int i = 0; i < inBand.size(); i++) {
            if (!java.util.Arrays.equals(inBand.get(i), current.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds {@code nal} unless the same bytes are already there: an access unit that carried its parameter
     * sets in-band and got the configuration's copies inserted as well (hevc_mp4toannexb does that) has
     * them twice.
     */
    private static List<byte[]> add(List<byte[]> list, byte[] nal) {
        List<byte[]> l = list == null ? new ArrayList<>(2) : list;
        for (byte[] have : l) {
            if (java.util.Arrays.equals(have, nal)) {
                return l;
            }
        }
        l.add(nal);
        return l;
    }
}
