/**
 * Janus Gateway {@code .mjr} recordings: {@link io.camelmedia.protocol.mjr.MjrReader} (the three layouts,
 * record by record, bounded), {@link io.camelmedia.protocol.mjr.MjrTrackReader} (a file's RTP packets in
 * play-out order, as janus-pp-rec orders them), {@link io.camelmedia.protocol.mjr.MjrSession} (the audio,
 * video and data files of one session as one stream on a common timeline, through the RTP depacketizers)
 * and {@link io.camelmedia.protocol.mjr.MjrWriter} (MJR00002 that janus-pp-rec converts). Plain Java.
 */
package io.camelmedia.protocol.mjr;
