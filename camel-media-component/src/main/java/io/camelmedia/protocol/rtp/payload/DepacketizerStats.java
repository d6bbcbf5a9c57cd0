package io.camelmedia.protocol.rtp.payload;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one {@link Depacketizer}: packets in, frames out, drops by {@link DropReason}. Written by the
 * depacketizer's thread; reads from another thread may be slightly stale (plain longs, no tearing on 64-bit
 * JVMs in practice, and only used for metrics).
 */
public final class DepacketizerStats {
    private final long[] dropped = new long[DropReason.values().length];
    private long packets;
    private long frames;

    public long packets() {
        return packets;
    }

    public long frames() {
        return frames;
    }

    public long dropped(DropReason reason) {
        return dropped[reason.ordinal()];
    }

    /** All drops, any reason. */
    public long dropped() {
        long sum = 0;
        for (long d : dropped) {
            sum += d;
        }
        return sum;
    }

    public Map<DropReason, Long> droppedByReason() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            if (dropped[r.ordinal()] > 0) {
                m.put(r, dropped[r.ordinal()]);
            }
        }
        return m;
    }

    /** Counts one packet in. */
    public void packet() {
        packets++;
    }

    /** Counts {@code n} frames delivered. */
    public void frames(int n) {
        frames += n;
    }

    /** Counts one drop. */
    public void drop(DropReason reason) {
        dropped[reason.ordinal()]++;
    }

    @Override
    public String toString() {
        return "DepacketizerStats[packets=" + packets + " frames=" + frames + " dropped=" + droppedByReason() + "]";
    }
}
