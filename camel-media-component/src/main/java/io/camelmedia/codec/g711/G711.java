package io.camelmedia.codec.g711;

/**
 * ITU-T G.711 (11/88) expansion of 8-bit A-law and μ-law code words to 16-bit linear PCM.
 *
 * <p>The tables are computed from the companding rules of G.711 (Tables 1a/2a: a sign bit, a 3-bit segment
 * number and a 4-bit step within the segment; A-law code words are transmitted with the even bits
 * inverted, μ-law with all bits inverted), not copied. The decision values are scaled to 16 bits the way
 * every software codec does it (A-law 13-bit values times 8, μ-law 14-bit values times 4), so a decoded
 * sample equals ffmpeg's {@code pcm_alaw}/{@code pcm_mulaw} decoder output bit for bit.
 *
 * <p>Stateless; one byte is one sample, so any payload length is valid.
 */
public final class G711 {
    /** G.711: one 8-bit code word per sample at 8 kHz. */
    public static final int SAMPLE_RATE = 8000;
    /** Table 1a: A-law code words have the even bits (0x55) inverted on the line. */
    private static final int ALAW_EVEN_BIT_INVERSION = 0x55;
    /** Table 2a: μ-law magnitudes are offset by 33 (in 14-bit units: 0x84 at the 16-bit scale used here). */
    private static final int MULAW_BIAS = 0x84;
    private static final short[] ALAW = new short[256];
    private static final short[] MULAW = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ALAW[i] = alawToLinear(i);
            MULAW[i] = mulawToLinear(i);
        }
    }

    private G711() {
    }

    /** Table 1a: segment 0 steps by 2 from 1, segment s steps by 2^s from 2^(s+4) + 2^(s-1) (13-bit), times 8. */
    static short alawToLinear(int code) {
        int a = code ^ ALAW_EVEN_BIT_INVERSION;
        int segment = (a >> 4) & 0x07;
        int step = a & 0x0F;
        int magnitude = (step << 4) + 8; // mid-point of the step, at the 16-bit scale
        if (segment > 0) {
            magnitude = (magnitude + 0x100) << (segment - 1);
        }
        // sign bit set = positive in A-law
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    /** Table 2a: magnitude = ((2 * step + 33) << segment) - 33 (14-bit), times 4; sign bit set = negative after inversion. */
    static short mulawToLinear(int code) {
        int u = ~code & 0xFF;
        int segment = (u >> 4) & 0x07;
        int step = u & 0x0F;
        int magnitude = (((step << 3) + MULAW_BIAS) << segment) - MULAW_BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    public static short alaw(byte code) {
        return ALAW[code & 0xFF];
    }

    public static short mulaw(byte code) {
        return MULAW[code & 0xFF];
    }

    /** Decodes {@code in[offset, offset+length)} A-law into {@code out[outOffset...]}; returns samples written. */
    public static int decodeAlaw(byte[] in, int offset, int length, short[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = ALAW[in[offset + i] & 0xFF];
        }
        return length;
    }

    public static int decodeMulaw(byte[] in, int offset, int length, short[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = MULAW[in[offset + i] & 0xFF];
        }
        return length;
    }

    public static short[] decodeAlaw(byte[] in) {
        short[] out = new short[in.length];
        decodeAlaw(in, 0, in.length, out, 0);
        return out;
    }

    public static short[] decodeMulaw(byte[] in) {
        short[] out = new short[in.length];
        decodeMulaw(in, 0, in.length, out, 0);
        return out;
    }
}
