package io.camelmedia.codec.h265;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.ByteReader;

/**
 * HEVCDecoderConfigurationRecord, ISO/IEC 14496-15 8.3.3.1 (payload of the {@code hvcC} box and of the
 * Enhanced-RTMP HEVC sequence start):
 *
 * <pre>
 * configurationVersion(8) = 1
 * general_profile_space(2) general_tier_flag(1) general_profile_idc(5)
 * general_profile_compatibility_flags(32) general_constraint_indicator_flags(48) general_level_idc(8)
 * '1111' min_spatial_segmentation_idc(12)   '111111' parallelismType(2)   '111111' chromaFormat(2)
 * '11111' bitDepthLumaMinus8(3)   '11111' bitDepthChromaMinus8(3)   avgFrameRate(16)
 * constantFrameRate(2) numTemporalLayers(3) temporalIdNested(1) lengthSizeMinusOne(2)
 * numOfArrays(8) { array_completeness(1) reserved(1) NAL_unit_type(6) numNalus(16)
 *                  { nalUnitLength(16) nalUnit }... }...
 * </pre>
 */
public final class HevcDecoderConfigurationRecord {
    private static final String STRUCTURE = "HEVCDecoderConfigurationRecord";
    /** Bytes before the arrays (8.3.3.1.1). */
    public static final int HEADER_SIZE = 23;
    /**
     * Largest record accepted: 64 KiB. x265 puts its 2 KB "encoder settings" SEI in the record; real
     * parameter sets are tens of bytes.
     */
    public static final int MAX_RECORD_SIZE = 64 * 1024;
    /** One array per NAL unit type at most: nal_unit_type has 6 bits. */
    public static final int MAX_ARRAYS = 64;
    /** NAL units per array: up to 64 PPS ids (7.4.3.3.1) is the most any parameter-set type can have. */
    public static final int MAX_NALUS_PER_ARRAY = 64;

    /** One array of NAL units of the same type. */
    public record NalArray(boolean arrayCompleteness, int nalUnitType, List<byte[]> nalUnits) {
        public NalArray {
            nalUnits = List.copyOf(nalUnits);
        }
    }

    private final byte[] header; // the 22 fixed bytes after configurationVersion, kept verbatim
    private final List<NalArray> arrays;

    private HevcDecoderConfigurationRecord(byte[] header, List<NalArray> arrays) {
        this.header = header;
        this.arrays = List.copyOf(arrays);
    }

    /** Decodes the record in {@code buf[offset, offset+length)}. */
    public static HevcDecoderConfigurationRecord decode(byte[] buf, int offset, int length) {
        ByteReader r = new ByteReader(STRUCTURE, buf, offset, length);
        r.checkLimit("record size", length, MAX_RECORD_SIZE);
        r.require(HEADER_SIZE, "header");
        int version = r.u8("configurationVersion");
        if (version != 1) {
            throw r.invalid("configurationVersion", version, "must be 1");
        }
        byte[] header = r.bytes(HEADER_SIZE - 2, "general_profile_space..lengthSizeMinusOne");
        if ((header[20] & 0x03) == 2) {
            throw r.invalid("lengthSizeMinusOne", 2, "NAL unit lengths of 3 bytes are not allowed");
        }
        int numArrays = r.checkLimit("numOfArrays", r.u8("numOfArrays"), MAX_ARRAYS);
        List<NalArray> arrays = new ArrayList<>(numArrays);
        for (int i = 0; i < numArrays; i++) {
            arrays.add(array(r));
        }
        return new HevcDecoderConfigurationRecord(header, arrays);
    }

    public static HevcDecoderConfigurationRecord decode(byte[] record) {
        return decode(record, 0, record.length);
    }

