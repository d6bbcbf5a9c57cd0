package io.camelmedia.protocol.srt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JDK's AES/KW against the RFC 3394 §4 test vectors, and the integrity check a wrong KEK fails. */
class SrtKeyWrapTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "RFC 3394 {0}")
    @CsvSource({
        "4.1 128 data 128 KEK, 000102030405060708090A0B0C0D0E0F, 00112233445566778899AABBCCDDEEFF,"
            + " 1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5",
        "4.2 128 data 192 KEK, 000102030405060708090A0B0C0D0E0F1011121314151617, 00112233445566778899AABBCCDDEEFF,"
            + " 96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D",
        "4.3 128 data 256 KEK, 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F,"
            + " 00112233445566778899AABBCCDDEEFF, 64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7",
        "4.4 192 data 192 KEK, 000102030405060708090A0B0C0D0E0F1011121314151617,"
            + " 00112233445566778899AABBCCDDEEFF0001020304050607,"
            + " 031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2",
        "4.6 256 data 256 KEK, 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F,"
            + " 00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F,"
            + " 28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21",
    })
    void rfc3394Vectors(String name, String kek, String data, String wrapped) {
        assertArrayEquals(HEX.parseHex(wrapped.toLowerCase()), SrtKeyWrap.wrap(HEX.parseHex(kek.toLowerCase()),
                HEX.parseHex(data.toLowerCase())));
        assertArrayEquals(HEX.parseHex(data.toLowerCase()), SrtKeyWrap.unwrap(HEX.parseHex(kek.toLowerCase()),
                HEX.parseHex(wrapped.toLowerCase())));
    }

    @ParameterizedTest(name = "wrong KEK, {0}-byte key")
    @CsvSource({"16", "24", "32"})
    void wrongKekFailsTheIntegrityCheck(int keyLength) {
        byte[] kek = new byte[keyLength];
        byte[] other = kek.clone();
        other[keyLength - 1] = 1;
        byte[] wrapped = SrtKeyWrap.wrap(kek, new byte[2 * keyLength]);
        SrtCryptoException e = assertThrows(SrtCryptoException.class, () -> SrtKeyWrap.unwrap(other, wrapped));
        assertEquals(SrtKmState.BADSECRET, e.kmState());
    }

    @ParameterizedTest(name = "tampered byte {0}")
    @CsvSource({"0", "7", "8", "23"})
    void tamperedWrapFails(int at) {
        byte[] kek = new byte[16];
        byte[] wrapped = SrtKeyWrap.wrap(kek, new byte[16]);
        wrapped[at] ^= 1;
        assertThrows(SrtCryptoException.class, () -> SrtKeyWrap.unwrap(kek, wrapped));
    }
}
