package io.camelmedia.protocol.srt.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The Key Material message (draft-sharabayko-srt §3.2.2; libsrt {@code haicrypt/hcrypt_msg.h}), the payload of the
 * KMREQ/KMRSP handshake extensions and of the in-band KM control packet. Bytes in network order, as on the wire:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |S|  V  |   PT  |             Sign              |   Resv1   | KK|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              KEKI                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Cipher     |      Auth     |      SE       |     Resv2     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Resv3             |     SLen/4    |     KLen/4    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Salt (SLen)                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Wrapped keys: ICV(8) | xSEK (KLen) [| oSEK (KLen)]     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * With both keys (KK = 3) the even key comes first: the wrap covers {@code even || odd}. Only AES-CTR (cipher 2,
 * auth 0) with MPEG-TS/SRT encapsulation (SE 2) is accepted, as libsrt's AES-CTR mode does
 * ({@code hcryptCtx_Rx_ParseKM}, {@code hcryptMsg_SRT_ParseMsg}).
 */
public final class SrtKmMessage {
    /** V: the HaiCrypt message version. */
    public static final int VERSION = 1;
    /** PT: keying material (1 would be a media stream message). */
    public static final int PT_KM = 2;
    /** Sign: Haivision's PnP manufacturer id "HAI", 5 bits per letter ('H'-'@', 'A'-'@', 'I'-'@'). */
    public static final int SIGN = 0x2029;
    public static final int CIPHER_AES_CTR = 2;
    public static final int CIPHER_AES_GCM = 4;
    public static final int AUTH_NONE = 0;
    /** SE: MPEG-TS/SRT stream encapsulation, the one libsrt checks for. */
    public static final int SE_SRT = 2;
    /** The salt is 128 bits: the CTR nonce uses its first 112, PBKDF2 its last 64. */
    public static final int SALT_LENGTH = 16;
    /** RFC 3394 integrity check value prepended by the key wrap. */
    public static final int WRAP_ICV_LENGTH = 8;
    /** The fixed part before the salt. */
    public static final int HEADER_LENGTH = 16;
    /** The largest message: two 256-bit keys. */
    public static final int MAX_LENGTH = HEADER_LENGTH + SALT_LENGTH + WRAP_ICV_LENGTH + 2 * 32;

    private final SrtKeyFlag keyFlag;
    private final int keki;
    private final byte[] salt;
    private final int keyLength;
    private final byte[] wrappedKeys;

    /**
     * @param keyFlag     EVEN, ODD or BOTH: which SEK(s) the wrap carries
     * @param keki        key encrypting key index, 0 for the default (passphrase) KEK
     * @param salt        16 bytes
     * @param keyLength   SEK length, 16, 24 or 32
     * @param wrappedKeys RFC 3394 output: 8 + keyLength bytes, 8 + 2 * keyLength with BOTH
     */
    public SrtKmMessage(SrtKeyFlag keyFlag, int keki, byte[] salt, int keyLength, byte[] wrappedKeys) {
        if (keyFlag == SrtKeyFlag.NONE) {
            throw new IllegalArgumentException("a KM message carries at least one key (KK 1, 2 or 3)");
        }
        requireKeyLength(keyLength);
        requireSalt(salt);
        int expected = wrapLength(keyFlag, keyLength);
        if (wrappedKeys.length != expected) {
            throw new IllegalArgumentException("wrapped keys are " + wrappedKeys.length + " bytes, KK=" + keyFlag
                    + " with " + keyLength + "-byte keys wraps to " + expected);
        }
        this.keyFlag = keyFlag;
        this.keki = keki;
        this.salt = salt.clone();
        this.keyLength = keyLength;
        this.wrappedKeys = wrappedKeys.clone();
    }

