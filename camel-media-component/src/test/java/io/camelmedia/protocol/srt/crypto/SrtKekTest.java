package io.camelmedia.protocol.srt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * KEK = PBKDF2-HMAC-SHA1(passphrase, last 8 salt bytes, 2048, klen). The expected KEKs were computed independently
 * with {@code openssl kdf -kdfopt digest:SHA1 -kdfopt pass:0123456789 -kdfopt hexsalt:08090a0b0c0d0e0f
 * -kdfopt iter:2048 PBKDF2} (OpenSSL 3.0), i.e. with salt[8..15] of the salt 00 01 .. 0f.
 */
class SrtKekTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = HEX.parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void rfc6070Vector() {
        // RFC 6070: P = "password", S = "salt", c = 4096, dkLen = 20
        assertArrayEquals(HEX.parseHex("4b007901b765489abead49d926f721d065a429c1"),
                SrtKek.pbkdf2HmacSha1("password", "salt".getBytes(), 4096, 20));
    }

    @Test
    void aes128KekUsesTheLast8SaltBytes() {
        assertArrayEquals(HEX.parseHex("efdc6eabb50aa2aecebd8534029206bd"), SrtKek.derive("0123456789", SALT, 16));
    }

    @Test
    void aes256Kek() {
        assertArrayEquals(HEX.parseHex("efdc6eabb50aa2aecebd8534029206bd4fc47aa0d901403895 69c77953bcfc51".replace(" ", "")),
                SrtKek.derive("0123456789", SALT, 32));
    }

    @Test
    void firstEightSaltBytesDoNotMatter() {
        byte[] other = SALT.clone();
        other[0] = (byte) 0xFF;
        other[7] = (byte) 0xFF;
        assertArrayEquals(SrtKek.derive("0123456789", SALT, 24), SrtKek.derive("0123456789", other, 24));
    }

    @Test
    void passphraseLengthAsLibsrt() {
        assertThrows(IllegalArgumentException.class, () -> SrtKek.derive("012345678", SALT, 16));
        assertThrows(IllegalArgumentException.class, () -> SrtKek.derive("x".repeat(81), SALT, 16));
        SrtKek.derive("x".repeat(80), SALT, 16);
    }
}
