package io.camelmedia.protocol.srt;

/**
 * SRT packet sequence numbers (31 bits) and message numbers (26 bits): both wrap, and compare by their distance
 * modulo the space, as UDT's {@code CSeqNo} does.
 */
public final class SrtSeq {
    /** Sequence numbers are 31 bits. */
    public static final int SEQ_MODULUS = 1 << 31;
    private static final int SEQ_MASK = SEQ_MODULUS - 1;
    /** Message numbers are 26 bits; 0 is never used. */
    public static final int MSG_MASK = (1 << 26) - 1;

    private SrtSeq() {
    }

    /** {@code a - b} modulo 2^31, as a signed value. */
    public static int diff(int a, int b) {
        int d = (a - b) & SEQ_MASK;
        return d >= (SEQ_MODULUS >>> 1) ? d - SEQ_MODULUS : d;
    }

    /** {@code seq + n} modulo 2^31. */
    public static int add(int seq, int n) {
        return (seq + n) & SEQ_MASK;
    }

    /** The next message number after {@code msg}: 1..2^26-1, skipping 0. */
    public static int nextMessage(int msg) {
        int n = (msg + 1) & MSG_MASK;
        return n == 0 ? 1 : n;
    }
}
