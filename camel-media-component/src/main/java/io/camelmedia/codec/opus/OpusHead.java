package io.camelmedia.codec.opus;

import java.util.Arrays;

import io.camelmedia.codec.bits.ByteReader;
import io.camelmedia.codec.bits.Errors;

/**
 * The identification header of RFC 7845 5.1 ("OpusHead"), as Ogg, WebM CodecPrivate and Enhanced-RTMP
 * carry it. Little-endian:
 *
 * <pre>
 * 'OpusHead'(64) version(8) channel_count(8) pre_skip(16) input_sample_rate(32) output_gain(16, signed)
 * channel_mapping_family(8) [ stream_count(8) coupled_count(8) channel_mapping(8 * channel_count) ]
 * </pre>
 */
public final class OpusHead {
    private static final String STRUCTURE = "OpusHead";
    private static final byte[] MAGIC = "OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Bytes up to and including channel_mapping_family. */
    public static final int MIN_LENGTH = 19;
    /** 5.1: "version ... MUST treat [major versions other than 0] as unsupported" (the upper 4 bits). */
    private static final int MAX_SUPPORTED_VERSION = 15;
    /** Family 0 is mono or stereo (5.1.1.1). */
    private static final int MAX_FAMILY0_CHANNELS = 2;
    /** Family 1 is the Vorbis order for 1..8 channels (5.1.1.2). */
    private static final int MAX_FAMILY1_CHANNELS = 8;
    /** channel_mapping value for a silent channel. */
    private static final int SILENT = 255;
    /** The rate Opus always decodes at (RFC 7845 4: granule positions are at 48 kHz). */
    public static final int DECODE_RATE = 48_000;

    private final int version;
    private final int channelCount;
    private final int preSkip;
    private final long inputSampleRate;
    private final int outputGain;
    private final int channelMappingFamily;
    private final int streamCount;
    private final int coupledCount;
    private final byte[] channelMapping;

    public OpusHead(int version, int channelCount, int preSkip, long inputSampleRate, int outputGain,
                    int channelMappingFamily, int streamCount, int coupledCount, byte[] channelMapping) {
        this.version = version;
        this.channelCount = channelCount;
        this.preSkip = preSkip;
        this.inputSampleRate = inputSampleRate;
        this.outputGain = outputGain;
        this.channelMappingFamily = channelMappingFamily;
        this.streamCount = streamCount;
        this.coupledCount = coupledCount;
        this.channelMapping = channelMapping.clone();
    }

    /** Family-0 head for mono or stereo. */
    public static OpusHead of(int channels, int preSkip, long inputSampleRate) {
        return new OpusHead(1, channels, preSkip, inputSampleRate, 0, 0, 1, channels - 1, new byte[0]);
    }

    public static OpusHead decode(byte[] buf, int offset, int length) {
        ByteReader r = new ByteReader(STRUCTURE, buf, offset, length);
        r.require(MIN_LENGTH, "header");
        if (!Arrays.equals(buf, offset, offset + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw r.invalid("magic signature", 0, "must be 'OpusHead'");
        }
        r.skip(MAGIC.length, "magic signature");
        int version = r.checkLimit("version", r.u8("version"), MAX_SUPPORTED_VERSION);
        int channels = r.u8("channel count");
        if (channels == 0) {
            throw r.invalid("channel count", 0, "must be at least 1");
        }
        int preSkip = r.u16le("pre-skip");
        long rate = r.u32le("input sample rate");
        int gain = (short) r.u16le("output gain");
        int family = r.u8("channel mapping family");
        if (family == 0) {
            if (channels > MAX_FAMILY0_CHANNELS) {
                throw Errors.limit(STRUCTURE, "channel count (family 0)", channels, MAX_FAMILY0_CHANNELS, 9);
            }
            return new OpusHead(version, channels, preSkip, rate, gain, 0, 1, channels - 1, new byte[0]);
        }
        if (family == 1 && channels > MAX_FAMILY1_CHANNELS) {
            throw Errors.limit(STRUCTURE, "channel count (family 1)", channels, MAX_FAMILY1_CHANNELS, 9);
        }
        return mappingTable(r, version, channels, preSkip, rate, gain, family);
    }

    public static OpusHead decode(byte[] head) {
        return decode(head, 0, head.length);
    }

    /** 5.1.1: stream count, coupled count and one mapping byte per channel. */
    private static OpusHead mappingTable(ByteReader r, int version, int channels, int preSkip, long rate, int gain,
                                         int family) {
        r.require(2 + channels, "channel mapping table");
        int streams = r.u8("stream count");
        int coupled = r.u8("coupled count");
        if (streams == 0 || coupled > streams || streams + coupled > SILENT) {
            throw r.invalid("stream count/coupled count", streams * 1000L + coupled,
                    "need 1 <= streams, coupled <= streams, streams + coupled <= 255");
        }
        byte[] mapping = r.bytes(channels, "channel mapping");
        for (byte m : mapping) {
            int v = m & 0xFF;
            if (v != SILENT && v >= streams + coupled) {
                throw r.invalid("channel mapping", v, "must be below streams + coupled (" + (streams + coupled) + ")");
            }
        }
        return new OpusHead(version, channels, preSkip, rate, gain, family, streams, coupled, mapping);
    }

    public int encodedLength() {
        return MIN_LENGTH + (channelMappingFamily == 0 ? 0 : 2 + channelMapping.length);
    }

    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[8] = (byte) version;
        out[9] = (byte) channelCount;
        out[10] = (byte) preSkip;
        out[11] = (byte) (preSkip >> 8);
        for (int i = 0; i < 4; i++) {
            out[12 + i] = (byte) (inputSampleRate >> (8 * i));
        }
        out[16] = (byte) outputGain;
        out[17] = (byte) (outputGain >> 8);
        out[18] = (byte) channelMappingFamily;
        if (channelMappingFamily != 0) {
            out[19] = (byte) streamCount;
            out[20] = (byte) coupledCount;
            System.arraycopy(channelMapping, 0, out, 21, channelMapping.length);
        }
        return out;
    }

    public int version() {
        return version;
    }

    public int channelCount() {
        return channelCount;
    }

    /** Samples at 48 kHz to drop from the decoder output at the start. */
    public int preSkip() {
        return preSkip;
    }

    /** The rate of the original input (informational only; Opus decodes at 48 kHz). */
    public long inputSampleRate() {
        return inputSampleRate;
    }

    /** Q7.8 dB. */
    public int outputGain() {
        return outputGain;
    }

    public int channelMappingFamily() {
        return channelMappingFamily;
    }

    public int streamCount() {
        return streamCount;
    }

    public int coupledCount() {
        return coupledCount;
    }

    /** A copy of the channel mapping (empty for family 0). */
    public byte[] channelMapping() {
        return channelMapping.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpusHead other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