    private static NalArray array(ByteReader r) {
        r.require(3, "array header");
        int b = r.u8("NAL_unit_type");
        int count = r.checkLimit("numNalus", r.u16("numNalus"), MAX_NALUS_PER_ARRAY);
        List<byte[]> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = r.u16("nalUnitLength");
            if (n < NalUnitType.HEADER_LENGTH) {
                throw r.invalid("nalUnitLength", n, "a NAL unit has a 2-byte header");
            }
            units.add(r.bytes(n, "nalUnit"));
        }
        return new NalArray((b & 0x80) != 0, b & 0x3F, units);
    }

    /**
     * A record for the given parameter sets (NAL units with their 2-byte header), 4-byte lengths, arrays
     * complete; the general profile/tier/level, chroma format and bit depths come from the first SPS.
     */
    public static HevcDecoderConfigurationRecord of(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
        if (sps.isEmpty()) {
            throw new CodecException(STRUCTURE + ": at least one SPS is needed");
        }
        Sps s = Sps.decode(sps.get(0));
        ProfileTierLevel p = s.profileTierLevel();
        byte[] h = new byte[HEADER_SIZE - 2];
        h[0] = (byte) ((p.generalProfileSpace() << 6) | (p.generalTierFlag() ? 0x20 : 0) | p.generalProfileIdc());
        long compat = p.generalProfileCompatibilityFlags();
        long constraints = p.generalConstraintIndicatorFlags();
        for (int i = 0; i < 4; i++) {
            h[1 + i] = (byte) (compat >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            h[5 + i] = (byte) (constraints >>> (40 - 8 * i));
        }
        h[11] = (byte) p.generalLevelIdc();
        h[12] = (byte) 0xF0; // reserved '1111', min_spatial_segmentation_idc 0 (unknown)
        h[13] = 0;
        h[14] = (byte) 0xFC; // parallelismType 0 (unknown)
        h[15] = (byte) (0xFC | s.chromaFormatIdc());
        h[16] = (byte) (0xF8 | s.bitDepthLumaMinus8());
        h[17] = (byte) (0xF8 | s.bitDepthChromaMinus8());
        // avgFrameRate 0 (unknown); constantFrameRate 0, numTemporalLayers, temporalIdNested 0, lengthSizeMinusOne 3
        h[20] = (byte) (((s.spsMaxSubLayersMinus1() + 1) << 3) | 0x03);
        List<NalArray> arrays = new ArrayList<>(3);
        addArray(arrays, NalUnitType.VPS, vps);
        addArray(arrays, NalUnitType.SPS, sps);
        addArray(arrays, NalUnitType.PPS, pps);
        return new HevcDecoderConfigurationRecord(h, arrays);
    }

    private static void addArray(List<NalArray> arrays, int type, List<byte[]> units) {
        if (!units.isEmpty()) {
            arrays.add(new NalArray(true, type, units));
        }
    }

    public int encodedLength() {
        int n = HEADER_SIZE;
        for (NalArray a : arrays) {
            n += 3;
            for (byte[] u : a.nalUnits()) {
                n += 2 + u.length;
            }
        }
        return n;
    }

    /** The record's bytes; {@code decode(encode())} equals this record. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        out[0] = 1;
        System.arraycopy(header, 0, out, 1, header.length);
        int p = HEADER_SIZE - 1;
        out[p++] = (byte) arrays.size();
        for (NalArray a : arrays) {
            out[p++] = (byte) ((a.arrayCompleteness() ? 0x80 : 0) | a.nalUnitType());
            out[p++] = (byte) (a.nalUnits().size() >>> 8);
            out[p++] = (byte) a.nalUnits().size();
            for (byte[] u : a.nalUnits()) {
                out[p++] = (byte) (u.length >>> 8);
                out[p++] = (byte) u.length;
                System.arraycopy(u, 0, out, p, u.length);
                p += u.length;
            }
        }
        return out;
    }

    public int generalProfileSpace() {
        return (header[0] & 0xFF) >> 6;
    }

    public boolean generalTierFlag() {
        return (header[0] & 0x20) != 0;
    }

    public int generalProfileIdc() {
        return header[0] & 0x1F;
    }

    public int generalLevelIdc() {
        return header[11] & 0xFF;
    }

    public int chromaFormat() {
        return header[15] & 0x03;
    }

    public int bitDepthLumaMinus8() {
        return header[16] & 0x07;
    }

    public int bitDepthChromaMinus8() {
        return header[17] & 0x07;
    }

    public int numTemporalLayers() {
        return (header[20] >> 3) & 0x07;
    }

    /** NAL unit length size of the samples: 1, 2 or 4. */
    public int lengthSize() {
        return (header[20] & 0x03) + 1;
    }

    public List<NalArray> arrays() {
        return arrays;
    }

    /** All NAL units of {@code nalUnitType}, in record order (shared arrays: do not change them). */
    public List<byte[]> nalUnits(int nalUnitType) {
        List<byte[]> out = new ArrayList<>();
        for (NalArray a : arrays) {
            if (a.nalUnitType() == nalUnitType) {
                out.addAll(a.nalUnits());
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HevcDecoderConfigurationRecord other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return STRUCTURE + "[profile=" + generalProfileIdc() + " level=" + generalLevelIdc() + " arrays="
                + arrays.size() + "]";
    }
}
