package io.camelmedia.codec.h264;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.ByteReader;

/**
 * AVCDecoderConfigurationRecord, ISO/IEC 14496-15 5.3.3.1 (the payload of the {@code avcC} box and of
 * the FLV AVC sequence header):
 *
 * <pre>
 * configurationVersion(8) = 1, AVCProfileIndication(8), profile_compatibility(8), AVCLevelIndication(8),
 * reserved(6) '111111' lengthSizeMinusOne(2),
 * reserved(3) '111' numOfSequenceParameterSets(5), { sequenceParameterSetLength(16) NAL unit }...,
 * numOfPictureParameterSets(8), { pictureParameterSetLength(16) NAL unit }...,
 * if (AVCProfileIndication != 66 && != 77 && != 88) {
 *   reserved(6) chroma_format(2), reserved(5) bit_depth_luma_minus8(3), reserved(5) bit_depth_chroma_minus8(3),
 *   numOfSequenceParameterSetExt(8), { sequenceParameterSetExtLength(16) NAL unit }... }
 * </pre>
 *
 * The high-profile tail is optional in practice (many muxers omit it), so it is read only when bytes
 * remain. Counts are bounded by the parameter-set id ranges ({@link #MAX_SEQUENCE_PARAMETER_SETS},
 * {@link #MAX_PICTURE_PARAMETER_SETS}), lengths by the bytes there, the record by {@link #MAX_RECORD_SIZE}.
 */
public final class AvcDecoderConfigurationRecord {
    private static final String STRUCTURE = "AVCDecoderConfigurationRecord";
    /**
     * Largest record accepted: 64 KiB. A record holds a handful of parameter sets of tens of bytes each
     * (SPS with scaling lists stay under 1 KB); anything larger is not a real configuration.
     */
    public static final int MAX_RECORD_SIZE = 64 * 1024;
    /** seq_parameter_set_id is 0..31 (H.264 7.4.2.1.1): more SPS than ids cannot all be distinct. */
    public static final int MAX_SEQUENCE_PARAMETER_SETS = 32;
    /** pic_parameter_set_id is 0..255 (H.264 7.4.2.2). */
    public static final int MAX_PICTURE_PARAMETER_SETS = 256;
    /** Fixed part before the SPS array: six bytes. */
    private static final int HEADER_SIZE = 6;
    private static final int RESERVED_LENGTH_SIZE = 0xFC;
    private static final int RESERVED_SPS_COUNT = 0xE0;

    private final int configurationVersion;
    private final int avcProfileIndication;
    private final int profileCompatibility;
    private final int avcLevelIndication;
    private final int lengthSizeMinusOne;
    private final List<byte[]> sequenceParameterSets;
    private final List<byte[]> pictureParameterSets;
    private final HighProfileTail highProfileTail;

    /** The optional fields after the PPS array for the high profiles. */
    public record HighProfileTail(int chromaFormat, int bitDepthLumaMinus8, int bitDepthChromaMinus8,
                                  List<byte[]> sequenceParameterSetExts) {
        public HighProfileTail {
            sequenceParameterSetExts = List.copyOf(sequenceParameterSetExts);
        }
    }

    public AvcDecoderConfigurationRecord(int configurationVersion, int avcProfileIndication, int profileCompatibility,
                                         int avcLevelIndication, int lengthSizeMinusOne,
                                         List<byte[]> sequenceParameterSets, List<byte[]> pictureParameterSets,
                                         HighProfileTail highProfileTail) {
        this.configurationVersion = configurationVersion;
        this.avcProfileIndication = avcProfileIndication;
        this.profileCompatibility = profileCompatibility;
        this.avcLevelIndication = avcLevelIndication;
        this.lengthSizeMinusOne = lengthSizeMinusOne;
        this.sequenceParameterSets = List.copyOf(sequenceParameterSets);
        this.pictureParameterSets = List.copyOf(pictureParameterSets);
        this.highProfileTail = highProfileTail;
    }

    /**
     * A record for the given parameter sets (NAL units with their header byte), with 4-byte lengths; profile,
     * compatibility and level are copied from the first SPS (bytes 1..3, as 5.3.3.1.2 requires), and the
     * high-profile tail is filled from it for the profiles that have one.
     */
    public static AvcDecoderConfigurationRecord of(List<byte[]> spsList, List<byte[]> ppsList) {
        if (spsList.isEmpty()) {
            throw new CodecException(STRUCTURE + ": at least one SPS is needed");
        }
        byte[] first = spsList.get(0);
        Sps sps = Sps.decode(first, 0, first.length);
        HighProfileTail tail = hasHighProfileTail(sps.profileIdc())
                ? new HighProfileTail(sps.chromaFormatIdc(), sps.bitDepthLumaMinus8(), sps.bitDepthChromaMinus8(), List.of())
                : null;
        return new AvcDecoderConfigurationRecord(1, first[1] & 0xFF, first[2] & 0xFF, first[3] & 0xFF, 3,
                spsList, ppsList, tail);
    }

