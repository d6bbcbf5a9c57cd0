package io.camelmedia.protocol.srt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SrtCryptoSender} and {@link SrtCryptoReceiver} together: KM exchange, packets, refresh, wrong passphrase. */
class SrtCryptoContextTest {
    private static final String PASS = "0123456789";

    private static byte[] payload(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "pbkeylen {0}")
    @ValueSource(ints = {0, 16, 24, 32})
    void callerToListenerAndBack(int pbkeylen) {
        SrtCryptoSender caller = SrtCryptoSender.generate(PASS, pbkeylen);
        byte[] kmreq = caller.keyMaterial();
        SrtCryptoReceiver listenerRx = new SrtCryptoReceiver(PASS);
        SrtKmMessage km = listenerRx.accept(kmreq);
        int expected = pbkeylen == 0 ? 16 : pbkeylen;
        assertEquals(expected, km.keyLength());
        assertEquals(expected, listenerRx.keyLength(), "the listener adopts the caller's key length");
        assertEquals(SrtKeyFlag.EVEN, km.keyFlag());

        for (int seq = 1000; seq < 1010; seq++) {
            byte[] plain = payload(1316, seq);
            byte[] buf = plain.clone();
            SrtKeyFlag kk = caller.encrypt(seq, buf, 0, buf.length);
            assertEquals(SrtKeyFlag.EVEN, kk);
            assertFalse(Arrays.equals(plain, buf));
            assertTrue(listenerRx.decrypt(kk, seq, buf, 0, buf.length));
            assertArrayEquals(plain, buf);
        }

        // the listener sends back with the caller's key (HSv5 bidirectional), the caller decrypts with its own KM
        SrtCryptoSender listenerTx = SrtCryptoSender.cloneOf(listenerRx, 0, 0, new SecureRandom());
        assertArrayEquals(kmreq, listenerTx.keyMaterial(), "re-assembled KM equals the KMREQ (the KMRSP echo)");
        SrtCryptoReceiver callerRx = new SrtCryptoReceiver(PASS);
        callerRx.accept(caller.keyMaterial());
        ByteBuffer direct = ByteBuffer.allocateDirect(188 * 7);
        byte[] plain = payload(188 * 7, 1);
        direct.put(plain).flip();
        SrtKeyFlag kk = listenerTx.encrypt(42, direct);
        assertTrue(callerRx.decrypt(kk, 42, direct));
        byte[] back = new byte[plain.length];
        direct.get(back);
        assertArrayEquals(plain, back);
    }

    @Test
    void wrongPassphraseIsBadSecret() {
        SrtCryptoSender caller = SrtCryptoSender.generate(PASS, 24);
        SrtCryptoReceiver rx = new SrtCryptoReceiver("9876543210");
        SrtCryptoException e = assertThrows(SrtCryptoException.class, () -> rx.accept(caller.keyMaterial()));
        assertTrue(e.isBadSecret());
        assertEquals(SrtKmState.BADSECRET, e.kmState());
        assertEquals(SrtKmState.REJ_BADSECRET, e.kmState().rejectReason());
        assertFalse(rx.hasKey(SrtKeyFlag.EVEN));
        byte[] buf = new byte[10];
        assertFalse(rx.decrypt(SrtKeyFlag.EVEN, 1, buf, 0, 10), "no key: the caller drops the packet");
        assertArrayEquals(new byte[10], buf);
    }

    @Test
    void noKeyForKkZeroOrBoth() {
        SrtCryptoSender caller = SrtCryptoSender.generate(PASS, 16);
        SrtCryptoReceiver rx = new SrtCryptoReceiver(PASS);
        rx.accept(caller.keyMaterial());
        byte[] buf = new byte[10];
        assertFalse(rx.decrypt(SrtKeyFlag.NONE, 1, buf, 0, 10));
        assertFalse(rx.decrypt(SrtKeyFlag.BOTH, 1, buf, 0, 10));
        assertFalse(rx.decrypt(SrtKeyFlag.ODD, 1, buf, 0, 10));
    }

    @Test
    void sendersSaltAndKeysAreFresh() {
        SrtCryptoSender a = SrtCryptoSender.generate(PASS, 16);
        SrtCryptoSender b = SrtCryptoSender.generate(PASS, 16);
        assertFalse(Arrays.equals(a.salt(), b.salt()));
        assertFalse(Arrays.equals(a.keyMaterial(), b.keyMaterial()));
    }

    /**
     * Refresh rate 20, pre-announce 5: after 15 packets the both-keys KM is announced, after 20 the odd key is
     * active, 5 packets later the even key is dropped; a receiver fed with the updates decrypts every packet.
     */
    @Test
    void keyRefreshSchedule() {
        SrtCryptoSender tx = SrtCryptoSender.generate(PASS, 16, 20, 5, new SecureRandom());
        SrtCryptoReceiver rx = new SrtCryptoReceiver(PASS);
        rx.accept(tx.keyMaterial());
        assertNull(tx.pollKeyMaterialUpdate());
        List<String> events = new ArrayList<>();
        SrtKeyFlag last = SrtKeyFlag.EVEN;
        for (int i = 0; i < 70; i++) {
            byte[] plain = payload(100, i);
            byte[] buf = plain.clone();
            SrtKeyFlag kk = tx.encrypt(i, buf, 0, buf.length);
            if (kk != last) {
                events.add(i + ":switch " + kk);
                last = kk;
            }
            byte[] update = tx.pollKeyMaterialUpdate();
            if (update != null) {
                SrtKmMessage m = rx.accept(update);
                events.add(i + ":km " + m.keyFlag());
            }
            assertTrue(rx.decrypt(kk, i, buf, 0, buf.length), "packet " + i);
            assertArrayEquals(plain, buf, "packet " + i);
        }
        assertEquals(List.of("15:km BOTH", "20:switch ODD", "25:km ODD", "35:km BOTH", "40:switch EVEN",
                "45:km EVEN", "55:km BOTH", "60:switch ODD", "65:km ODD"), events);
        SrtKmMessage current = SrtKmMessage.decode(tx.keyMaterial());
        assertEquals(SrtKeyFlag.ODD, current.keyFlag());
        assertArrayEquals(tx.salt(), current.salt(), "a refresh keeps the salt");
    }

    @Test
    void bothKeysKmCarriesEvenFirst() {
        SrtCryptoSender tx = SrtCryptoSender.generate(PASS, 32, 10, 2, new SecureRandom());
        byte[] evenOnly = tx.keyMaterial();
        byte[] buf = new byte[1];
        byte[] both = null;
        for (int i = 0; both == null; i++) {
            tx.encrypt(i, buf, 0, 1);
            both = tx.pollKeyMaterialUpdate();
        }
        SrtCryptoReceiver a = new SrtCryptoReceiver(PASS);
        a.accept(evenOnly);
        SrtCryptoReceiver b = new SrtCryptoReceiver(PASS);
        b.accept(both);
        assertArrayEquals(a.sek(0), b.sek(0));
        assertNotNull(b.sek(1));
        assertFalse(Arrays.equals(b.sek(0), b.sek(1)));
        assertEquals(16 + 16 + 8 + 64, both.length);
    }

    @Test
    void preAnnounceBoundedAsLibsrt() {
        assertThrows(IllegalArgumentException.class,
                () -> SrtCryptoSender.generate(PASS, 16, 20, 10, new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> SrtCryptoSender.generate(PASS, 20));
        assertThrows(IllegalStateException.class,
                () -> SrtCryptoSender.cloneOf(new SrtCryptoReceiver(PASS), 0, 0, new SecureRandom()));
    }
}
