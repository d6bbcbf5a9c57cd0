package io.camelmedia.protocol.webrtc.srtp;

import java.util.Optional;

/** The DTLS-SRTP protection profiles we offer and accept (RFC 5764 §4.1.2, RFC 7714 §14.2). */
public enum SrtpProfile {
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10),
    AEAD_AES_128_GCM(0x0007, 16, 12, 16);

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int tagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
    }

    /** The SRTPProtectionProfile value of the use_srtp extension. */
    public int id() {
        return id;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    public int tagLength() {
        return tagLength;
    }

    public static Optional<SrtpProfile> of(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
