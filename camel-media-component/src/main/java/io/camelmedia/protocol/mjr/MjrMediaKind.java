package io.camelmedia.protocol.mjr;

/** The info header's {@code t}: what one recording holds. Closed set (Janus writes only these three). */
public enum MjrMediaKind {
    AUDIO("a"), VIDEO("v"), DATA("d");

    private final String code;

    MjrMediaKind(String code) {
        this.code = code;
    }

    /** The {@code t} value: "a", "v" or "d". */
    public String code() {
        return code;
    }

    /** The kind for a {@code t} value (case-insensitive, as janus-pp-rec compares it), or null. */
    public static MjrMediaKind of(String code) {
        for (MjrMediaKind k : values()) {
            if (k.code.equalsIgnoreCase(code)) {
                return k;
            }
        }
        return null;
    }
}
