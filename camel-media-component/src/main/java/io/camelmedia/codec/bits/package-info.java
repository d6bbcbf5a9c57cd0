/**
 * Bit- and byte-level readers shared by the codec parsers: {@link io.camelmedia.codec.bits.BitReader}
 * (u(n), ue(v), se(v), uvlc()), {@link io.camelmedia.codec.bits.ByteReader} (big/little-endian fields of
 * configuration records), {@link io.camelmedia.codec.bits.EmulationPrevention} (NAL unit payload to RBSP)
 * and {@link io.camelmedia.codec.bits.Errors} (the messages of {@link io.camelmedia.codec.CodecException}).
 */
package io.camelmedia.codec.bits;
