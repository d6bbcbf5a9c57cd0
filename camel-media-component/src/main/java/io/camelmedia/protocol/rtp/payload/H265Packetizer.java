package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.h265.HevcDecoderConfigurationRecord;
import io.camelmedia.codec.h265.NalUnitType;

import java.util.ArrayList;
import java.util.List;

/**
 * H.265 access units to RTP payloads, RFC 7798 without DONL ({@code sprop-max-don-diff} 0): single NAL unit
 * packets, aggregation packets (AP, §4.4.2) for runs of small units, fragmentation units (FU, §4.4.3) for
 * units above the payload size.
 */
public final class H265Packetizer extends NalUnitPacketizer {
    private static final int F_BIT = 0x80;
    private static final int LAYER_ID_MSB = 0x01;
    private static final int TID_MASK = 0x07;

    public H265Packetizer() {
        super(true, true);
    }

    @Override
    int headerLength() {
        return 2;
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
        HevcDecoderConfigurationRecord hvcc = HevcDecoderConfigurationRecord.decode(config);
        List<byte[]> sets = new ArrayList<>(hvcc.nalUnits(NalUnitType.VPS));
        sets.addAll(hvcc.nalUnits(NalUnitType.SPS));
        sets.addAll(hvcc.nalUnits(NalUnitType.PPS));
        return sets;
    }

    /** §4.4.2: F = OR of the F bits, Type 48, LayerId and TID the lowest of the units'. */
    @Override
    void writeAggregationHeader(List<byte[]> nals, byte[] out) {
        int f = 0;
        int layerId = 0x3F;
        int tid = TID_MASK;
        for (byte[] n : nals) {
            f |= n[0] & F_BIT;
            layerId = Math.min(layerId, ((n[0] & LAYER_ID_MSB) << 5) | ((n[1] & 0xFF) >>> 3));
            tid = Math.min(tid, n[1] & TID_MASK);
        }
        out[0] = (byte) (f | (H265Depacketizer.AP << 1) | (layerId >>> 5));
        out[1] = (byte) (((layerId & 0x1F) << 3) | tid);
    }

    /** §4.4.3: PayloadHdr = the unit's header with Type 49; FU header = S, E, FuType. */
    @Override
    void writeFragmentHeader(byte[] nal, boolean start, boolean end, byte[] out) {
        out[0] = (byte) ((nal[0] & (F_BIT | LAYER_ID_MSB)) | (H265Depacketizer.FU << 1));
        out[1] = nal[1];
        out[2] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | NalUnitType.of(nal[0]));
    }
}
