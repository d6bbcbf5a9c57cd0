package io.camelmedia.protocol.srt.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The receiving side of one SRT connection's encryption: installs the even/odd stream keys of the peer's KM
 * messages (KMREQ at handshake, KM refreshes in-band) and decrypts data packets by their KK bits
 * (libsrt {@code hcryptCtx_Rx_ParseKM}, {@code HaiCrypt_Rx_Data}). Not thread-safe.
 */
public final class SrtCryptoReceiver {
    private final String passphrase;
    private final SrtPayloadCipher[] ciphers = new SrtPayloadCipher[2];
    private final byte[][] seks = new byte[2][];
    private final byte[][] salts = new byte[2][];
    private byte[] kekSalt;
    private int kekLength;
    private byte[] kek;
    private byte[] lastKm;

    /** @param passphrase 10 to 80 bytes of UTF-8, as libsrt's SRTO_PASSPHRASE */
    public SrtCryptoReceiver(String passphrase) {
        this.passphrase = SrtKek.requirePassphrase(passphrase);
    }

    /** Decodes and installs {@code km}; see {@link #accept(ByteBuffer)}. */
    public SrtKmMessage accept(byte[] km) {
        return accept(ByteBuffer.wrap(km));
    }

    /**
     * Decodes the remaining bytes of {@code km} as a KM message, derives the KEK (again only when the salt or key
     * length changed), unwraps the SEK(s) and installs them: the even slot for KK=1, odd for 2, both for 3 (even
     * first). A message identical to the last accepted one changes nothing. The position advances to the limit.
     *
     * @return the decoded message (its {@link SrtKmMessage#keyLength()} is what a listener adopts as its pbkeylen)
     * @throws SrtCryptoException malformed or unsupported ({@link SrtKmState#NOSECRET}, {@link SrtKmState#BADCRYPTOMODE})
     *                            or wrong passphrase ({@link SrtKmState#BADSECRET}); nothing is installed then
     */
    public SrtKmMessage accept(ByteBuffer km) {
        byte[] raw = new byte[km.remaining()];
        km.get(km.position(), raw);
        SrtKmMessage msg = SrtKmMessage.decode(km);
        if (Arrays.equals(raw, lastKm)) {
            return msg;
        }
        byte[] salt = msg.salt();
        byte[] plain = SrtKeyWrap.unwrap(kekFor(salt, msg.keyLength()), msg.wrappedKeys());
        int k = msg.keyLength();
        switch (msg.keyFlag()) {
            case EVEN -> install(0, plain, 0, k, salt);
            case ODD -> install(1, plain, 0, k, salt);
            default -> {
                install(0, plain, 0, k, salt);
                install(1, plain, k, k, salt);
            }
        }
        Arrays.fill(plain, (byte) 0);
        lastKm = raw;
        return msg;
    }

    private byte[] kekFor(byte[] salt, int keyLength) {
        if (kek == null || kekLength != keyLength || !Arrays.equals(kekSalt, salt)) {
            kek = SrtKek.derive(passphrase, salt, keyLength);
            kekSalt = salt;
            kekLength = keyLength;
        }
        return kek;
    }

    private void install(int slot, byte[] plain, int off, int len, byte[] salt) {
        byte[] sek = Arrays.copyOfRange(plain, off, off + len);
        ciphers[slot] = new SrtPayloadCipher(sek, salt);
        seks[slot] = sek;
        salts[slot] = salt;
    }

    /** True once a KM installed the key for {@code kk} (EVEN or ODD). */
    public boolean hasKey(SrtKeyFlag kk) {
        return (kk == SrtKeyFlag.EVEN || kk == SrtKeyFlag.ODD) && ciphers[kk.index()] != null;
    }

    /** The SEK length of the last accepted KM, 0 before any. */
    public int keyLength() {
        return kekLength;
    }

    /**
     * Decrypts {@code buf[off, off + len)} in place.
     *
     * @param kk          the packet's KK bits ({@link SrtKeyFlag#ofDataHeaderWord(int)})
     * @param packetIndex the packet sequence number (the header's first word)
     * @return false, leaving the bytes untouched, when there is no key for {@code kk} (none received yet, or KK is
     *         0 or 3, which no encrypted data packet carries): the caller drops and counts the packet
     */
    public boolean decrypt(SrtKeyFlag kk, int packetIndex, byte[] buf, int off, int len) {
        if (!hasKey(kk)) {
            return false;
        }
        ciphers[kk.index()].transform(packetIndex, buf, off, len);
        return true;
    }

    /** {@link #decrypt(SrtKeyFlag, int, byte[], int, int)} over the remaining bytes; position and limit unchanged. */
    public boolean decrypt(SrtKeyFlag kk, int packetIndex, ByteBuffer payload) {
        if (!hasKey(kk)) {
            return false;
        }
        ciphers[kk.index()].transform(packetIndex, payload);
        return true;
    }

    String passphrase() {
        return passphrase;
    }

    byte[] kek() {
        return kek;
    }

    byte[] kekSalt() {
        return kekSalt;
    }

    byte[] sek(int slot) {
        return seks[slot];
    }

    byte[] salt(int slot) {
        return salts[slot];
    }
}
