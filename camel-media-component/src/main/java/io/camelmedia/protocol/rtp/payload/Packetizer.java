package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.frame.MediaFrame;

import java.util.List;

/**
 * Splits one frame into RTP payloads (the bytes after the RTP header) of at most {@code maxPayloadSize}
 * bytes, in sending order. The caller builds the packets: one sequence number each, the frame's RTP
 * timestamp on all of them, and the marker bit on the last (RFC 6184 §5.1, RFC 7798 §4.1, RFC 7741 §4.1...;
 * audio payload formats set it only on a talkspurt start, which we never signal).
 *
 * <p>H.264/H.265 frames may come in either {@code AVCC} or {@code ANNEX_B} form; a key frame whose payload
 * lacks parameter sets gets them from the track's configuration record, sent first. A frame that cannot be
 * packetized (a malformed NAL length, {@code maxPayloadSize} too small to carry anything) throws
 * {@link io.camelmedia.protocol.rtp.RtpException} — a frame is our own data, so this is a bug upstream.
 *
 * <p>Not thread-safe; a packetizer may keep state between frames (picture ids, parameter sets sent).
 */
public interface Packetizer {
    List<byte[]> packetize(MediaFrame frame, int maxPayloadSize);
}
