/**
 * RIFF/WAVE 16-bit PCM output ({@link io.camelmedia.format.wav.WavWriter}), from PCM or from G.711, G.722
 * and L16 frames decoded with {@code codec.g711} / {@code codec.g722}.
 */
package io.camelmedia.format.wav;
