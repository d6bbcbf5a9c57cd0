/** ITU-T G.711 A-law and μ-law expansion to 16-bit linear PCM ({@link io.camelmedia.codec.g711.G711}). */
package io.camelmedia.codec.g711;
