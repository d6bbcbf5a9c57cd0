/**
 * ITU-T G.722 sub-band ADPCM decoding at 64 kbit/s to 16 kHz 16-bit PCM ({@link io.camelmedia.codec.g722.G722Decoder}),
 * written from the Recommendation's block descriptions.
 */
package io.camelmedia.codec.g722;
