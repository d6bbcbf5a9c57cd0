package io.camelmedia.protocol.srt.crypto;

/**
 * The Key Material exchange state ({@code SRT_KM_STATE}, libsrt {@code srt.h}; draft-sharabayko-srt §3.2.2): what
 * a KMRSP carrying a single 32-bit word reports instead of echoing the KM. A closed set, hence an enum.
 */
public enum SrtKmState {
    /** No encryption. */
    UNSECURED(0),
    /** Stream encrypted, keying material being exchanged. */
    SECURING(1),
    /** Stream encrypted, keying material exchanged, decrypting ok. */
    SECURED(2),
    /** Stream encrypted and no secret to decrypt the keying material. */
    NOSECRET(3),
    /** Stream encrypted and the wrong secret is used: the key unwrap failed its integrity check. */
    BADSECRET(4),
    /** Stream encrypted with a cryptographic mode the peer does not use (libsrt 1.5.2+, e.g. AES-GCM vs AES-CTR). */
    BADCRYPTOMODE(5);

    /** {@code SRT_REJ_BADSECRET}: the handshake rejection reason for a wrong passphrase (wire type 1000 + 10). */
    public static final int REJ_BADSECRET = 10;
    /** {@code SRT_REJ_UNSECURE}: passphrase required or unexpected (wire type 1000 + 11). */
    public static final int REJ_UNSECURE = 11;
    /** {@code SRT_REJ_CRYPTO}: conflicting cryptographic configurations (wire type 1000 + 17, libsrt 1.5.2+). */
    public static final int REJ_CRYPTO = 17;

    private final int code;

    SrtKmState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The rejection reason ({@code SRT_REJ_*}, without the 1000 offset of the handshake type) an enforced-encryption
     * peer uses when the exchange ended in this state, as libsrt's {@code interpretSrtHandshake} picks it; -1 for
     * the states that are not failures.
     */
    public int rejectReason() {
        return switch (this) {
            case BADSECRET -> REJ_BADSECRET;
            case BADCRYPTOMODE -> REJ_CRYPTO;
            case NOSECRET, UNSECURED -> REJ_UNSECURE;
            case SECURING, SECURED -> -1;
        };
    }

    /** The state of a KMRSP error word; throws {@link SrtCryptoException} for a code libsrt does not define. */
    public static SrtKmState fromCode(int code) {
        for (SrtKmState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new SrtCryptoException(NOSECRET, "KMRSP state " + code + " is not one of 0..5");
    }
}
