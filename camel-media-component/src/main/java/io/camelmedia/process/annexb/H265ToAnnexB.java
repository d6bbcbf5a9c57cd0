package io.camelmedia.process.annexb;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.codec.h265.HevcDecoderConfigurationRecord;
import io.camelmedia.codec.h265.NalUnitType;
import io.camelmedia.frame.Track;

/**
 * AVCC to Annex B for one H.265 track, as ffmpeg's {@code hevc_mp4toannexb} does: every NAL unit gets a
 * 4-byte start code, and all NAL units of the hvcC arrays (VPS, SPS, PPS and any SEI, in record order)
 * go right before the first IRAP slice of each access unit, even when the access unit carries parameter
 * sets in-band (ffmpeg does not look for them). No state carries over between frames.
 */
final class H265ToAnnexB {
    private final Track track;
    private final byte[] parameterSets;

    H265ToAnnexB(Track track) {
        this.track = track;
        this.parameterSets = track.hasConfig() ? annexB(HevcDecoderConfigurationRecord.decode(track.config())) : null;
    }

    private static byte[] annexB(HevcDecoderConfigurationRecord r) {
        Output count = new Output(null);
        write(r, count);
        Output copy = new Output(new byte[count.size]);
        write(r, copy);
        return copy.buf;
    }

    private static void write(HevcDecoderConfigurationRecord r, Output out) {
        for (HevcDecoderConfigurationRecord.NalArray a : r.arrays()) {
            for (byte[] nal : a.nalUnits()) {
                out.startCode(4);
                out.bytes(nal, 0, nal.length);
            }
        }
    }

    boolean isFor(Track t) {
        return t == track || t.sameConfig(track);
    }

    byte[] convert(byte[] payload, int offset, int length) {
        NalUnits units = Avcc.split(payload, offset, length, Avcc.LENGTH_SIZE);
        if (units.count() == 0) {
            throw new CodecException("H.265 AVCC access unit has no NAL units (" + length + " bytes)");
        }
        Output count = new Output(null);
        pass(units, count);
        Output copy = new Output(new byte[count.size]);
        pass(units, copy);
        return copy.buf;
    }

    private void pass(NalUnits units, Output out) {
        boolean gotIrap = false;
        for (int i = 0; i < units.count(); i++) {
            if (units.length(i) < NalUnitType.HEADER_LENGTH) {
                throw new CodecException("H.265 NAL unit " + i + " has " + units.length(i)
                        + " bytes, less than its 2-byte header");
            }
            boolean irap = NalUnitType.isIrap(NalUnitType.of(units.header(i)));
            if (irap && !gotIrap && parameterSets != null) {
                out.bytes(parameterSets, 0, parameterSets.length);
            }
            gotIrap |= irap;
            out.startCode(4);
            out.bytes(units.buffer(), units.offset(i), units.length(i));
        }
    }
}
