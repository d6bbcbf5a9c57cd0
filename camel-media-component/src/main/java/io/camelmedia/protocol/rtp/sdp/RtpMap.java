package io.camelmedia.protocol.rtp.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866 §6.6):
 * binds a dynamic payload type to a codec. For audio the encoding parameters are the channel count
 * (RFC 8866: "may be omitted if the number of channels is one"), so {@link #channels()} is 1 then.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, String encodingParameters) {
    public RtpMap {
        Objects.requireNonNull(encodingName, "encodingName");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127, was " + payloadType);
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
    }

    public static RtpMap of(int payloadType, String encodingName, int clockRate) {
        return new RtpMap(payloadType, encodingName, clockRate, null);
    }

    public static RtpMap of(int payloadType, String encodingName, int clockRate, int channels) {
        return new RtpMap(payloadType, encodingName, clockRate, String.valueOf(channels));
    }

    /** The encoding name in upper case, for comparisons (names are case-insensitive, RFC 4855 §3). */
    public String encodingNameUpper() {
        return encodingName.toUpperCase(Locale.ROOT);
    }

    /** Audio channels: the encoding parameters as a number, 1 when absent or not a number. */
    public int channels() {
        if (encodingParameters == null) {
            return 1;
        }
        try {
            return Integer.parseInt(encodingParameters);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static RtpMap parse(int line, String value) {
        String v = value.trim();
        int sp = v.indexOf(' ');
        if (sp < 0) {
            throw SdpException.atLine(line, "a", "rtpmap '" + value + "' has no encoding");
        }
        int pt = SdpParser.number(line, "a", "rtpmap payload type", v.substring(0, sp), 0, 127);
        String[] enc = v.substring(sp + 1).trim().split("/");
        if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
            throw SdpException.atLine(line, "a", "rtpmap '" + value + "' is not '<pt> <name>/<rate>[/<params>]'");
        }
        int rate = SdpParser.number(line, "a", "rtpmap clock rate", enc[1], 1, Integer.MAX_VALUE);
        return new RtpMap(pt, enc[0], rate, enc.length == 3 ? enc[2] : null);
    }

    /** The attribute value: {@code 96 H264/90000}. */
    public String value() {
        return payloadType + " " + encodingName + "/" + clockRate + (encodingParameters != null ? "/" + encodingParameters : "");
    }
}
