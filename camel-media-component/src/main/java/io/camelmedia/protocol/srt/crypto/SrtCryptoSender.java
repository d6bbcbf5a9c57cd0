package io.camelmedia.protocol.srt.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The sending side of one SRT connection's encryption: the even/odd stream keys, which one is active, the KM
 * message to announce and the key refresh (draft-sharabayko-srt §6.1.6; libsrt {@code hcryptCtx_Tx_ManageKM}).
 * <p>
 * Refresh, counted in packets encrypted with the active key: past {@code refreshRate - preAnnounce} a new SEK is
 * generated for the other slot (same salt, same KEK) and the KM becomes the both-keys message, which the connection
 * must send in-band ({@link #pollKeyMaterialUpdate()}); past {@code refreshRate} packets the new key becomes active
 * (the KK of the next packets flips); {@code preAnnounce} packets later the old key is dropped and the KM carries the
 * active key alone again (another update to send).
 * <p>
 * The caller (initiator) generates its keys ({@link #generate}); a listener sends with the keys it received
 * ({@link #cloneOf}), as libsrt's {@code HaiCrypt_Clone} does for HSv5. Not thread-safe: the sending thread owns it.
 */
public final class SrtCryptoSender {
    /** {@code HAICRYPT_DEF_KEY_LENGTH}: pbkeylen 0 means AES-128. */
    public static final int DEFAULT_KEY_LENGTH = 16;
    /** {@code HAICRYPT_DEF_KM_REFRESH_RATE}: SRTO_KMREFRESHRATE 0 means 2^24 packets. */
    public static final long DEFAULT_REFRESH_RATE = 1L << 24;
    /** {@code HAICRYPT_DEF_KM_PRE_ANNOUNCE}: SRTO_KMPREANNOUNCE 0 means 2^12 packets. */
    public static final long DEFAULT_PRE_ANNOUNCE = 1L << 12;

    private final SecureRandom random;
    private final long refreshRate;
    private final long preAnnounce;
    private final byte[] salt;
    private final byte[] kek;
    private final int keyLength;
    private final byte[][] seks = new byte[2][];
    private final SrtPayloadCipher[] ciphers = new SrtPayloadCipher[2];
    private final boolean[] deprecated = new boolean[2];
    private int active;
    private long packets;
    private byte[] keyMaterial;
    private byte[] pendingUpdate;

    private SrtCryptoSender(byte[] salt, byte[] kek, byte[] sek, long refreshRate, long preAnnounce,
                            SecureRandom random) {
        this.random = random;
        this.refreshRate = refreshRate == 0 ? DEFAULT_REFRESH_RATE : refreshRate;
        this.preAnnounce = preAnnounce == 0 ? DEFAULT_PRE_ANNOUNCE : preAnnounce;
        if (this.refreshRate < 3 || this.preAnnounce < 1 || this.preAnnounce > (this.refreshRate - 1) / 2) {
            throw new IllegalArgumentException("KM pre-announce " + this.preAnnounce + " must be 1.."
                    + "(refresh rate - 1) / 2 with refresh rate " + this.refreshRate + " (SRTO_KMPREANNOUNCE)");
        }
        this.salt = salt;
        this.kek = kek;
        this.keyLength = sek.length;
        install(0, sek);
        this.keyMaterial = assemble();
    }

    /** A caller's keys with libsrt's defaults; {@code keyLength} 0 means {@value #DEFAULT_KEY_LENGTH}. */
    public static SrtCryptoSender generate(String passphrase, int keyLength) {
        return generate(passphrase, keyLength, 0, 0, new SecureRandom());
    }

    /**
     * New random salt and even SEK (libsrt {@code hcryptCtx_Tx_Rekey}), KEK derived from the passphrase.
     *
     * @param keyLength   pbkeylen 16, 24 or 32; 0 for {@value #DEFAULT_KEY_LENGTH}
     * @param refreshRate packets per key, 0 for {@value #DEFAULT_REFRESH_RATE}
     * @param preAnnounce packets the next key is announced before, and the old one kept after, the switch; 0 for
     *                    {@value #DEFAULT_PRE_ANNOUNCE}; at most {@code (refreshRate - 1) / 2}
     */
    public static SrtCryptoSender generate(String passphrase, int keyLength, long refreshRate, long preAnnounce,
                                           SecureRandom random) {
        int k = SrtKmMessage.requireKeyLength(keyLength == 0 ? DEFAULT_KEY_LENGTH : keyLength);
        byte[] salt = new byte[SrtKmMessage.SALT_LENGTH];
        random.nextBytes(salt);
        byte[] sek = new byte[k];
        random.nextBytes(sek);
        return new SrtCryptoSender(salt, SrtKek.derive(passphrase, salt, k), sek, refreshRate, preAnnounce, random);
    }

    /**
     * A listener's sender: the salt and stream key of the KM its receiver accepted (even if present, else odd), put in
     * the even slot, as libsrt's {@code hcryptCtx_Tx_CloneKey} does; the key length is the caller's.
     *
     * @throws IllegalStateException when {@code receiver} has accepted no KM
     */
    public static SrtCryptoSender cloneOf(SrtCryptoReceiver receiver, long refreshRate, long preAnnounce,
                                          SecureRandom random) {
        int slot = receiver.sek(0) != null ? 0 : 1;
        if (receiver.sek(slot) == null) {
            throw new IllegalStateException("the receiver has accepted no KM message yet");
        }
        byte[] salt = receiver.salt(slot).clone();
        byte[] sek = receiver.sek(slot).clone();
        byte[] kek = Arrays.equals(salt, receiver.kekSalt()) && receiver.keyLength() == sek.length
                ? receiver.kek().clone() : SrtKek.derive(receiver.passphrase(), salt, sek.length);
        return new SrtCryptoSender(salt, kek, sek, refreshRate, preAnnounce, random);
    }

    /** The KM message to announce now: KMREQ at handshake, and what an in-band KM retransmission carries. */
    public byte[] keyMaterial() {
        return keyMaterial.clone();
    }

    /**
     * The new KM message once after the key refresh changed it (pre-announce: both keys; decommission: the active
     * key alone), else null. The connection sends it in-band (KMREQ control) until the peer's KMRSP echoes it.
     */
    public byte[] pollKeyMaterialUpdate() {
        byte[] u = pendingUpdate;
        pendingUpdate = null;
        return u;
    }

    /** The KK to put in the header of the next packet, before {@link #encrypt} may switch it. */
    public SrtKeyFlag activeKey() {
        return active == 0 ? SrtKeyFlag.EVEN : SrtKeyFlag.ODD;
    }

    public int keyLength() {
        return keyLength;
    }

    public byte[] salt() {
        return salt.clone();
    }

    /**
     * Runs the refresh schedule, then encrypts {@code buf[off, off + len)} in place with the active key.
     *
     * @param packetIndex the packet sequence number (the header's first word)
     * @return the key used: the KK bits this packet's header must carry
     */
    public SrtKeyFlag encrypt(int packetIndex, byte[] buf, int off, int len) {
        manageKeys();
        ciphers[active].transform(packetIndex, buf, off, len);
        packets++;
        return activeKey();
    }

    /** {@link #encrypt(int, byte[], int, int)} over the remaining bytes; position and limit unchanged. */
    public SrtKeyFlag encrypt(int packetIndex, ByteBuffer payload) {
        manageKeys();
        ciphers[active].transform(packetIndex, payload);
        packets++;
        return activeKey();
    }

    private void manageKeys() {
        int alt = active ^ 1;
        if (packets >= refreshRate) {
            deprecated[active] = true;
            active = alt;
            packets = 0;
        } else if (packets >= refreshRate - preAnnounce && seks[alt] == null) {
            byte[] sek = new byte[keyLength];
            random.nextBytes(sek);
            install(alt, sek);
            announce();
        } else if (deprecated[alt] && packets >= preAnnounce) {
            seks[alt] = null;
            ciphers[alt] = null;
            deprecated[alt] = false;
            announce();
        }
    }

    private void announce() {
        keyMaterial = assemble();
        pendingUpdate = keyMaterial.clone();
    }

    private void install(int slot, byte[] sek) {
        seks[slot] = sek;
        ciphers[slot] = new SrtPayloadCipher(sek, salt);
    }

    /** KM with every key held: both (even first) during a refresh, else the active one (libsrt {@code hcryptCtx_Tx_AsmKM}). */
    private byte[] assemble() {
        SrtKeyFlag kk;
        byte[] keys;
        if (seks[0] != null && seks[1] != null) {
            kk = SrtKeyFlag.BOTH;
            keys = new byte[2 * keyLength];
            System.arraycopy(seks[0], 0, keys, 0, keyLength);
            System.arraycopy(seks[1], 0, keys, keyLength, keyLength);
        } else {
            kk = activeKey();
            keys = seks[active].clone();
        }
        byte[] wrapped = SrtKeyWrap.wrap(kek, keys);
        Arrays.fill(keys, (byte) 0);
        return new SrtKmMessage(kk, 0, salt, keyLength, wrapped).encode();
    }
}
