package io.camelmedia.protocol.srt.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The key encrypting key derived from the passphrase (draft-sharabayko-srt §6.1.4):
 * {@code KEK = PBKDF2(passphrase, LSB(64, Salt), 2048, KLen)} with HMAC-SHA1. The PBKDF2 salt is the <em>last</em>
 * 8 bytes of the 16-byte KM salt: libsrt {@code hcryptCtx_GenSecret} ({@code hcrypt_sa.c}) passes
 * {@code &salt[salt_len - 8]}. The KEK is as long as the SEK it wraps.
 */
public final class SrtKek {
    /** {@code HAICRYPT_PBKDF2_ITER_CNT}. */
    public static final int PBKDF2_ITERATIONS = 2048;
    /** {@code HAICRYPT_PBKDF2_SALT_LEN}: the salt's 64 least significant bits. */
    public static final int PBKDF2_SALT_LENGTH = 8;
    /** libsrt's SRTO_PASSPHRASE accepts 10 to 80 bytes ({@code socketconfig.cpp}, {@code HAICRYPT_SECRET_MAX_SZ}). */
    public static final int MIN_PASSPHRASE_LENGTH = 10;
    public static final int MAX_PASSPHRASE_LENGTH = 80;

    private SrtKek() {
    }

    /**
     * @param passphrase the shared secret; its UTF-8 bytes are the PBKDF2 password (the JDK's PBKDF2 encodes
     *                   chars as UTF-8, which is what libsrt gets from a UTF-8 command line or URL)
     * @param salt       the KM message's 16-byte salt
     * @param keyLength  16, 24 or 32
     */
    public static byte[] derive(String passphrase, byte[] salt, int keyLength) {
        requirePassphrase(passphrase);
        SrtKmMessage.requireKeyLength(keyLength);
        SrtKmMessage.requireSalt(salt);
        byte[] lsb64 = Arrays.copyOfRange(salt, salt.length - PBKDF2_SALT_LENGTH, salt.length);
        return pbkdf2HmacSha1(passphrase, lsb64, PBKDF2_ITERATIONS, keyLength);
    }

    /** Checks the passphrase the way libsrt's SRTO_PASSPHRASE does: 10 to 80 bytes. */
    public static String requirePassphrase(String passphrase) {
        int n = passphrase.getBytes(StandardCharsets.UTF_8).length;
        if (n < MIN_PASSPHRASE_LENGTH || n > MAX_PASSPHRASE_LENGTH) {
            throw new IllegalArgumentException("SRT passphrase is " + n + " bytes, it must be "
                    + MIN_PASSPHRASE_LENGTH + " to " + MAX_PASSPHRASE_LENGTH);
        }
        return passphrase;
    }

    static byte[] pbkdf2HmacSha1(String password, byte[] salt, int iterations, int length) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA1", e);
        } finally {
            spec.clearPassword();
        }
    }
}
