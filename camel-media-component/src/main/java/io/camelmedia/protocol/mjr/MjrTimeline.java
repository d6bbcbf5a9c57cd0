package io.camelmedia.protocol.mjr;

import java.util.List;

/**
 * Places the tracks of one session on a common timeline from the header times and the record arrival
 * offsets. Janus gives, per file, {@code u} (wall-clock µs when the first record was written) and, per
 * MJR00002 record, its arrival in ms after that. The wall-clock time of a track's first packet in play
 * order (lowest extended RTP timestamp) is {@code u} plus the arrival offset of the earliest-arriving packet
 * carrying that timestamp; every later packet is placed by its RTP timestamp, so arrival jitter after the
 * first packet does not move frames.
 *
 * <p>Measured alternative, not taken: anchoring on the least-delayed packet of the first seconds
 * ({@code min(arrival - rtpElapsed)}) puts the corpus audio 6.7 ms off its video, because the sender
 * (ffmpeg {@code -re}) sends audio in bursts ahead of its timestamps; the first-packet anchor is within
 * 0.07 ms of the truth on all corpus items (their {@code u} differ by 0.022-0.063 ms).
 *
 * <p>Without arrival times (MJR00001) the first record in the file is taken to have arrived at {@code u};
 * without {@code u} (legacy files) every track starts at 0.
 */
public final class MjrTimeline {
    private MjrTimeline() {
    }

    /**
     * Wall-clock µs of the track's first packet in play order ({@code packets.get(0)}), or {@code Long.MIN_VALUE}
     * when the recording has no times (legacy) or no packets.
     */
    public static long firstPacketWallMicros(MjrTrack t) {
        List<MjrPacket> packets = t.packets();
        long u = t.header().firstPacketMicros();
        if (packets.isEmpty() || u < 0) {
            return Long.MIN_VALUE;
        }
        long extMin = packets.get(0).extendedTimestamp();
        if (!t.header().format().hasArrivalTimes()) {
            MjrPacket firstInFile = packets.get(0);
            for (MjrPacket p : packets) {
                if (p.fileOffset() < firstInFile.fileOffset()) {
                    firstInFile = p;
                }
            }
            return u - ticksToMicros(firstInFile.extendedTimestamp() - extMin, t.clockRate());
        }
        long arrival = Long.MAX_VALUE;
        for (int i = 0; i < packets.size() && packets.get(i).extendedTimestamp() == extMin; i++) {
            arrival = Math.min(arrival, packets.get(i).arrivalMillis());
        }
        return u + arrival * 1000;
    }

    /** Wall-clock µs of the first data message, or {@code Long.MIN_VALUE} if none. */
    public static long firstMessageWallMicros(MjrTrack t) {
        return t.messages().isEmpty() ? Long.MIN_VALUE : t.messages().get(0).wallMicros();
    }

    static long ticksToMicros(long ticks, int rate) {
        return Math.floorDiv(ticks * 1_000_000L, rate);
    }

    static long microsToTicks(long micros, int rate) {
        return Math.floorDiv(micros * rate + 500_000L, 1_000_000L);
    }
}
