package io.camelmedia.protocol.srt.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CTR over one data packet's payload under one stream encrypting key (draft-sharabayko-srt §6.1.2, §6.2.2).
 * The counter block, as libsrt's {@code hcrypt_SetCtrIV} ({@code haicrypt/hcrypt.h}) builds it:
 * <pre>
 *   0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15
 * +---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
 * |                  0                    |  packet index |  ctr  |
 * +---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
 *                                  XOR
 * +---+---+---+---+---+---+---+---+---+---+---+---+---+---+
 * |                     salt[0..13]                       |
 * +---+---+---+---+---+---+---+---+---+---+---+---+---+---+
 * </pre>
 * The packet index is the header's first word, the 31-bit packet sequence number, big-endian; the block counter
 * starts at 0. Encryption and decryption are the same operation and happen in place. Not thread-safe: one instance
 * per sending or receiving thread. The Cipher is kept and re-initialised per packet (the JDK keeps the AES key
 * schedule when the key is unchanged); the only per-packet allocations are those {@code Cipher.init} makes.
 */
public final class SrtPayloadCipher {
    public static final int IV_LENGTH = 16;
    /** The salt bytes that form the nonce (112 bits). */
    public static final int NONCE_LENGTH = 14;
    /** Where the packet index sits in the counter block. */
    public static final int PACKET_INDEX_OFFSET = 10;
    /** An SRT payload fits in a 1500-byte MTU; larger payloads grow the scratch buffer once. */
    private static final int INITIAL_SCRATCH = 1500;

    private final SecretKeySpec key;
    private final byte[] salt;
    private final Cipher cipher;
    private final byte[] iv = new byte[IV_LENGTH];
    private final int keyLength;
    private byte[] scratch = new byte[INITIAL_SCRATCH];
    private byte[] directIn = new byte[0];

    /**
     * @param sek  the stream encrypting key, 16, 24 or 32 bytes
     * @param salt the KM message's 16-byte salt
     */
    public SrtPayloadCipher(byte[] sek, byte[] salt) {
        SrtKmMessage.requireKeyLength(sek.length);
        SrtKmMessage.requireSalt(salt);
        this.key = new SecretKeySpec(sek, "AES");
        this.keyLength = sek.length;
        this.salt = salt.clone();
        try {
            this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/CTR/NoPadding", e);
        }
    }

    public int keyLength() {
        return keyLength;
    }

    /** The counter block for {@code packetIndex} under {@code salt} (16 bytes; the test oracle for the layout). */
    public static byte[] iv(byte[] salt, int packetIndex) {
        byte[] iv = new byte[IV_LENGTH];
        fillIv(salt, packetIndex, iv);
        return iv;
    }

    private static void fillIv(byte[] salt, int packetIndex, byte[] iv) {
        System.arraycopy(salt, 0, iv, 0, NONCE_LENGTH);
        iv[PACKET_INDEX_OFFSET] ^= (byte) (packetIndex >>> 24);
        iv[PACKET_INDEX_OFFSET + 1] ^= (byte) (packetIndex >>> 16);
        iv[PACKET_INDEX_OFFSET + 2] ^= (byte) (packetIndex >>> 8);
        iv[PACKET_INDEX_OFFSET + 3] ^= (byte) packetIndex;
        iv[14] = 0;
        iv[15] = 0;
    }

    /** Encrypts or decrypts {@code buf[off, off + len)} in place for the packet with sequence number {@code packetIndex}. */
    public void transform(int packetIndex, byte[] buf, int off, int len) {
        byte[] out = scratch(len);
        run(packetIndex, buf, off, len, out);
        System.arraycopy(out, 0, buf, off, len);
    }

    /** Encrypts or decrypts the remaining bytes of {@code payload} in place; position and limit are unchanged. */
    public void transform(int packetIndex, ByteBuffer payload) {
        int len = payload.remaining();
        if (payload.hasArray()) {
            transform(packetIndex, payload.array(), payload.arrayOffset() + payload.position(), len);
            return;
        }
        if (directIn.length < len) {
            directIn = new byte[Math.max(len, INITIAL_SCRATCH)];
        }
        byte[] out = scratch(len);
        int pos = payload.position();
        payload.get(pos, directIn, 0, len);
        run(packetIndex, directIn, 0, len, out);
        payload.put(pos, out, 0, len);
    }

    private void run(int packetIndex, byte[] in, int off, int len, byte[] out) {
        fillIv(salt, packetIndex, iv);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            // into a separate array: the JDK copies its input when input and output are the same array
            int n = cipher.doFinal(in, off, len, out, 0);
            if (n != len) {
                throw new IllegalStateException("AES-CTR returned " + n + " bytes for " + len);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
    }

    private byte[] scratch(int len) {
        if (scratch.length < len) {
            scratch = new byte[len];
        }
        return scratch;
    }
}
