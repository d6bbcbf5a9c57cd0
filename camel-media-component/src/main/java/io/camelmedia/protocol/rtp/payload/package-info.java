/**
 * RTP payload formats: one {@link io.camelmedia.protocol.rtp.payload.Depacketizer} and one
 * {@link io.camelmedia.protocol.rtp.payload.Packetizer} per codec, each named after its RFC's term
 * (H.264 RFC 6184, H.265 RFC 7798, VP8 RFC 7741, VP9 RFC 9628, AV1 AOM v1.0.0, Opus RFC 7587,
 * AAC RFC 3640, G.711 RFC 3551).
 */
package io.camelmedia.protocol.rtp.payload;
