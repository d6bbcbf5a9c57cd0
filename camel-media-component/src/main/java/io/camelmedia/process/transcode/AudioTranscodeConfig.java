package io.camelmedia.process.transcode;

import io.camelmedia.frame.Codec;

/**
 * What an audio transcode produces: {@code codec} (Opus or AAC), {@code bitrate} in bit/s, {@code sampleRate} (0: 48 kHz,
 * the only rate Opus has), {@code channels} (0: the input's, at most 2) and, for Opus, {@code frameMillis} (0: 20 ms;
 * 10, 20, 40 or 60).
 */
public record AudioTranscodeConfig(Codec codec, int bitrate, int sampleRate, int channels, int frameMillis) {
    public AudioTranscodeConfig(Codec codec, int bitrate, int sampleRate, int channels) {
        this(codec, bitrate, sampleRate, channels, 0);
    }

    public AudioTranscodeConfig {
        if (frameMillis != 0 && frameMillis != 10 && frameMillis != 20 && frameMillis != 40 && frameMillis != 60) {
            throw new IllegalArgumentException("Opus frames are 10, 20, 40 or 60 ms, not " + frameMillis);
        }
        if (codec != Codec.OPUS && codec != Codec.AAC) {
            throw new IllegalArgumentException("audio transcode encodes opus or aac, not " + codec);
        }
        if (bitrate < 6_000 || bitrate > 512_000) {
            throw new IllegalArgumentException("audio transcode bitrate must be 6000..512000 bit/s, was " + bitrate);
        }
        if (codec == Codec.OPUS && sampleRate != 0 && sampleRate != 48_000) {
            throw new IllegalArgumentException("Opus is encoded at 48000 Hz, sampleRate " + sampleRate + " is not available");
        }
        if (sampleRate < 0 || sampleRate > 96_000) {
            throw new IllegalArgumentException("audio transcode sampleRate must be 0 (48000) up to 96000, was " + sampleRate);
        }
        if (channels < 0 || channels > 2) {
            throw new IllegalArgumentException("audio transcode channels must be 0 (the input's), 1 or 2, was " + channels);
        }
    }

    /** The output sample rate. */
    public int effectiveSampleRate() {
        return sampleRate == 0 ? 48_000 : sampleRate;
    }

    /** The output channel count for an input of {@code inputChannels}. */
    public int effectiveChannels(int inputChannels) {
        return channels != 0 ? channels : Math.max(1, Math.min(2, inputChannels));
    }
}
