package io.camelmedia.codec.vp9;

import java.util.Arrays;

import io.camelmedia.codec.bits.ByteReader;

/**
 * VPCodecConfigurationRecord of the VP Codec ISO Media File Format Binding v1.0, 2.2 (the payload of
 * the {@code vpcC} box after its FullBox version and flags):
 *
 * <pre>
 * profile(8) level(8) bitDepth(4) chromaSubsampling(3) videoFullRangeFlag(1)
 * colourPrimaries(8) transferCharacteristics(8) matrixCoefficients(8)
 * codecInitializationDataSize(16) codecInitializationData(8 * size)
 * </pre>
 */
public final class VpCodecConfigurationRecord {
    private static final String STRUCTURE = "VPCodecConfigurationRecord";
    /** Bytes before codecInitializationData. */
    public static final int HEADER_SIZE = 8;
    /** 2.2: codecInitializationDataSize "must be 0 for VP8 and VP9"; a little slack for other VP codecs. */
    public static final int MAX_INITIALIZATION_DATA_SIZE = 1024;

    private final int profile;
    private final int level;
    private final int bitDepth;
    private final int chromaSubsampling;
    private final boolean videoFullRangeFlag;
    private final int colourPrimaries;
    private final int transferCharacteristics;
    private final int matrixCoefficients;
    private final byte[] codecInitializationData;

    public VpCodecConfigurationRecord(int profile, int level, int bitDepth, int chromaSubsampling,
                                      boolean videoFullRangeFlag, int colourPrimaries, int transferCharacteristics,
                                      int matrixCoefficients, byte[] codecInitializationData) {
        this.profile = profile;
        this.level = level;
        this.bitDepth = bitDepth;
        this.chromaSubsampling = chromaSubsampling;
        this.videoFullRangeFlag = videoFullRangeFlag;
        this.colourPrimaries = colourPrimaries;
        this.transferCharacteristics = transferCharacteristics;
        this.matrixCoefficients = matrixCoefficients;
        this.codecInitializationData = codecInitializationData.clone();
    }

    public static VpCodecConfigurationRecord decode(byte[] buf, int offset, int length) {
        ByteReader r = new ByteReader(STRUCTURE, buf, offset, length);
        r.require(HEADER_SIZE, "header");
        int profile = r.u8("profile");
        int level = r.u8("level");
        int b = r.u8("bitDepth/chromaSubsampling/videoFullRangeFlag");
        int cp = r.u8("colourPrimaries");
        int tc = r.u8("transferCharacteristics");
        int mc = r.u8("matrixCoefficients");
        int size = r.checkLimit("codecInitializationDataSize", r.u16("codecInitializationDataSize"),
                MAX_INITIALIZATION_DATA_SIZE);
        byte[] init = r.bytes(size, "codecInitializationData");
        return new VpCodecConfigurationRecord(profile, level, b >> 4, (b >> 1) & 0x07, (b & 1) != 0, cp, tc, mc, init);
    }

    public static VpCodecConfigurationRecord decode(byte[] record) {
        return decode(record, 0, record.length);
    }

    public int encodedLength() {
        return HEADER_SIZE + codecInitializationData.length;
    }

    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        out[0] = (byte) profile;
        out[1] = (byte) level;
        out[2] = (byte) ((bitDepth << 4) | (chromaSubsampling << 1) | (videoFullRangeFlag ? 1 : 0));
        out[3] = (byte) colourPrimaries;
        out[4] = (byte) transferCharacteristics;
        out[5] = (byte) matrixCoefficients;
        out[6] = (byte) (codecInitializationData.length >>> 8);
        out[7] = (byte) codecInitializationData.length;
        System.arraycopy(codecInitializationData, 0, out, HEADER_SIZE, codecInitializationData.length);
        return out;
    }

    public int profile() {
        return profile;
    }

    public int level() {
        return level;
    }

    public int bitDepth() {
        return bitDepth;
    }

    /** 0: 4:2:0 vertical, 1: 4:2:0 colocated, 2: 4:2:2, 3: 4:4:4 (2.2). */
    public int chromaSubsampling() {
        return chromaSubsampling;
    }

    public boolean videoFullRangeFlag() {
        return videoFullRangeFlag;
    }

    public int colourPrimaries() {
        return colourPrimaries;
    }

    public int transferCharacteristics() {
        return transferCharacteristics;
    }

    public int matrixCoefficients() {
        return matrixCoefficients;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VpCodecConfigurationRecord other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
