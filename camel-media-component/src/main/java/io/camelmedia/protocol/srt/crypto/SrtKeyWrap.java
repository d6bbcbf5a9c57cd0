package io.camelmedia.protocol.srt.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 3394 AES key wrap with the default IV {@code A6A6A6A6A6A6A6A6}, which libsrt uses to protect the SEKs in the
 * KM message ({@code km_wrap}/{@code km_unwrap} in {@code cryspr.c}, OpenSSL's {@code AES_wrap_key}). The JDK's
 * {@code AES/KW/NoPadding} is that algorithm.
 */
public final class SrtKeyWrap {
    private static final String ALGORITHM = "AES/KW/NoPadding";

    private SrtKeyWrap() {
    }

    /** Wraps {@code keys} (16 to 64 bytes, a multiple of 8) under {@code kek}: 8 bytes longer. */
    public static byte[] wrap(byte[] kek, byte[] keys) {
        if (keys.length < 16 || keys.length % 8 != 0) {
            throw new IllegalArgumentException("key wrap input is " + keys.length + " bytes, need a multiple of 8, >= 16");
        }
        try {
            Cipher c = Cipher.getInstance(ALGORITHM);
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
            return c.doFinal(keys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap failed", e);
        }
    }

    /**
     * Unwraps {@code wrapped} under {@code kek}.
     *
     * @throws SrtCryptoException with {@link SrtKmState#BADSECRET} when the integrity check fails, which is what a
     *                            KEK derived from another passphrase gives (libsrt's {@code HAICRYPT_ERROR_WRONG_SECRET})
     */
    public static byte[] unwrap(byte[] kek, byte[] wrapped) {
        if (wrapped.length < 24 || wrapped.length % 8 != 0) {
            throw new SrtCryptoException(SrtKmState.NOSECRET, "wrapped key is " + wrapped.length
                    + " bytes, need a multiple of 8, >= 24");
        }
        Cipher c;
        try {
            c = Cipher.getInstance(ALGORITHM);
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key unwrap unavailable", e);
        }
        try {
            return c.doFinal(wrapped);
        } catch (GeneralSecurityException e) {
            throw new SrtCryptoException(SrtKmState.BADSECRET, "the stream key unwrap failed its integrity check:"
                    + " the peer uses another passphrase");
        }
    }
}
