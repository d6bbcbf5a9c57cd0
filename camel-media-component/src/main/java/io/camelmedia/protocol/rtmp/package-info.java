/**
 * An RTMP server for publishers (Adobe "RTMP Specification 1.0", 2012, plus Enhanced RTMP v2 connect
 * negotiation) on Netty 4.1.
 *
 * <p>Pipeline of one connection, head to tail:
 * <pre>
 *   RtmpByteCounter      counts bytes in, sends Acknowledgement when the peer's window is crossed (§5.4.3)
 *   RtmpIdleTimeout      closes a connection that sends nothing for idleTimeout ("stalled")
 *   RtmpHandshakeHandler C0/C1 → S0/S1/S2, waits for C2, then removes itself (§5.2)
 *   RtmpChunkDecoder     chunks → RtmpMessage (pooled payload); handles Set Chunk Size and Abort (§5.3, §5.4.1-2)
 *   RtmpChunkEncoder     RtmpMessage → chunks (outbound)
 *   RtmpSessionHandler   protocol control, user control, commands, data, media → FlvStreamAssembler (§5.4, §6, §7)
 * </pre>
 *
 * <p>Buffers: the chunk decoder accumulates each message in a pooled {@code ByteBuf} and hands it on inside an
 * {@link io.camelmedia.protocol.rtmp.RtmpMessage}; the session handler releases it after use (audio and video
 * bodies are copied once into a {@code byte[]} that the assembler then owns). Partial messages are released
 * by the decoder when a message is aborted or the connection ends.
 *
 * <p>Bad input closes only its own connection, with one log line naming the reason, counted in
 * {@link io.camelmedia.protocol.rtmp.RtmpServerStats}.
 */
package io.camelmedia.protocol.rtmp;
