package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.RtpSequence;

import java.util.List;

/**
 * What H.264 (RFC 6184) and H.265 (RFC 7798) depacketizing share: access units delimited by the marker
 * bit ("set for the very last packet of the access unit", RFC 6184 §5.1) or, for senders that never set
 * it, by a timestamp change; AVCC output; loss handling.
 *
 * <p>Loss: a gap drops the access unit in progress and the one the next packet belongs to (the lost
 * packets may have been its first NAL units, which nothing in the later packets shows), then frames are
 * held back until a key frame.
 */
abstract class NalUnitDepacketizer implements Depacketizer {
    private final AccessUnitBuffer au;
    private final DepacketizerStats stats = new DepacketizerStats();

    private boolean started;      // a packet was seen: lastSequence is valid
    private int lastSequence;
    private boolean inUnit;       // packets of the current access unit were seen
    private long unitTimestamp;
    private boolean damaged;      // the current access unit is being discarded (counted once)
    private boolean gap;          // packets were lost before the next one
    private boolean waitingForKeyframe = true;

    NalUnitDepacketizer(int maxFrameSize) {
        this.au = new AccessUnitBuffer(maxFrameSize);
    }

    @Override
    public final List<DepacketizedFrame> push(RtpPacket packet) {
        stats.packet();
        if (started && packet.sequenceNumber() != RtpSequence.add(lastSequence, 1)) {
            gap = true;
        }
        started = true;
        lastSequence = packet.sequenceNumber();
        DepacketizedFrame finished = null;
        boolean newUnit = !inUnit || packet.timestamp() != unitTimestamp;
        if (gap) {
            gap = false;
            waitingForKeyframe = true;
            if (inUnit) {
                discard(DropReason.LOSS);            // the unit in progress lost packets, or its tail
                if (newUnit) {
                    endUnit();
                }
            }
            if (newUnit) {
                startUnit(packet.timestamp());
                discard(DropReason.LOSS);            // the lost packets may have been this unit's first ones
            }
        } else if (newUnit) {
            if (inUnit) {
                finished = endUnit();                // a sender that does not set the marker bit
            }
            startUnit(packet.timestamp());
        }
        if (!damaged) {
            DropReason bad = depacketize(packet, au);
            if (bad != null) {
                discard(bad);
            }
        }
        DepacketizedFrame last = packet.marker() ? endUnit() : null;
        return finished == null ? (last == null ? List.of() : List.of(last))
                : (last == null ? List.of(finished) : List.of(finished, last));
    }

    @Override
    public final void lost(int count) {
        if (count > 0) {
            gap = true;
        }
    }

    @Override
    public final DepacketizerStats stats() {
        return stats;
    }

    /**
     * Appends the NAL units of one packet to {@code au}; returns null when done, or why the access unit
     * must be dropped. Never throws for packet contents.
     */
    abstract DropReason depacketize(RtpPacket packet, AccessUnitBuffer au);

    /** True when a decoder can start at a NAL unit whose first header byte is {@code header0}. */
    abstract boolean isKeyNal(byte header0);

    private void startUnit(long timestamp) {
        inUnit = true;
        unitTimestamp = timestamp;
    }

    private void discard(DropReason reason) {
        if (!damaged) {
            damaged = true;
            stats.drop(reason);
        }
        au.clear();
    }

    private DepacketizedFrame endUnit() {
        inUnit = false;
        if (damaged) {
            damaged = false;
            au.clear();
            return null;
        }
        if (au.fragmentOpen()) {   // the marker came while a fragment was open: its end never came
            stats.drop(DropReason.MALFORMED);
            au.clear();
            return null;
        }
        if (au.isEmpty()) {
            return null;
        }
        boolean key = false;
        for (int i = 0; i < au.nalCount() && !key; i++) {
            key = isKeyNal(au.headerOf(i));
        }
        if (waitingForKeyframe && !key) {
            stats.drop(DropReason.WAITING_FOR_KEYFRAME);
            au.clear();
            return null;
        }
        waitingForKeyframe = false;
        stats.frames(1);
        return new DepacketizedFrame(unitTimestamp, au.take(), BitstreamFormat.AVCC, key);
    }
}
