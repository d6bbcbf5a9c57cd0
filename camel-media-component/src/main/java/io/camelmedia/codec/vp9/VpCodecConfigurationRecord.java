package io.camelmedia.codec.vp9;

import java.util.Arrays;

import io.camelmedia.codec.bits.ByteReader;
import io.camelmedia.codec.bits.Errors;

/**
 * VPCodecConfigurationRecord of the VP Codec ISO Media File Format Binding v1.0, 2.2 (the payload of
 * the {@code vpcC} box after its FullBox version and flags):
 *
 * <pre>
 * profile(8) level(8) bitDepth(4) chromaSubsampling(3) videoFullRangeFlag(1)
 * colourPrimaries(8) transferCharacteristics(8) matrixCoefficients(8)
 * codecInitializationDataSize(16) codecInitializationData(8 * size)
 * </pre>
 *
 * Also accepted with the {@code vpcC} FullBox header in front (version(8) = 1, flags(24) = 0), which is how
 * ffmpeg's FLV muxer sends the Enhanced-RTMP {@code vp09} sequence start; {@link #encode()} writes back the
 * form that was decoded. The two forms cannot be confused: a bare record starting {@code 01 00 00 00}
 * would have bitDepth 0, which 2.2 does not allow.
 */
public final class VpCodecConfigurationRecord {
    private static final String STRUCTURE = "VPCodecConfigurationRecord";
    /** Bytes before codecInitializationData. */
    public static final int HEADER_SIZE = 8;
    /** The vpcC FullBox header: version 1, flags 0. */
    private static final int FULL_BOX_HEADER_SIZE = 4;
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
    private final boolean fullBoxHeader;

    public VpCodecConfigurationRecord(int profile, int level, int bitDepth, int chromaSubsampling,
                                      boolean videoFullRangeFlag, int colourPrimaries, int transferCharacteristics,
                                      int matrixCoefficients, byte[] codecInitializationData) {
        this(profile, level, bitDepth, chromaSubsampling, videoFullRangeFlag, colourPrimaries, transferCharacteristics,
                matrixCoefficients, codecInitializationData, false);
    }

    private VpCodecConfigurationRecord(int profile, int level, int bitDepth, int chromaSubsampling,
                                      boolean videoFullRangeFlag, int colourPrimaries, int transferCharacteristics,
                                      int matrixCoefficients, byte[] codecInitializationData, boolean fullBoxHeader) {
        this.fullBoxHeader = fullBoxHeader;
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
        boolean fullBox = length >= FULL_BOX_HEADER_SIZE + HEADER_SIZE && buf[offset] == 1 && buf[offset + 1] == 0
                && buf[offset + 2] == 0 && buf[offset + 3] == 0;
        if (fullBox) {
            r.skip(FULL_BOX_HEADER_SIZE, "vpcC version and flags");
        }
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
        int bitDepth = b >> 4;
        if (bitDepth != 8 && bitDepth != 10 && bitDepth != 12) {
            throw Errors.invalid(STRUCTURE, "bitDepth", bitDepth, "must be 8, 10 or 12", (fullBox ? 6 : 2));
        }
        return new VpCodecConfigurationRecord(profile, level, bitDepth, (b >> 1) & 0x07, (b & 1) != 0, cp, tc, mc, init,
                fullBox);
    }

    public static VpCodecConfigurationRecord decode(byte[] record) {
        return decode(record, 0, record.length);
    }

    public int encodedLength() {
        return (fullBoxHeader ? FULL_BOX_HEADER_SIZE : 0) + HEADER_SIZE + codecInitializationData.length;
    }

    /** The record, with the FullBox header when it was decoded with one. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        int p = 0;
        if (fullBoxHeader) {
            out[0] = 1;
            p = FULL_BOX_HEADER_SIZE;
        }
        out[p] = (byte) profile;
        out[p + 1] = (byte) level;
        out[p + 2] = (byte) ((bitDepth << 4) | (chromaSubsampling << 1) | (videoFullRangeFlag ? 1 : 0));
        out[p + 3] = (byte) colourPrimaries;
        out[p + 4] = (byte) transferCharacteristics;
        out[p + 5] = (byte) matrixCoefficients;
        out[p + 6] = (byte) (codecInitializationData.length >>> 8);
        out[p + 7] = (byte) codecInitializationData.length;
        System.arraycopy(codecInitializationData, 0, out, p + HEADER_SIZE, codecInitializationData.length);
        return out;
    }

    /** True when the decoded bytes had the vpcC FullBox header (version 1, flags 0) in front. */
    public boolean hasFullBoxHeader() {
        return fullBoxHeader;
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