    /** Decodes the record in {@code buf[offset, offset+length)}. */
    public static AvcDecoderConfigurationRecord decode(byte[] buf, int offset, int length) {
        ByteReader r = new ByteReader(STRUCTURE, buf, offset, length);
        r.checkLimit("record size", length, MAX_RECORD_SIZE);
        r.require(HEADER_SIZE, "header");
        int version = r.u8("configurationVersion");
        if (version != 1) {
            throw r.invalid("configurationVersion", version, "must be 1");
        }
        int profile = r.u8("AVCProfileIndication");
        int compat = r.u8("profile_compatibility");
        int level = r.u8("AVCLevelIndication");
        int lengthSizeMinusOne = r.u8("lengthSizeMinusOne") & 0x03;
        if (lengthSizeMinusOne == 2) {
            throw r.invalid("lengthSizeMinusOne", 2, "NAL unit lengths of 3 bytes are not allowed");
        }
        List<byte[]> sps = parameterSets(r, r.checkLimit("numOfSequenceParameterSets",
                r.u8("numOfSequenceParameterSets") & 0x1F, MAX_SEQUENCE_PARAMETER_SETS), "sequenceParameterSet");
        List<byte[]> pps = parameterSets(r, r.checkLimit("numOfPictureParameterSets", r.u8("numOfPictureParameterSets"),
                MAX_PICTURE_PARAMETER_SETS), "pictureParameterSet");
        HighProfileTail tail = hasHighProfileTail(profile) && r.remaining() >= 4 ? tail(r) : null;
        return new AvcDecoderConfigurationRecord(version, profile, compat, level, lengthSizeMinusOne, sps, pps, tail);
    }

    public static AvcDecoderConfigurationRecord decode(byte[] record) {
        return decode(record, 0, record.length);
    }

    private static HighProfileTail tail(ByteReader r) {
        int chroma = r.u8("chroma_format") & 0x03;
        int luma = r.u8("bit_depth_luma_minus8") & 0x07;
        int chromaDepth = r.u8("bit_depth_chroma_minus8") & 0x07;
        List<byte[]> ext = parameterSets(r, r.checkLimit("numOfSequenceParameterSetExt",
                r.u8("numOfSequenceParameterSetExt"), MAX_SEQUENCE_PARAMETER_SETS), "sequenceParameterSetExt");
        return new HighProfileTail(chroma, luma, chromaDepth, ext);
    }

    private static List<byte[]> parameterSets(ByteReader r, int count, String field) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = r.u16(field + "Length");
            if (n == 0) {
                throw r.invalid(field + "Length", 0, "a parameter set NAL unit has at least a header byte");
            }
            out.add(r.bytes(n, field));
        }
        return out;
    }

    /**
     * 5.3.3.1.1: the tail exists for every profile but Baseline (66), Main (77) and Extended (88). The first
     * edition listed only 100, 110, 122 and 144; later editions (and ffmpeg) include 244, 44 and the rest.
     */
    public static boolean hasHighProfileTail(int profile) {
        return profile != 66 && profile != 77 && profile != 88;
    }

    /** The encoded size of this record. */
    public int encodedLength() {
        int n = HEADER_SIZE + 1 + arrayLength(sequenceParameterSets) + arrayLength(pictureParameterSets);
        if (highProfileTail != null) {
            n += 4 + arrayLength(highProfileTail.sequenceParameterSetExts());
        }
        return n;
    }

    /** The record's bytes; {@code decode(encode())} equals this record. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        int p = 0;
        out[p++] = (byte) configurationVersion;
        out[p++] = (byte) avcProfileIndication;
        out[p++] = (byte) profileCompatibility;
        out[p++] = (byte) avcLevelIndication;
        out[p++] = (byte) (RESERVED_LENGTH_SIZE | lengthSizeMinusOne);
        out[p++] = (byte) (RESERVED_SPS_COUNT | sequenceParameterSets.size());
        p = writeArray(out, p, sequenceParameterSets);
        out[p++] = (byte) pictureParameterSets.size();
        p = writeArray(out, p, pictureParameterSets);
        if (highProfileTail != null) {
            out[p++] = (byte) (0xFC | highProfileTail.chromaFormat());
            out[p++] = (byte) (0xF8 | highProfileTail.bitDepthLumaMinus8());
            out[p++] = (byte) (0xF8 | highProfileTail.bitDepthChromaMinus8());
            out[p++] = (byte) highProfileTail.sequenceParameterSetExts().size();
            writeArray(out, p, highProfileTail.sequenceParameterSetExts());
        }
        return out;
    }

    private static int arrayLength(List<byte[]> nalUnits) {
        int n = 0;
        for (byte[] b : nalUnits) {
            n += 2 + b.length;
        }
        return n;
    }

    private static int writeArray(byte[] out, int p, List<byte[]> nalUnits) {
        for (byte[] b : nalUnits) {
            out[p++] = (byte) (b.length >>> 8);
            out[p++] = (byte) b.length;
            System.arraycopy(b, 0, out, p, b.length);
            p += b.length;
        }
        return p;
    }

    public int configurationVersion() {
        return configurationVersion;
    }

    public int avcProfileIndication() {
        return avcProfileIndication;
    }

    public int profileCompatibility() {
        return profileCompatibility;
    }

    public int avcLevelIndication() {
        return avcLevelIndication;
    }

    public int lengthSizeMinusOne() {
        return lengthSizeMinusOne;
    }

    /** NAL unit length size of the samples this record describes: 1, 2 or 4. */
    public int lengthSize() {
        return lengthSizeMinusOne + 1;
    }

    /** The SPS NAL units (each with its header byte); the list and arrays must not be changed. */
    public List<byte[]> sequenceParameterSets() {
        return sequenceParameterSets;
    }

    public List<byte[]> pictureParameterSets() {
        return pictureParameterSets;
    }

    /** The high-profile tail, or null when absent. */
    public HighProfileTail highProfileTail() {
        return highProfileTail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvcDecoderConfigurationRecord other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return STRUCTURE + "[profile=" + avcProfileIndication + " level=" + avcLevelIndication + " sps="
                + sequenceParameterSets.size() + " pps=" + pictureParameterSets.size()
                + (highProfileTail != null ? " chroma=" + highProfileTail.chromaFormat() : "") + "]";
    }
}