    /** Checks an SEK length: AES-128, -192 or -256 ({@code pbkeylen} 16, 24, 32). */
    public static int requireKeyLength(int keyLength) {
        if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
            throw new IllegalArgumentException("key length " + keyLength + " is not 16, 24 or 32");
        }
        return keyLength;
    }

    /** Checks a salt's length: SRT's is always {@value #SALT_LENGTH} bytes. */
    public static byte[] requireSalt(byte[] salt) {
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("salt is " + salt.length + " bytes, SRT uses " + SALT_LENGTH);
        }
        return salt;
    }

    /** ICV plus one key, or two with BOTH. */
    public static int wrapLength(SrtKeyFlag keyFlag, int keyLength) {
        return WRAP_ICV_LENGTH + (keyFlag == SrtKeyFlag.BOTH ? 2 : 1) * keyLength;
    }

    public SrtKeyFlag keyFlag() {
        return keyFlag;
    }

    public int keki() {
        return keki;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public int keyLength() {
        return keyLength;
    }

    public byte[] wrappedKeys() {
        return wrappedKeys.clone();
    }

    public int encodedLength() {
        return HEADER_LENGTH + SALT_LENGTH + wrappedKeys.length;
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(encodedLength());
        encode(out);
        return out.array();
    }

    /** Writes {@link #encodedLength()} bytes at the buffer's position and advances it. */
    public void encode(ByteBuffer out) {
        out.put((byte) (VERSION << 4 | PT_KM));
        out.putShort((short) SIGN);
        out.put((byte) keyFlag.bits());          // Resv1 = 0, KK
        out.putInt(keki);
        out.put((byte) CIPHER_AES_CTR);
        out.put((byte) AUTH_NONE);
        out.put((byte) SE_SRT);
        out.put((byte) 0);                       // Resv2
        out.putShort((short) 0);                 // Resv3
        out.put((byte) (SALT_LENGTH / 4));
        out.put((byte) (keyLength / 4));
        out.put(salt);
        out.put(wrappedKeys);
    }

    public static SrtKmMessage decode(byte[] msg) {
        return decode(ByteBuffer.wrap(msg));
    }

    /**
     * Decodes the whole remaining content of {@code in} (a KM message has no length of its own: the extension or
     * control packet gives it) and advances the position to the limit.
     *
     * @throws SrtCryptoException malformed or unsupported; its {@link SrtCryptoException#kmState()} is what to report
     */
    public static SrtKmMessage decode(ByteBuffer in) {
        int start = in.position();
        int len = in.remaining();
        if (len < HEADER_LENGTH) {
            throw malformed(in, start, "KM message is " + len + " bytes, the header alone is " + HEADER_LENGTH);
        }
        int b0 = in.get(start) & 0xFF;
        int sign = in.getShort(start + 1) & 0xFFFF;
        if (b0 >> 7 != 0 || (b0 >> 4) != VERSION || (b0 & 0xF) != PT_KM || sign != SIGN) {
            throw malformed(in, start, String.format("not a KM message: S/V/PT byte 0x%02x (want 0x%02x), Sign 0x%04x"
                    + " (want 0x%04x)", b0, VERSION << 4 | PT_KM, sign, SIGN));
        }
        SrtKeyFlag kk = SrtKeyFlag.fromBits(in.get(start + 3));
        if (kk == SrtKeyFlag.NONE) {
            throw malformed(in, start, "KM message KK=0 carries no key");
        }
        int keki = in.getInt(start + 4);
        checkCipher(in, start);
        int saltLen = (in.get(start + 14) & 0xFF) * 4;
        int keyLen = (in.get(start + 15) & 0xFF) * 4;
        if (saltLen != SALT_LENGTH) {
            throw malformed(in, start, "KM salt length SLen/4=" + saltLen / 4 + " gives " + saltLen
                    + " bytes, SRT uses " + SALT_LENGTH);
        }
        if (keyLen != 16 && keyLen != 24 && keyLen != 32) {
            throw malformed(in, start, "KM key length KLen/4=" + keyLen / 4 + " gives " + keyLen
                    + " bytes, not 16, 24 or 32");
        }
        int expected = HEADER_LENGTH + saltLen + wrapLength(kk, keyLen);
        if (len != expected) {
            throw malformed(in, start, "KM message is " + len + " bytes, KK=" + kk + " with " + keyLen
                    + "-byte keys needs " + expected);
        }
        byte[] salt = new byte[saltLen];
        in.get(start + HEADER_LENGTH, salt);
        byte[] wrap = new byte[len - HEADER_LENGTH - saltLen];
        in.get(start + HEADER_LENGTH + saltLen, wrap);
        in.position(start + len);
        return new SrtKmMessage(kk, keki, salt, keyLen, wrap);
    }

    private static void checkCipher(ByteBuffer in, int start) {
        int cipher = in.get(start + 8) & 0xFF;
        int auth = in.get(start + 9) & 0xFF;
        int se = in.get(start + 10) & 0xFF;
        if (cipher == CIPHER_AES_GCM) {
            throw new SrtCryptoException(SrtKmState.BADCRYPTOMODE, "KM message asks for AES-GCM (cipher 4),"
                    + " only AES-CTR (2) is supported");
        }
        if (cipher != CIPHER_AES_CTR || auth != AUTH_NONE) {
            throw malformed(in, start, "KM cipher " + cipher + " auth " + auth + ": only AES-CTR (2) without"
                    + " authentication (0) is supported");
        }
        if (se != SE_SRT) {
            throw malformed(in, start, "KM stream encapsulation SE=" + se + ", SRT uses " + SE_SRT);
        }
    }

    /** libsrt answers a KM it cannot parse with NOSECRET ({@code HAICRYPT_ERROR} in {@code processSrtMsg_KMREQ}). */
    private static SrtCryptoException malformed(ByteBuffer in, int start, String what) {
        int n = Math.min(in.limit() - start, HEADER_LENGTH);
        byte[] head = new byte[n];
        in.get(start, head);
        return new SrtCryptoException(SrtKmState.NOSECRET, what + " [" + HexFormat.of().formatHex(head) + "]");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtKmMessage m && m.keyFlag == keyFlag && m.keki == keki && m.keyLength == keyLength
                && Arrays.equals(m.salt, salt) && Arrays.equals(m.wrappedKeys, wrappedKeys);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(wrappedKeys) + keyFlag.hashCode();
    }

    @Override
    public String toString() {
        return "SrtKmMessage[KK=" + keyFlag + ", keki=" + keki + ", klen=" + keyLength + "]";
    }
}
