package io.camelmedia.protocol.mjr;

/**
 * What reading one recording found.
 *
 * @param records          records in the file (header excluded) up to the end or the damage
 * @param packets          RTP packets kept, in order
 * @param notRtp           records skipped: shorter than an RTP header or not version 2 / malformed
 * @param tooLarge         records skipped: longer than {@link MjrTrackReader#MAX_RTP_RECORD_LENGTH}
 * @param empty            packets without payload (header or padding only)
 * @param otherSsrc        packets of an SSRC other than the first one's
 * @param otherPayloadType G.711/G.722 packets whose payload type is not the static one (0/8, 9), as janus-pp-rec drops them
 * @param duplicates       packets with the timestamp and sequence number of one already kept (retransmissions)
 * @param lost             sequence numbers missing between kept packets
 * @param sequenceJumps    gaps too large to be loss ({@link MjrTrackReader#MAX_LOSS_RUN}): a sequence reset
 * @param timestampResets  times the RTP timestamp wrapped or was reset forward
 */
public record MjrTrackStats(long records, long packets, long notRtp, long tooLarge, long empty, long otherSsrc,
                            long otherPayloadType,                            long duplicates, long lost, long sequenceJumps, long timestampResets) {
}
