package io.camelmedia.codec.g722;

/**
 * ITU-T G.722 (09/2012) sub-band ADPCM decoder, 64 kbit/s (mode 1): each octet holds a 2-bit higher-band
 * code IH (bits 7-6) and a 6-bit lower-band code IL (bits 5-0); each octet decodes to two 16 kHz samples.
 *
 * <ul>
 *   <li>Lower band (6.2.1): INVQAL (6-bit inverse quantizer, the output), INVQBL (the 4-bit one, which feeds
 *       the predictor), LOGSCL/SCALEL (scale factor, {@link ScaleFactor}), the {@link AdaptivePredictor},
 *       LIMIT of the reconstructed signal to 15 bits.</li>
 *   <li>Higher band (6.2.2): INVQAH (2-bit), LOGSCH/SCALEH, the predictor, LIMIT.</li>
 *   <li>Receive QMF (4.4.2): {@link QmfSynthesis} turns the two 8 kHz bands into 16 kHz.</li>
 * </ul>
 *
 * Output is 16-bit: the QMF accumulator shifted by 11 rather than the spec's 12 (its output is 14-bit
 * uniform PCM), i.e. the 14-bit signal with one more fractional bit, which is what ffmpeg's and spandsp's
 * decoders output; this decoder equals ffmpeg's {@code g722} decoder sample for sample.
 *
 * <p>Stateful (the predictors and the QMF delay line carry over between calls): one decoder per stream,
 * fed in order, one thread at a time. A new decoder starts in the spec's initial state (3.9).
 */
public final class G722Decoder {
    /** G.722 output: 16 kHz (the RTP clock rate stays 8000, RFC 3551 4.5.2). */
    public static final int SAMPLE_RATE = 16_000;
    /** Two output samples per 64 kbit/s octet. */
    public static final int SAMPLES_PER_OCTET = 2;
    /** LIMIT (6.2.1.6): the reconstructed sub-band signals are 15-bit. */
    private static final int RECONSTRUCTED_MIN = -16384;
    private static final int RECONSTRUCTED_MAX = 16383;

    private final AdaptivePredictor low = new AdaptivePredictor();
    private final AdaptivePredictor high = new AdaptivePredictor();
    private final ScaleFactor lowScale = ScaleFactor.lowerBand();
    private final ScaleFactor highScale = ScaleFactor.higherBand();
    private final QmfSynthesis qmf = new QmfSynthesis();

    /**
     * Decodes {@code in[offset, offset+length)} into {@code out[outOffset...]}, {@link #SAMPLES_PER_OCTET}
     * samples per octet; returns the samples written.
     */
    public int decode(byte[] in, int offset, int length, short[] out, int outOffset) {
        int o = outOffset;
        for (int i = offset; i < offset + length; i++) {
            int code = in[i] & 0xFF;
            int rl = lowerBand(code & 0x3F);
            int rh = higherBand(code >>> 6);
            o = qmf.synthesize(rl, rh, out, o);
        }
        return o - outOffset;
    }

    /** Decodes a whole payload into a new array. */
    public short[] decode(byte[] in) {
        short[] out = new short[in.length * SAMPLES_PER_OCTET];
        decode(in, 0, in.length, out, 0);
        return out;
    }

    /** 6.2.1: one 6-bit lower-band code to the reconstructed lower-band sample RL. */
    private int lowerBand(int il) {
        int detl = lowScale.scale();
        int sl = low.prediction();
        int dl = (detl * Quantizers.lower6(il)) >> 15; // INVQAL
        int rl = AdaptivePredictor.clamp(sl + dl, RECONSTRUCTED_MIN, RECONSTRUCTED_MAX);
        int il4 = il >> 2; // INVQBL works on the 4 most significant bits
        int dlt = (detl * Quantizers.lower4(il4)) >> 15;
        lowScale.adapt(Quantizers.lowerLogWeight(il4)); // LOGSCL, SCALEL
        low.update(dlt);
        return rl;
    }

    /** 6.2.2: one 2-bit higher-band code to the reconstructed higher-band sample RH. */
    private int higherBand(int ih) {
        int deth = highScale.scale();
        int dh = (deth * Quantizers.higher2(ih)) >> 15; // INVQAH
        int rh = AdaptivePredictor.clamp(high.prediction() + dh, RECONSTRUCTED_MIN, RECONSTRUCTED_MAX);
        highScale.adapt(Quantizers.higherLogWeight(ih)); // LOGSCH, SCALEH
        high.update(dh);
        return rh;
    }
}
