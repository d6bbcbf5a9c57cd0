package io.camelmedia.protocol.mjr;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.protocol.rtp.payload.DepacketizedFrame;
import io.camelmedia.protocol.rtp.payload.Depacketizer;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The frames of one ordered track, pulled lazily through its {@link Depacketizer}: tells it about sequence
 * gaps ({@link Depacketizer#lost}) and places every frame on the session timeline, in ticks of the track's
 * RTP clock: {@code extendedTimestamp - firstTimestamp + offsetTicks}.
 */
final class MjrTrackFrames {
    /** A depacketized frame with its place on the timeline. */
    record Timed(long pts, byte[] payload, BitstreamFormat format, boolean keyframe) {
    }

    private final List<MjrPacket> packets;
    private final Depacketizer depacketizer;
    private final long baseTimestamp;
    private final long offsetTicks;
    private final ArrayDeque<Timed> ready = new ArrayDeque<>();
    private int next;
    private int previousSeq = -1;
    private long frames;

    MjrTrackFrames(MjrTrack track, Depacketizer depacketizer, long offsetTicks) {
        this.packets = track.packets();
        this.depacketizer = depacketizer;
        this.baseTimestamp = packets.isEmpty() ? 0 : packets.get(0).extendedTimestamp();
        this.offsetTicks = offsetTicks;
    }

    /** The next frame without taking it, or null when the track is done. */
    Timed peek() {
        while (ready.isEmpty() && next < packets.size()) {
            MjrPacket p = packets.get(next++);
            int seq = p.sequenceNumber();
            if (previousSeq >= 0) {
                int gap = (seq - previousSeq - 1) & 0xFFFF;
                if (gap > 0 && gap <= MjrTrackReader.MAX_LOSS_RUN) {
                    depacketizer.lost(gap);
                }
            }
            previousSeq = seq;
            for (DepacketizedFrame f : depacketizer.push(p.rtp())) {
                long ext = p.extendedTimestamp() + (int) (f.rtpTimestamp() - p.rtp().timestamp());
                ready.add(new Timed(ext - baseTimestamp + offsetTicks, f.payload(), f.format(), f.keyframe()));
            }
        }
        return ready.peek();
    }

    Timed take() {
        Timed t = peek();
        if (t != null) {
            ready.poll();
            frames++;
        }
        return t;
    }

    long frames() {
        return frames;
    }

    Depacketizer depacketizer() {
        return depacketizer;
    }
}
