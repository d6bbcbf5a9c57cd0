package io.camelmedia.protocol.rtp.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code a=fmtp:<payload type> <format specific parameters>} (RFC 8866 §6.15). Parameters are the
 * {@code name=value} pairs separated by {@code ;} that every payload format we use defines (RFC 6184 §8.1,
 * RFC 7798 §7.1, RFC 3640 §4.1, RFC 7587 §6.1); whitespace around them is ignored (ffmpeg writes
 * {@code "...; config=..."}). Names compare case-insensitively (RFC 4855 §3); order is kept for writing.
 */
public final class Fmtp {
    /** Parameters in one fmtp line: real ones have under 20; the bound stops a hostile line early. */
    public static final int MAX_PARAMETERS = 64;

    private final int payloadType;
    private final Map<String, String> parameters;   // lower-case name -> value, in order

    public Fmtp(int payloadType, Map<String, String> parameters) {
        this.payloadType = payloadType;
        Map<String, String> m = new LinkedHashMap<>();
        parameters.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        this.parameters = Collections.unmodifiableMap(m);
    }

    public int payloadType() {
        return payloadType;
    }

    /** Lower-case names to values, in the order written. A name without {@code =} has an empty value. */
    public Map<String, String> parameters() {
        return parameters;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The parameter as a decimal number, or {@code dflt} when absent. */
    public int getInt(String name, int dflt) {
        String v = parameters.get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new SdpException("fmtp " + payloadType + ": " + name + " '" + v + "' is not a number");
        }
    }

    static Fmtp parse(int line, String value) {
        String v = value.trim();
        int sp = v.indexOf(' ');
        String ptText = sp < 0 ? v : v.substring(0, sp);
        int pt = SdpParser.number(line, "a", "fmtp payload type", ptText, 0, 127);
        return new Fmtp(pt, parseParameters(line, sp < 0 ? "" : v.substring(sp + 1)));
    }

    /** Parses {@code a=1;b=2; c} into a map (names as written). */
    public static Map<String, String> parseParameters(String text) {
        return parseParameters(0, text);
    }

    private static Map<String, String> parseParameters(int line, String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (m.size() == MAX_PARAMETERS) {
                throw SdpException.atLine(line, "a", "fmtp has more than " + MAX_PARAMETERS + " parameters");
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                m.put(p, "");
            } else {
                m.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        return m;
    }

    /** The attribute value: {@code 96 packetization-mode=1;profile-level-id=42e01f}. */
    public String value() {
        StringBuilder sb = new StringBuilder().append(payloadType).append(' ');
        boolean first = true;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!first) {
                sb.append(';');
            }
            first = false;
            sb.append(e.getKey());
            if (!e.getValue().isEmpty()) {
                sb.append('=').append(e.getValue());
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fmtp f && f.payloadType == payloadType && f.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return payloadType * 31 + parameters.hashCode();
    }

    @Override
    public String toString() {
        return "Fmtp[" + value() + "]";
    }
}
