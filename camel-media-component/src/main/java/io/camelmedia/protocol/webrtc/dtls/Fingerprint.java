package io.camelmedia.protocol.webrtc.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint from SDP ({@code a=fingerprint:sha-256 AB:CD:...}, RFC 8122 §5): the peer's DTLS
 * certificate must hash to it, which is what authenticates the media path to the signalling.
 */
public record Fingerprint(String algorithm, String value) {
    /** Parses {@code "sha-256 AB:CD:..."} (case-insensitive). */
    public static Fingerprint parse(String sdpValue) {
        String v = sdpValue == null ? "" : sdpValue.trim();
        int sp = v.indexOf(' ');
        if (sp <= 0) {
            throw new IllegalArgumentException("a=fingerprint must be '<hash> <hex>', was '" + v + "'");
        }
        String alg = v.substring(0, sp).toLowerCase(Locale.ROOT);
        javaName(alg);
        return new Fingerprint(alg, v.substring(sp + 1).trim().toUpperCase(Locale.ROOT));
    }

    /** The fingerprint of {@code der} with {@code algorithm} ({@code sha-256}...), as SDP writes it. */
    public static String of(String algorithm, byte[] der) {
        try {
            byte[] h = MessageDigest.getInstance(javaName(algorithm)).digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code der} (a DER certificate) hashes to this fingerprint. */
    public boolean matches(byte[] der) {
        return MessageDigest.isEqual(of(algorithm, der).getBytes(), value.getBytes());
    }

    private static String javaName(String alg) {
        return switch (alg.toLowerCase(Locale.ROOT)) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("fingerprint hash " + alg + " is not supported");
        };
    }
}
