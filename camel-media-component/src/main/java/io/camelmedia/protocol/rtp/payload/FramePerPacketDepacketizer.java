package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.RtpSequence;

import java.util.List;

/**
 * Audio payload formats where one RTP payload is one frame: Opus (RFC 7587 §4.2: "only one Opus packet
 * per RTP packet") and G.711 PCMU/PCMA (RFC 3551 §4.5.14: samples, one octet each, any count per packet).
 * Gaps lose whole frames only: they are counted ({@link DropReason#LOSS}, one per lost packet) and the
 * next frame is delivered.
 */
public final class FramePerPacketDepacketizer implements Depacketizer {
    private final DepacketizerStats stats = new DepacketizerStats();
    private final int maxFrameSize;
    private boolean started;
    private int lastSequence;
    private boolean reported;   // lost() already counted the gap before the next packet

    /** @param maxFrameSize largest payload taken; a larger one is dropped as TOO_LARGE */
    public FramePerPacketDepacketizer(int maxFrameSize) {
        if (maxFrameSize < 1) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
    }

    /** For Opus: at most 1275 bytes per frame x 48 frames of 2.5 ms in a 120 ms packet (RFC 6716 §3.2.5) fits 64 KiB. */
    public static FramePerPacketDepacketizer opus() {
        return new FramePerPacketDepacketizer(64 * 1024);
    }

    /** For G.711: any datagram's worth of samples. */
    public static FramePerPacketDepacketizer g711() {
        return new FramePerPacketDepacketizer(RtpPacket.MAX_PACKET_LENGTH);
    }

    @Override
    public List<DepacketizedFrame> push(RtpPacket packet) {
        stats.packet();
        if (started && !reported) {
            int missing = RtpSequence.diff(packet.sequenceNumber(), RtpSequence.add(lastSequence, 1));
            for (int i = 0; i < missing; i++) {
                stats.drop(DropReason.LOSS);
            }
        }
        started = true;
        reported = false;
        lastSequence = packet.sequenceNumber();
        if (packet.payloadLength() == 0) {
            stats.drop(DropReason.MALFORMED);   // an Opus packet has at least its TOC byte; G.711 at least a sample
            return List.of();
        }
        if (packet.payloadLength() > maxFrameSize) {
            stats.drop(DropReason.TOO_LARGE);
            return List.of();
        }
        stats.frames(1);
        return List.of(new DepacketizedFrame(packet.timestamp(), packet.payloadBytes(), BitstreamFormat.RAW, true));
    }

    @Override
    public void lost(int count) {
        for (int i = 0; i < count; i++) {
            stats.drop(DropReason.LOSS);
        }
        reported = count > 0 || reported;
    }

    @Override
    public DepacketizerStats stats() {
        return stats;
    }
}
