/**
 * SRT (Secure Reliable Transport, draft-sharabayko-srt) on Netty UDP: the HSv5 caller/listener handshake with
 * SYN cookies and the HSREQ/KMREQ/SID extensions, live-mode ARQ (ACK/ACKACK, NAK, retransmission from a bounded
 * send buffer), TSBPD delivery with too-late drop, keep-alive, shutdown and idle timeout; encryption in
 * {@code crypto}. Payloads are opaque to this package: {@link io.camelmedia.protocol.srt.SrtMediaIngest} and
 * {@link io.camelmedia.protocol.srt.SrtMediaEgress} carry MPEG-TS through it. Plain Java, no Camel.
 */
package io.camelmedia.protocol.srt;
