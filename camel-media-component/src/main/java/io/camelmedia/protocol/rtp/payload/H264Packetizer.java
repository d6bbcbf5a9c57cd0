package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h264.NalUnitType;

import java.util.ArrayList;
import java.util.List;

/**
 * H.264 access units to RTP payloads, RFC 6184. packetization-mode 1 (non-interleaved, the default and what
 * browsers and ffmpeg use): single NAL unit packets, STAP-A (§5.7.1) for runs of small units (SPS+PPS+SEI),
 * FU-A (§5.8) for units above the payload size. packetization-mode 0: single NAL unit packets only, so a
 * unit above the payload size fails.
 */
public final class H264Packetizer extends NalUnitPacketizer {
    private static final int NRI_MASK = 0x60;
    private static final int F_BIT = 0x80;
    private static final int TYPE_MASK = 0x1F;

    /** packetization-mode 1. */
    public H264Packetizer() {
        this(1);
    }

    /** @param packetizationMode 0 (single NAL unit) or 1 (non-interleaved) */
    public H264Packetizer(int packetizationMode) {
        super(checkMode(packetizationMode) == 1, packetizationMode == 1);
    }

    private static int checkMode(int mode) {
        if (mode != 0 && mode != 1) {
            throw new IllegalArgumentException("packetization-mode must be 0 or 1 (2 is interleaved), was " + mode);
        }
        return mode;
    }

    @Override
    int headerLength() {
        return 1;
    }

    @Override
    int fuHeaderLength() {
        return 1;
    }

    @Override
    boolean isParameterSet(byte header0) {
        return NalUnitType.isParameterSet(NalUnitType.of(header0));
    }

    @Override
    List<byte[]> parameterSets(byte[] config) {
        AvcDecoderConfigurationRecord avcc = AvcDecoderConfigurationRecord.decode(config);
        List<byte[]> sets = new ArrayList<>(avcc.sequenceParameterSets());
        sets.addAll(avcc.pictureParameterSets());
        return sets;
    }

    /** §5.7.1: F is the OR of the units' F bits, NRI their maximum, Type 24. */
    @Override
    void writeAggregationHeader(List<byte[]> nals, byte[] out) {
        int f = 0;
        int nri = 0;
        for (byte[] n : nals) {
            f |= n[0] & F_BIT;
            nri = Math.max(nri, n[0] & NRI_MASK);
        }
        out[0] = (byte) (f | nri | H264Depacketizer.STAP_A);
    }

    /** §5.8: FU indicator = the unit's F and NRI with Type 28; FU header = S, E, R=0, the unit's Type. */
    @Override
    void writeFragmentHeader(byte[] nal, boolean start, boolean end, byte[] out) {
        out[0] = (byte) ((nal[0] & (F_BIT | NRI_MASK)) | H264Depacketizer.FU_A);
        out[1] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | (nal[0] & TYPE_MASK));
    }
}
