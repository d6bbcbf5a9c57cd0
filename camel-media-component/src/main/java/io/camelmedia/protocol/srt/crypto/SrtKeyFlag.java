package io.camelmedia.protocol.srt.crypto;

/**
 * The KK field: which stream encrypting key. Two bits both in a data packet header (word 1: {@code PP(2) O(1) KK(2)
 * R(1) MsgNo(26)}, draft-sharabayko-srt §3.1; libsrt {@code hcrypt_xpt_srt.c} shifts them by 27) and in the KM
 * message (byte 3). 0 in a data packet means "not encrypted"; 3 only occurs in a KM carrying both keys.
 */
public enum SrtKeyFlag {
    NONE(0),
    EVEN(1),
    ODD(2),
    BOTH(3);

    /** Shift of KK in the data packet header's second 32-bit word. */
    public static final int DATA_HEADER_SHIFT = 27;
    private static final int MASK = 0x3;
    private static final SrtKeyFlag[] BY_BITS = values();

    private final int bits;

    SrtKeyFlag(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** The slot (0 even, 1 odd) of a single key; libsrt's {@code hcryptMsg_GetKeyIndex} is {@code KK >> 1}. */
    int index() {
        return bits >> 1;
    }

    public static SrtKeyFlag fromBits(int bits) {
        return BY_BITS[bits & MASK];
    }

    /** The KK bits of a data packet, given its header's second word (the one holding the message number). */
    public static SrtKeyFlag ofDataHeaderWord(int messageWord) {
        return BY_BITS[(messageWord >>> DATA_HEADER_SHIFT) & MASK];
    }

    /** {@code messageWord} with its KK bits set to this flag. */
    public int applyToDataHeaderWord(int messageWord) {
        return (messageWord & ~(MASK << DATA_HEADER_SHIFT)) | (bits << DATA_HEADER_SHIFT);
    }
}
