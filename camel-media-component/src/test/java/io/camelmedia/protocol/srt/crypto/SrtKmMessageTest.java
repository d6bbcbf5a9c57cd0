package io.camelmedia.protocol.srt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Key Material message layout. {@link #AES128_EVEN} was assembled by hand from the spec's figure; its wrap is
 * {@code openssl enc -id-aes128-wrap -K <KEK> -iv A6A6A6A6A6A6A6A6} of the SEK, the KEK being the one
 * {@link SrtKekTest} checks (passphrase "0123456789", salt 00..0f).
 */
class SrtKmMessageTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SEK = HEX.parseHex("00112233445566778899aabbccddeeff");

    static final byte[] AES128_EVEN = HEX.parseHex(""
            + "12202901"                            // S=0 V=1 PT=2 | Sign 0x2029 | Resv1=0 KK=01 (even)
            + "00000000"                            // KEKI 0
            + "02000200"                            // Cipher 2 (AES-CTR) | Auth 0 | SE 2 (SRT) | Resv2
            + "00000404"                            // Resv3 | SLen/4 = 4 | KLen/4 = 4
            + "000102030405060708090a0b0c0d0e0f"    // Salt
            + "28f39051fb4f62976b2bb7a720a55cea326185662de0434f"); // ICV + wrapped SEK

    /** Both keys: even SEK then its byte reverse as the odd SEK, wrapped together. */
    static final byte[] AES128_BOTH = HEX.parseHex("12202903" + "00000000" + "02000200" + "00000404"
            + "000102030405060708090a0b0c0d0e0f"
            + "33bdd514f4cdd908197be6ba5180c60b2e61fc910158de557ba7e3a525c119384839872e2a3cee2a");

    @Test
    void decodesTheHandAssembledMessage() {
        SrtKmMessage m = SrtKmMessage.decode(AES128_EVEN);
        assertEquals(SrtKeyFlag.EVEN, m.keyFlag());
        assertEquals(0, m.keki());
        assertEquals(16, m.keyLength());
        assertArrayEquals(SALT, m.salt());
        assertEquals(24, m.wrappedKeys().length);
        assertArrayEquals(AES128_EVEN, m.encode());
    }

    @Test
    void receiverUnwrapsTheHandAssembledMessages() {
        SrtCryptoReceiver rx = new SrtCryptoReceiver("0123456789");
        rx.accept(AES128_EVEN);
        assertArrayEquals(SEK, rx.sek(0));
        rx.accept(AES128_BOTH);
        assertArrayEquals(SEK, rx.sek(0));
        byte[] odd = SEK.clone();
        for (int i = 0; i < 16; i++) {
            odd[i] = SEK[15 - i];
        }
        assertArrayEquals(odd, rx.sek(1));
    }

    @ParameterizedTest(name = "{0}-byte keys, KK {1}")
    @CsvSource({"16, EVEN", "24, ODD", "32, BOTH", "16, BOTH"})
    void roundTripAtAnOffset(int keyLength, SrtKeyFlag kk) {
        byte[] wrap = new byte[SrtKmMessage.wrapLength(kk, keyLength)];
        Arrays.fill(wrap, (byte) 0x5A);
        SrtKmMessage m = new SrtKmMessage(kk, 0, SALT, keyLength, wrap);
        ByteBuffer buf = ByteBuffer.allocate(m.encodedLength() + 10);
        buf.position(3);
        m.encode(buf);
        assertEquals(3 + m.encodedLength(), buf.position());
        buf.flip().position(3);
        SrtKmMessage back = SrtKmMessage.decode(buf);
        assertEquals(m, back);
        assertEquals(buf.limit(), buf.position());
        assertEquals(16 + 16 + 8 + (kk == SrtKeyFlag.BOTH ? 2 : 1) * keyLength, m.encodedLength());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bad sign, 1, 0x2A, NOSECRET",
        "version 2, 0, 0x22, NOSECRET",
        "media stream PT, 0, 0x11, NOSECRET",
        "S bit set, 0, 0x92, NOSECRET",
        "KK 0, 3, 0x00, NOSECRET",
        "AES-ECB cipher, 8, 0x01, NOSECRET",
        "AES-GCM cipher, 8, 0x04, BADCRYPTOMODE",
        "auth set, 9, 0x01, NOSECRET",
        "SE 1 (TS/UDP), 10, 0x01, NOSECRET",
        "salt 12 bytes, 14, 0x03, NOSECRET",
        "key 20 bytes, 15, 0x05, NOSECRET",
        "key 24 bytes but 16 wrapped, 15, 0x06, NOSECRET",
        "KK both but one key, 3, 0x03, NOSECRET",
    })
    void rejects(String name, int offset, String value, SrtKmState state) {
        byte[] km = AES128_EVEN.clone();
        km[offset] = (byte) Integer.parseInt(value.substring(2), 16);
        SrtCryptoException e = assertThrows(SrtCryptoException.class, () -> SrtKmMessage.decode(km));
        assertEquals(state, e.kmState(), e.getMessage());
    }

    @Test
    void rejectsTruncatedAndPadded() {
        for (int n : new int[] {0, 4, 15, 16, 31, 32, AES128_EVEN.length - 1}) {
            byte[] km = Arrays.copyOf(AES128_EVEN, n);
            SrtCryptoException e = assertThrows(SrtCryptoException.class, () -> SrtKmMessage.decode(km), "length " + n);
            assertTrue(e.getMessage().contains("bytes"), e.getMessage());
        }
        assertThrows(SrtCryptoException.class, () -> SrtKmMessage.decode(Arrays.copyOf(AES128_EVEN, AES128_EVEN.length + 4)));
    }

    @Test
    void decodeDoesNotModifyItsInput() {
        byte[] km = AES128_BOTH.clone();
        SrtKmMessage.decode(km);
        assertArrayEquals(AES128_BOTH, km);
    }

    @Test
    void kmrspStates() {
        assertEquals(SrtKmState.BADSECRET, SrtKmState.fromCode(4));
        assertEquals(10, SrtKmState.BADSECRET.rejectReason());
        assertEquals(11, SrtKmState.NOSECRET.rejectReason());
        assertEquals(-1, SrtKmState.SECURED.rejectReason());
        assertThrows(SrtCryptoException.class, () -> SrtKmState.fromCode(6));
    }

    @Test
    void keyFlagBitsInTheDataHeader() {
        // PP=10 (first) O=0 KK=10 (odd) R=0 msgno=5
        int word = 0b10_0_10_0 << 26 | 5;
        assertEquals(SrtKeyFlag.ODD, SrtKeyFlag.ofDataHeaderWord(word));
        int even = SrtKeyFlag.EVEN.applyToDataHeaderWord(word);
        assertEquals(0b10_0_01_0 << 26 | 5, even);
        assertEquals(SrtKeyFlag.NONE, SrtKeyFlag.ofDataHeaderWord(SrtKeyFlag.NONE.applyToDataHeaderWord(word)));
    }
}
