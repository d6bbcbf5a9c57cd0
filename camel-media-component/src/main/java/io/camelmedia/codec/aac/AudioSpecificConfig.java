package io.camelmedia.codec.aac;

import java.util.Arrays;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.BitReader;
import io.camelmedia.codec.bits.Errors;

/**
 * AudioSpecificConfig of ISO/IEC 14496-3 1.6.2.1, the parts needed to play AAC: audioObjectType (with
 * the escape 31, 1.6.2.1.1 GetAudioObjectType()), samplingFrequencyIndex (with the explicit 24-bit rate
 * for index 15), channelConfiguration, explicit SBR/PS signalling (object type 5/29, hierarchical), the
 * GASpecificConfig frameLengthFlag, and the backward-compatible SBR sync extension (syncExtensionType
 * 0x2b7, 1.6.5.2) that ffmpeg and Apple write after GASpecificConfig. A program_config_element
 * (channelConfiguration 0) is not decoded: channels then read as 0.
 */
public final class AudioSpecificConfig {
    private static final String STRUCTURE = "AudioSpecificConfig";
    /** Object types 1..45 are defined or reserved in Table 1.1; an escaped type goes up to 32 + 63. */
    private static final int ESCAPE_OBJECT_TYPE = 31;
    private static final int EXPLICIT_FREQUENCY_INDEX = 15;
    /** Rates of samplingFrequencyIndex 0..12 (Table 1.18); 13 and 14 are reserved. */
    private static final int[] SAMPLING_FREQUENCIES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050,
        16000, 12000, 11025, 8000, 7350};
    /** Channels for channelConfiguration 0..15 (Table 1.19, with the 2009+ additions 11, 12 and 14). */
    private static final int[] CHANNELS = {0, 1, 2, 3, 4, 5, 6, 8, 0, 0, 0, 7, 8, 0, 8, 0};
    /** A rate above 1 MHz is not audio; 24 bits would allow 16 MHz. */
    private static final int MAX_EXPLICIT_FREQUENCY = 1_000_000;
    public static final int AOT_AAC_LC = 2;
    public static final int AOT_SBR = 5;
    public static final int AOT_PS = 29;
    private static final int SYNC_EXTENSION_SBR = 0x2B7;
    private static final int SYNC_EXTENSION_PS = 0x548;

    private final int audioObjectType;
    private final int samplingFrequency;
    private final int channelConfiguration;
    /** extensionAudioObjectType (5 when SBR is signalled either way), or 0. */
    private final int extensionAudioObjectType;
    private final boolean sbrPresent;
    private final boolean psPresent;
    private final int extensionSamplingFrequency;
    private final boolean frameLengthFlag;
    /** True when the SBR signalling came as the 0x2b7 sync extension, so encode() writes it back there. */
    private final boolean syncExtension;

    private AudioSpecificConfig(int aot, int rate, int channels, int extAot, boolean sbr, boolean ps, int extRate,
                                boolean frameLengthFlag, boolean syncExtension) {
        this.audioObjectType = aot;
        this.samplingFrequency = rate;
        this.channelConfiguration = channels;
        this.extensionAudioObjectType = extAot;
        this.sbrPresent = sbr;
        this.psPresent = ps;
        this.extensionSamplingFrequency = extRate;
        this.frameLengthFlag = frameLengthFlag;
        this.syncExtension = syncExtension;
    }

    /** A plain config (no SBR/PS) of {@code audioObjectType}, e.g. AAC-LC (2). */
    public static AudioSpecificConfig of(int audioObjectType, int samplingFrequency, int channelConfiguration) {
        return new AudioSpecificConfig(audioObjectType, samplingFrequency, channelConfiguration, 0, false, false, 0,
                false, false);
    }

    public static AudioSpecificConfig decode(byte[] buf, int offset, int length) {
        BitReader r = new BitReader(STRUCTURE, buf, offset, length);
        int aot = objectType(r);
        int rate = frequency(r, "samplingFrequencyIndex");
        int channels = r.ui(4, "channelConfiguration");
        int extAot = 0;
        int extRate = 0;
        boolean sbr = false;
        boolean ps = false;
        if (aot == AOT_SBR || aot == AOT_PS) {
            extAot = AOT_SBR;
            sbr = true;
            ps = aot == AOT_PS;
            extRate = frequency(r, "extensionSamplingFrequencyIndex");
            aot = objectType(r);
        }
        boolean frameLength = false;
        if (isGeneralAudioCoding(aot)) {
            frameLength = gaSpecificConfig(r, aot, channels);
        }
        boolean sync = false;
        if (extAot == 0 && r.bitsLeft() >= 16 && peekSync(r)) {
            sync = true;
            extAot = objectType(r);
            if (extAot == AOT_SBR) {
                sbr = r.flag("sbrPresentFlag");
                if (sbr) {
                    extRate = frequency(r, "extensionSamplingFrequencyIndex");
                    if (r.bitsLeft() >= 12 && r.ui(11, "syncExtensionType") == SYNC_EXTENSION_PS) {
                        ps = r.flag("psPresentFlag");
                    }
                }
            }
        }
        return new AudioSpecificConfig(aot, rate, channels, extAot, sbr, ps, extRate, frameLength, sync);
    }

    public static AudioSpecificConfig decode(byte[] config) {
        return decode(config, 0, config.length);
    }

    private static boolean peekSync(BitReader r) {
        return r.ui(11, "syncExtensionType") == SYNC_EXTENSION_SBR;
    }

    /** GetAudioObjectType() (1.6.2.1.1). */
    private static int objectType(BitReader r) {
        int aot = r.ui(5, "audioObjectType");
        return aot == ESCAPE_OBJECT_TYPE ? 32 + r.ui(6, "audioObjectTypeExt") : aot;
    }

    private static int frequency(BitReader r, String field) {
        int index = r.ui(4, field);
        if (index == EXPLICIT_FREQUENCY_INDEX) {
            int rate = r.ui(24, "samplingFrequency");
            if (rate == 0 || rate > MAX_EXPLICIT_FREQUENCY) {
                throw Errors.limit(STRUCTURE, "samplingFrequency", rate, MAX_EXPLICIT_FREQUENCY,
                        (int) (r.bitPosition() / 8));
            }
            return rate;
        }
        if (index >= SAMPLING_FREQUENCIES.length) {
            throw Errors.invalid(STRUCTURE, field, index, "reserved", (int) (r.bitPosition() / 8));
        }
        return SAMPLING_FREQUENCIES[index];
    }

    /** GASpecificConfig (4.4.1) up to extensionFlag; returns frameLengthFlag. */
    private static boolean gaSpecificConfig(BitReader r, int aot, int channels) {
        if (channels == 0) {
            throw new CodecException(STRUCTURE + ": channelConfiguration 0 (program_config_element) is not supported");
        }
        boolean frameLength = r.flag("frameLengthFlag");
        if (r.flag("dependsOnCoreCoder")) {
            r.skip(14, "coreCoderDelay");
        }
        boolean extension = r.flag("extensionFlag");
        if (aot == 6 || aot == 20) {
            r.skip(3, "layerNr");
        }
        if (extension && aot >= 17) {
            r.skip(aot == 22 ? 16 : 3, "extension flags");
        }
        return frameLength;
    }

    /** Object types that carry a GASpecificConfig (1.6.2.1). */
    private static boolean isGeneralAudioCoding(int aot) {
        return (aot >= 1 && aot <= 4) || aot == 6 || aot == 7 || aot == 17 || (aot >= 19 && aot <= 23);
    }

    /** Bytes; decode(encode()) gives an equal config. */
    public byte[] encode() {
        BitWriter w = new BitWriter();
        boolean hierarchical = sbrPresent && !syncExtension;
        writeObjectType(w, hierarchical ? (psPresent ? AOT_PS : AOT_SBR) : audioObjectType);
        writeFrequency(w, samplingFrequency);
        w.write(channelConfiguration, 4);
        if (hierarchical) {
            writeFrequency(w, extensionSamplingFrequency);
            writeObjectType(w, audioObjectType);
        }
        if (isGeneralAudioCoding(audioObjectType)) {
            w.write(frameLengthFlag ? 1 : 0, 1);
            w.write(0, 2); // dependsOnCoreCoder, extensionFlag
            if (audioObjectType == 6 || audioObjectType == 20) {
                w.write(0, 3);
            }
        }
        if (syncExtension) {
            w.write(SYNC_EXTENSION_SBR, 11);
            writeObjectType(w, extensionAudioObjectType);
            if (extensionAudioObjectType == AOT_SBR) {
                w.write(sbrPresent ? 1 : 0, 1);
                if (sbrPresent) {
                    writeFrequency(w, extensionSamplingFrequency);
                    if (psPresent) {
                        w.write(SYNC_EXTENSION_PS, 11);
                        w.write(1, 1);
                    }
                }
            }
        }
        return w.toByteArray();
    }

    private static void writeObjectType(BitWriter w, int aot) {
        if (aot >= ESCAPE_OBJECT_TYPE) {
            w.write(ESCAPE_OBJECT_TYPE, 5);
            w.write(aot - 32, 6);
        } else {
            w.write(aot, 5);
        }
    }

    private static void writeFrequency(BitWriter w, int rate) {
        int index = frequencyIndex(rate);
        w.write(index, 4);
        if (index == EXPLICIT_FREQUENCY_INDEX) {
            w.write(rate, 24);
        }
    }

    /** The samplingFrequencyIndex of {@code rate}, or 15 when it has none. */
    public static int frequencyIndex(int rate) {
        for (int i = 0; i < SAMPLING_FREQUENCIES.length; i++) {
            if (SAMPLING_FREQUENCIES[i] == rate) {
                return i;
            }
        }
        return EXPLICIT_FREQUENCY_INDEX;
    }

    /** The rate of samplingFrequencyIndex {@code index} (0..12). */
    public static int frequencyOf(int index) {
        if (index < 0 || index >= SAMPLING_FREQUENCIES.length) {
            throw new CodecException(STRUCTURE + ": samplingFrequencyIndex " + index + " has no rate");
        }
        return SAMPLING_FREQUENCIES[index];
    }

    /** The core coder's object type (2 for AAC-LC, also under HE-AAC). */
    public int audioObjectType() {
        return audioObjectType;
    }

    /** The core coder's sampling frequency. */
    public int samplingFrequency() {
        return samplingFrequency;
    }

    /** The output rate: the SBR rate when SBR is signalled, else the core rate. */
    public int outputSamplingFrequency() {
        return sbrPresent && extensionSamplingFrequency > 0 ? extensionSamplingFrequency : samplingFrequency;
    }

    public int channelConfiguration() {
        return channelConfiguration;
    }

    /** Output channels for the channel configuration (2 when PS is signalled on mono), 0 if not known. */
    public int channels() {
        return psPresent && channelConfiguration == 1 ? 2 : CHANNELS[channelConfiguration];
    }

    public boolean sbrPresent() {
        return sbrPresent;
    }

    public boolean psPresent() {
        return psPresent;
    }

    public int extensionSamplingFrequency() {
        return extensionSamplingFrequency;
    }

    /** True for 960-sample frames (frameLengthFlag), else 1024. */
    public boolean frameLengthFlag() {
        return frameLengthFlag;
    }

    /** PCM samples per channel in one AAC frame (of the core coder, 2x with SBR). */
    public int samplesPerFrame() {
        int core = frameLengthFlag ? 960 : 1024;
        return sbrPresent ? core * 2 : core;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioSpecificConfig other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return STRUCTURE + "[aot=" + audioObjectType + " " + samplingFrequency + "Hz ch=" + channelConfiguration
                + (sbrPresent ? " sbr " + extensionSamplingFrequency + "Hz" : "") + (psPresent ? " ps" : "") + "]";
    }

    /** Writes MSB-first bit fields into a growing byte array; the last byte is zero-padded. */
    static final class BitWriter {
        private byte[] buf = new byte[8];
        private long bits;

        void write(long value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                int byteIndex = (int) (bits >>> 3);
                if (byteIndex == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                if (((value >>> i) & 1) != 0) {
                    buf[byteIndex] |= (byte) (0x80 >>> (bits & 7));
                }
                bits++;
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, (int) ((bits + 7) >>> 3));
        }
    }
}
