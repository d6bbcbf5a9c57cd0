package io.camelmedia.protocol.mjr;

import io.camelmedia.frame.Codec;

import java.util.Locale;

/**
 * The codec names Janus writes in the info header's {@code c} (Janus {@code janus_audiocodec_name} /
 * {@code janus_videocodec_name}; the data recorder writes {@code text} or {@code binary}), with our
 * {@link Codec} and the RTP clock rate of each (RFC 7587 Opus 48 kHz, RFC 3551 G.711/G.722 8 kHz — G.722's RTP
 * clock is 8 kHz although it samples at 16 kHz, RFC 3551 §4.5.2 —, video 90 kHz). Closed set: janus-pp-rec
 * refuses any other name, and so do we.
 */
public enum MjrCodec {
    OPUS("opus", Codec.OPUS, 48_000),
    MULTIOPUS("multiopus", Codec.OPUS, 48_000),
    /** "g711": μ-law or A-law, told apart by the static payload type (0 / 8). */
    G711("g711", Codec.PCMU, 8_000),
    PCMU("pcmu", Codec.PCMU, 8_000),
    PCMA("pcma", Codec.PCMA, 8_000),
    G722("g722", Codec.G722, 8_000),
    L16("l16", Codec.L16, 16_000),
    L16_48K("l16-48", Codec.L16, 48_000),
    VP8("vp8", Codec.VP8, 90_000),
    VP9("vp9", Codec.VP9, 90_000),
    H264("h264", Codec.H264, 90_000),
    H265("h265", Codec.H265, 90_000),
    AV1("av1", Codec.AV1, 90_000),
    TEXT("text", Codec.DATA, 1_000),
    BINARY("binary", Codec.DATA, 1_000);

    private final String janusName;
    private final Codec codec;
    private final int clockRate;

    MjrCodec(String janusName, Codec codec, int clockRate) {
        this.janusName = janusName;
        this.codec = codec;
        this.clockRate = clockRate;
    }

    /** The name as Janus writes it in {@code c}. */
    public String janusName() {
        return janusName;
    }

    public Codec codec() {
        return codec;
    }

    /** RTP clock of the recording's packets (for data recordings: milliseconds of the message times). */
    public int clockRate() {
        return clockRate;
    }

    /** The codec for a {@code c} value (case-insensitive, as janus-pp-rec compares it), or null if unknown. */
    public static MjrCodec of(String name) {
        if (name == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (MjrCodec c : values()) {
            if (c.janusName.equals(n)) {
                return c;
            }
        }
        return null;
    }

    /** The name Janus writes for {@code codec}. */
    public static MjrCodec forCodec(Codec codec) {
        for (MjrCodec c : values()) {
            if (c.codec == codec && c != G711 && c != MULTIOPUS && c != BINARY && c != L16_48K) {
                return c;
            }
        }
        throw new IllegalArgumentException("Janus records no " + codec);
    }
}
