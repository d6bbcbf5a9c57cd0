/**
 * SRT encryption (draft-sharabayko-srt §6, as libsrt's {@code haicrypt/} does it), plain Java on {@code javax.crypto}:
 * <ul>
 *   <li>{@link io.camelmedia.protocol.srt.crypto.SrtKmMessage}: the Key Material message carried by the
 *       KMREQ/KMRSP handshake extensions and the in-band KM control (§3.2.2);</li>
 *   <li>{@link io.camelmedia.protocol.srt.crypto.SrtKek}: the passphrase-derived key encrypting key (PBKDF2) and
 *       {@link io.camelmedia.protocol.srt.crypto.SrtKeyWrap}, the RFC 3394 wrap of the stream keys with it;</li>
 *   <li>{@link io.camelmedia.protocol.srt.crypto.SrtPayloadCipher}: AES-CTR of one data packet's payload under one
 *       stream encrypting key (SEK);</li>
 *   <li>{@link io.camelmedia.protocol.srt.crypto.SrtCryptoSender} (generates and refreshes the even/odd SEKs, says
 *       which KM to announce) and {@link io.camelmedia.protocol.srt.crypto.SrtCryptoReceiver} (installs the SEKs of
 *       the peer's KM, decrypts by the packet's KK bits).</li>
 * </ul>
 * Everything takes and returns byte arrays or ByteBuffers: the packet and handshake layer lives in
 * {@code io.camelmedia.protocol.srt}.
 */
package io.camelmedia.protocol.srt.crypto;
