package io.camelmedia.protocol.webrtc.ice;

import java.security.SecureRandom;

/**
 * ICE username fragment and password (RFC 8445 §5.3, RFC 8839 §5.4: ufrag at least 4 and pwd at least 22
 * ice-chars). Ours are 8 and 24 random characters: the pwd keys every check's MESSAGE-INTEGRITY.
 */
public record IceCredentials(String ufrag, String pwd) {
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static IceCredentials random() {
        return new IceCredentials(chars(8), chars(24));
    }

    private static String chars(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return b.toString();
    }
}
