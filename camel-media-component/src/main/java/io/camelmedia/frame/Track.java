package io.camelmedia.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * One elementary stream of a live stream: its codec, clock, and the codec configuration frames need to be
 * decoded. Immutable; a parameter change (a new sequence header) produces a new Track with the same id.
 *
 * <p>{@code config} is the codec configuration record in its ISO form, exactly as FLV and MP4 carry it:
 * AVCDecoderConfigurationRecord (H.264), HEVCDecoderConfigurationRecord (H.265),
 * AV1CodecConfigurationRecord (AV1), VPCodecConfigurationRecord (VP9), AudioSpecificConfig (AAC),
 * OpusHead (Opus). Empty when the codec has none or it is not known yet.
 */
public final class Track {
    private static final byte[] NONE = new byte[0];

    private final int id;
    private final Codec codec;
    private final int clockRate;
    private final byte[] config;
    private final int width;
    private final int height;
    private final int sampleRate;
    private final int channels;

    private Track(Builder b) {
        if (b.codec == null) {
            throw new IllegalArgumentException("track codec is required");
        }
        if (b.clockRate <= 0) {
            throw new IllegalArgumentException("track clock rate must be positive, was " + b.clockRate);
        }
        this.id = b.id;
        this.codec = b.codec;
        this.clockRate = b.clockRate;
        this.config = b.config == null ? NONE : b.config.clone();
        this.width = b.width;
        this.height = b.height;
        this.sampleRate = b.sampleRate;
        this.channels = b.channels;
    }

    public static Builder builder(int id, Codec codec) {
        return new Builder(id, codec);
    }

    public Builder toBuilder() {
        return new Builder(id, codec).clockRate(clockRate).config(config).width(width).height(height)
                .sampleRate(sampleRate).channels(channels);
    }

    public int id() {
        return id;
    }

    public Codec codec() {
        return codec;
    }

    public MediaType mediaType() {
        return codec.mediaType();
    }

    /** Ticks per second of this track's pts/dts: 90 000 for video, the sample rate for most audio. */
    public int clockRate() {
        return clockRate;
    }

    /** A copy of the codec configuration record (see the class comment); empty if none. */
    public byte[] config() {
        return config.clone();
    }

    public int configLength() {
        return config.length;
    }

    public boolean hasConfig() {
        return config.length > 0;
    }

    /** Pixels, or 0 when not known. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Audio samples per second, or 0 when not known / not audio. */
    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Converts {@code ticks} of this track's clock to microseconds. */
    public long toMicros(long ticks) {
        return Math.multiplyExact(ticks, 1_000_000L) / clockRate;
    }

    /** True when {@code other} describes the same decoder setup (codec, clock and config). */
    public boolean sameConfig(Track other) {
        return other != null && codec == other.codec && clockRate == other.clockRate
                && Arrays.equals(config, other.config);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Track t)) {
            return false;
        }
        return id == t.id && codec == t.codec && clockRate == t.clockRate && width == t.width
                && height == t.height && sampleRate == t.sampleRate && channels == t.channels
                && Arrays.equals(config, t.config);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, codec, clockRate, width, height, sampleRate, channels) * 31 + Arrays.hashCode(config);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Track[").append(id).append(' ').append(codec);
        if (codec.mediaType() == MediaType.VIDEO) {
            sb.append(' ').append(width).append('x').append(height);
        } else if (codec.mediaType() == MediaType.AUDIO) {
            sb.append(' ').append(sampleRate).append("Hz ").append(channels).append("ch");
        }
        return sb.append(" clock=").append(clockRate).append(" config=").append(config.length).append("B]").toString();
    }

    /** Builds a {@link Track}; the clock rate defaults to the codec's fixed rate, or the sample rate. */
    public static final class Builder {
        private final int id;
        private final Codec codec;
        private int clockRate;
        private byte[] config;
        private int width;
        private int height;
        private int sampleRate;
        private int channels;

        private Builder(int id, Codec codec) {
            this.id = id;
            this.codec = codec;
        }

        public Builder clockRate(int clockRate) {
            this.clockRate = clockRate;
            return this;
        }

        public Builder config(byte[] config) {
            this.config = config;
            return this;
        }

        public Builder width(int width) {
            this.width = width;
            return this;
        }

        public Builder height(int height) {
            this.height = height;
            return this;
        }

        public Builder sampleRate(int sampleRate) {
            this.sampleRate = sampleRate;
            return this;
        }

        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        public Track build() {
            if (clockRate == 0) {
                clockRate = codec.defaultClockRate() != 0 ? codec.defaultClockRate() : sampleRate;
            }
            return new Track(this);
        }
    }
}
