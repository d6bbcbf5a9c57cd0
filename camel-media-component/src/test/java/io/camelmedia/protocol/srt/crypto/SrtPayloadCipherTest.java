package io.camelmedia.protocol.srt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CTR counter block (libsrt {@code hcrypt_SetCtrIV}: salt[0..13] XOR packet index at bytes 10..13, block
 * counter in 14..15) and the keystream. Expected keystreams: {@code openssl enc -aes-128-ctr
 * -K 000102..0f -iv 00010203040506070809183f5a750000} over 40 zero bytes (and -aes-256-ctr with key 00..1f).
 */
class SrtPayloadCipherTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = HEX.parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void ivIsSaltXorPacketIndexAtBytes10To13() {
        assertArrayEquals(HEX.parseHex("00010203040506070809183f5a750000"), SrtPayloadCipher.iv(SALT, 0x12345678));
        // salt bytes 14 and 15 never reach the counter block
        byte[] salt = SALT.clone();
        salt[14] = (byte) 0xAA;
        salt[15] = (byte) 0xBB;
        assertArrayEquals(HEX.parseHex("000102030405060708090a0b0c0d0000"), SrtPayloadCipher.iv(salt, 0));
        // the whole 32-bit word, big-endian: 0x7F0000FD XOR 0a0b0c0d
        assertArrayEquals(HEX.parseHex("00010203040506070809750b0cf00000"), SrtPayloadCipher.iv(salt, 0x7F0000FD));
    }

    @Test
    void aes128KeystreamAcrossBlocks() {
        byte[] buf = new byte[40];
        new SrtPayloadCipher(HEX.parseHex("000102030405060708090a0b0c0d0e0f"), SALT).transform(0x12345678, buf, 0, 40);
        assertArrayEquals(HEX.parseHex("1d7ca4b8604e8f892b8ab92d0b79397e0e9918faa92f1c6cc1e769f9f18584017c95a78f22377d46"),
                buf);
    }

    @Test
    void aes256KeystreamAtAnOffsetInADirectBuffer() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        ByteBuffer direct = ByteBuffer.allocateDirect(50);
        direct.position(5).limit(45);
        new SrtPayloadCipher(key, SALT).transform(0x12345678, direct);
        byte[] out = new byte[40];
        direct.get(5, out);
        assertArrayEquals(HEX.parseHex("067d268ef77e398110d21a939719ce86b95efe130d6b5d26d36a0b6f25953da193183dd91e2f9f9f"),
                out);
    }

    @ParameterizedTest(name = "{0}-byte key")
    @ValueSource(ints = {16, 24, 32})
    void roundTripInPlace(int keyLength) {
        Random r = new Random(keyLength);
        byte[] sek = new byte[keyLength];
        r.nextBytes(sek);
        byte[] plain = new byte[1316];
        r.nextBytes(plain);
        byte[] buf = new byte[1316 + 20];
        System.arraycopy(plain, 0, buf, 16, 1316);
        SrtPayloadCipher tx = new SrtPayloadCipher(sek, SALT);
        SrtPayloadCipher rx = new SrtPayloadCipher(sek, SALT);
        tx.transform(77, buf, 16, 1316);
        assertFalse(Arrays.equals(plain, Arrays.copyOfRange(buf, 16, 16 + 1316)));
        assertArrayEquals(new byte[16], Arrays.copyOf(buf, 16), "bytes before the payload untouched");
        ByteBuffer heap = ByteBuffer.wrap(buf, 16, 1316).slice();
        rx.transform(77, heap);
        assertArrayEquals(plain, Arrays.copyOfRange(buf, 16, 16 + 1316));
        assertArrayEquals(new byte[4], Arrays.copyOfRange(buf, 16 + 1316, buf.length), "bytes after untouched");
    }

    @Test
    void anotherPacketIndexGivesAnotherKeystream() {
        SrtPayloadCipher c = new SrtPayloadCipher(new byte[16], SALT);
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        c.transform(1, a, 0, 32);
        c.transform(2, b, 0, 32);
        assertFalse(Arrays.equals(a, b));
    }
}
