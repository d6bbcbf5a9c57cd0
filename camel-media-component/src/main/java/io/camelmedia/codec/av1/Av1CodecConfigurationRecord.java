package io.camelmedia.codec.av1;

import java.util.Arrays;

import io.camelmedia.codec.bits.ByteReader;

/**
 * AV1CodecConfigurationRecord of the AV1 Codec ISO Media File Format Binding 2.3.3 (payload of the
 * {@code av1C} box and of the Enhanced-RTMP AV1 sequence start):
 *
 * <pre>
 * marker(1) = 1, version(7) = 1,
 * seq_profile(3) seq_level_idx_0(5),
 * seq_tier_0(1) high_bitdepth(1) twelve_bit(1) monochrome(1) chroma_subsampling_x(1) chroma_subsampling_y(1)
 *   chroma_sample_position(2),
 * reserved(3) = 0 initial_presentation_delay_present(1) initial_presentation_delay_minus_one(4) / reserved(4),
 * configOBUs (zero or more OBUs, normally the sequence header OBU)
 * </pre>
 */
public final class Av1CodecConfigurationRecord {
    private static final String STRUCTURE = "AV1CodecConfigurationRecord";
    /** The four fixed bytes before configOBUs. */
    public static final int HEADER_SIZE = 4;
    /**
     * Largest record accepted: 64 KiB. configOBUs hold a sequence header (tens of bytes) and perhaps a
     * few metadata OBUs.
     */
    public static final int MAX_RECORD_SIZE = 64 * 1024;

    private final byte[] header;
    private final byte[] configObus;

    private Av1CodecConfigurationRecord(byte[] header, byte[] configObus) {
        this.header = header;
        this.configObus = configObus;
    }

    public static Av1CodecConfigurationRecord decode(byte[] buf, int offset, int length) {
        ByteReader r = new ByteReader(STRUCTURE, buf, offset, length);
        r.checkLimit("record size", length, MAX_RECORD_SIZE);
        r.require(HEADER_SIZE, "header");
        int first = buf[offset] & 0xFF;
        if (first != 0x81) {
            throw r.invalid("marker/version", first, "marker must be 1 and version 1 (0x81)");
        }
        byte[] header = r.bytes(HEADER_SIZE, "header");
        byte[] obus = r.bytes(r.remaining(), "configOBUs");
        if (obus.length > 0) {
            TemporalUnit.split(obus, 0, obus.length); // configOBUs must be well-formed OBUs
        }
        return new Av1CodecConfigurationRecord(header, obus);
    }

    public static Av1CodecConfigurationRecord decode(byte[] record) {
        return decode(record, 0, record.length);
    }

    /** A record describing {@code sequenceHeaderObu} (a whole OBU, with header and obu_size). */
    public static Av1CodecConfigurationRecord of(byte[] sequenceHeaderObu) {
        TemporalUnit.Obu obu = TemporalUnit.split(sequenceHeaderObu, 0, sequenceHeaderObu.length).get(0);
        SequenceHeader s = SequenceHeader.decode(sequenceHeaderObu, obu.payloadOffset(), obu.payloadLength());
        SequenceHeader.ColorConfig c = s.colorConfig();
        byte[] h = new byte[HEADER_SIZE];
        h[0] = (byte) 0x81;
        h[1] = (byte) ((s.seqProfile() << 5) | s.seqLevelIdx0());
        h[2] = (byte) ((s.seqTier0() << 7) | (c.bitDepth() > 8 ? 0x40 : 0) | (c.bitDepth() == 12 ? 0x20 : 0)
                | (c.monoChrome() ? 0x10 : 0) | (c.subsamplingX() << 3) | (c.subsamplingY() << 2)
                | c.chromaSamplePosition());
        return new Av1CodecConfigurationRecord(h, sequenceHeaderObu.clone());
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER_SIZE + configObus.length];
        System.arraycopy(header, 0, out, 0, HEADER_SIZE);
        System.arraycopy(configObus, 0, out, HEADER_SIZE, configObus.length);
        return out;
    }

    public int encodedLength() {
        return HEADER_SIZE + configObus.length;
    }

    public int seqProfile() {
        return (header[1] & 0xFF) >> 5;
    }

    public int seqLevelIdx0() {
        return header[1] & 0x1F;
    }

    public int seqTier0() {
        return (header[2] & 0x80) >> 7;
    }

    public boolean highBitdepth() {
        return (header[2] & 0x40) != 0;
    }

    public boolean twelveBit() {
        return (header[2] & 0x20) != 0;
    }

    public boolean monochrome() {
        return (header[2] & 0x10) != 0;
    }

    public int chromaSubsamplingX() {
        return (header[2] >> 3) & 1;
    }

    public int chromaSubsamplingY() {
        return (header[2] >> 2) & 1;
    }

    public int chromaSamplePosition() {
        return header[2] & 0x03;
    }

    /** initial_presentation_delay_minus_one + 1, or 0 when not present. */
    public int initialPresentationDelay() {
        return (header[3] & 0x10) != 0 ? (header[3] & 0x0F) + 1 : 0;
    }

    /** A copy of configOBUs. */
    public byte[] configObus() {
        return configObus.clone();
    }

    /** The sequence header inside configOBUs, or null when there is none. */
    public SequenceHeader sequenceHeader() {
        return configObus.length == 0 ? null : TemporalUnit.sequenceHeader(configObus, 0, configObus.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Av1CodecConfigurationRecord other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
