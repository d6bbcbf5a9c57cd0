package io.camelmedia.protocol.rtp;

/**
 * Puts the RTP packets of one source back in sequence order (RFC 3550 §5.1: "the sequence number ... may
 * be used by the receiver to detect packet loss and to restore packet sequence").
 *
 * <p>A packet that is next in sequence goes straight out. A packet after a gap waits, up to
 * {@code maxPackets} held or {@code maxDelayMillis} since the oldest held packet arrived, whichever comes
 * first; then the buffer gives up on the gap, reports it through {@link Sink#lost}, and releases what it holds
 * in order. Duplicates and packets older than what was released are dropped and counted. Memory is bounded
 * by {@code maxPackets} (the buffer is a ring of that many slots).
 *
 * <p>Source changes are discontinuities: a new SSRC, or a sequence jump of more than {@link #MAX_DROPOUT}
 * ahead or {@link #MAX_MISORDER} behind confirmed by a second in-sequence packet (RFC 3550 Appendix A.1's
 * rule), flushes what is held (with its losses) and restarts at the new packet, reported through
 * {@link Sink#discontinuity}.
 *
 * <p>Time is given by the caller ({@code nowMillis} on every call, any monotonic millisecond clock), so the
 * buffer needs no timer thread; call {@link #poll} from a timer to release packets when no new ones arrive.
 * Not thread-safe: one source's packets arrive on one thread.
 */
public final class ReorderBuffer {
    /** RFC 3550 Appendix A.1: a forward jump of more than this many numbers is a restart, not loss. */
    public static final int MAX_DROPOUT = 3000;
    /** RFC 3550 Appendix A.1: a packet more than this far behind is a restart candidate, not a late one. */
    public static final int MAX_MISORDER = 100;
    /**
     * Default packets held: 256, about one second of 2.5 Mb/s video in 1200-byte packets, far more than any
     * reordering a network does (jitter buffers of 50-200 ms).
     */
    public static final int DEFAULT_MAX_PACKETS = 256;
    /** Default wait for a missing packet: 100 ms, the order of what WebRTC jitter buffers allow for reordering. */
    public static final long DEFAULT_MAX_DELAY_MILLIS = 100;
    /** Upper bound on {@code maxPackets}: 8192 packets of up to 1500 bytes is 12 MiB per source. */
    public static final int MAX_PACKETS_LIMIT = 8192;

    /** Where in-order packets and events go; called on the thread that calls {@code push}/{@code poll}. */
    public interface Sink {
        /** The next packet in sequence order. */
        void packet(RtpPacket packet);

        /** {@code count} packets were given up on, just before the next {@link #packet}. */
        void lost(int count);

        /**
         * The source changed (new SSRC) or restarted its sequence: start over, as after a loss. Comes before
         * the first packet of the new source.
         */
        void discontinuity(long previousSsrc, long ssrc);
    }

    private final int maxPackets;
    private final long maxDelayMillis;
    private final RtpPacket[] ring;
    private final long[] arrival;
    private final int mask;

    private boolean started;
    private long ssrc;
    private long next;          // extended sequence number expected next
    private int held;
    private long highestHeld;   // extended, valid when held > 0
    private int badSeq = -1;    // RFC 3550 A.1 bad_seq: the number that confirms a restart
    private long oldestArrival; // arrival of the oldest held packet, valid when held > 0 and !oldestStale
    private boolean oldestStale;

    private long received;
    private long delivered;
    private long duplicates;
    private long late;
    private long lostPackets;
    private long reordered;
    private long discontinuities;

    public ReorderBuffer() {
        this(DEFAULT_MAX_PACKETS, DEFAULT_MAX_DELAY_MILLIS);
    }

    /**
     * @param maxPackets     packets held while waiting for a gap, 1..{@link #MAX_PACKETS_LIMIT}
     * @param maxDelayMillis longest wait for a missing packet; 0 reports every gap at once (no reordering)
     */
    public ReorderBuffer(int maxPackets, long maxDelayMillis) {
        if (maxPackets < 1 || maxPackets > MAX_PACKETS_LIMIT) {
            throw new IllegalArgumentException("maxPackets must be 1.." + MAX_PACKETS_LIMIT + ", was " + maxPackets);
        }
        if (maxDelayMillis < 0) {
            throw new IllegalArgumentException("maxDelayMillis must be >= 0, was " + maxDelayMillis);
        }
        this.maxPackets = maxPackets;
        this.maxDelayMillis = maxDelayMillis;
        int slots = 2;
        while (slots < maxPackets * 2) {
            slots <<= 1;
        }
        this.ring = new RtpPacket[slots];
        this.arrival = new long[ring.length];
        this.mask = ring.length - 1;
    }

    /** Feeds one packet; in-order packets and events go to {@code sink} before this returns. */
    public void push(RtpPacket packet, long nowMillis, Sink sink) {
        received++;
        if (!started || packet.ssrc() != ssrc) {
            restart(packet, sink);
            return;
        }
        int d = RtpSequence.diff(packet.sequenceNumber(), (int) (next & 0xFFFF));
        if (d < 0 || d >= MAX_DROPOUT) {
            outOfWindow(packet, d, sink);
            return;
        }
        badSeq = -1;
        long ext = next + d;
        if (d == 0) {
            deliver(packet, sink);
            drainInOrder(sink);
        } else if (ring[slot(ext)] != null && ring[slot(ext)].sequenceNumber() == packet.sequenceNumber()) {
            duplicates++;
        } else {
            makeRoomFor(ext, sink);
            hold(packet, ext, nowMillis);
        }
        enforceLimits(nowMillis, sink);
    }

    /** Releases what waited longer than {@code maxDelayMillis}; call from a timer. */
    public void poll(long nowMillis, Sink sink) {
        enforceLimits(nowMillis, sink);
    }

    /** Releases everything held, in order, reporting the gaps (end of stream). */
    public void flush(Sink sink) {
        while (held > 0) {
            giveUpHead(sink);
        }
    }

    /** Milliseconds until {@link #poll} would release something, or -1 when nothing is held. */
    public long millisUntilDeadline(long nowMillis) {
        if (held == 0) {
            return -1;
        }
        return Math.max(0, oldestArrival() + maxDelayMillis - nowMillis);
    }

    private void restart(RtpPacket packet, Sink sink) {
        if (started) {
            flush(sink);
            discontinuities++;
            sink.discontinuity(ssrc, packet.ssrc());
        }
        started = true;
        ssrc = packet.ssrc();
        badSeq = -1;
        next = packet.sequenceNumber();
        deliver(packet, sink);
    }

    private void outOfWindow(RtpPacket packet, int d, Sink sink) {
        if (d < 0 && d >= -MAX_MISORDER) {
            late++;     // released already or given up on: a duplicate or a straggler
            return;
        }
        if (packet.sequenceNumber() == badSeq) {
            // two in sequence after a jump: the sender restarted its numbering (RFC 3550 A.1)
            flush(sink);
            discontinuities++;
            sink.discontinuity(ssrc, ssrc);
            badSeq = -1;
            next = packet.sequenceNumber();
            deliver(packet, sink);
            return;
        }
        badSeq = RtpSequence.add(packet.sequenceNumber(), 1);
        late++;
    }

    /** The ring covers [next, next + ring.length): give up on the oldest gaps until {@code ext} fits. */
    private void makeRoomFor(long ext, Sink sink) {
        while (ext - next >= ring.length) {
            if (held > 0) {
                giveUpHead(sink);
            } else {
                int skip = (int) (ext - next - ring.length + 1);
                lostPackets += skip;
                sink.lost(skip);
                next += skip;
            }
        }
    }

    private void hold(RtpPacket packet, long ext, long nowMillis) {
        int s = slot(ext);
        ring[s] = packet;
        arrival[s] = nowMillis;
        if (held == 0 || ext > highestHeld) {
            highestHeld = ext;
        } else {
            reordered++;
        }
        if (held == 0) {   // later arrivals are never older: the clock is monotonic
            oldestArrival = nowMillis;
            oldestStale = false;
        }
        held++;
    }

    private void enforceLimits(long nowMillis, Sink sink) {
        while (held > 0 && (held >= maxPackets || nowMillis - oldestArrival() >= maxDelayMillis)) {
            giveUpHead(sink);
        }
    }

    /** Skips the gap before the first held packet (reporting it lost) and releases the run that follows. */
    private void giveUpHead(Sink sink) {
        long first = next;
        while (ring[slot(first)] == null) {
            first++;
        }
        int gap = (int) (first - next);
        if (gap > 0) {
            lostPackets += gap;
            sink.lost(gap);
        }
        next = first;
        drainInOrder(sink);
    }

    private void drainInOrder(Sink sink) {
        while (held > 0) {
            int s = slot(next);
            RtpPacket p = ring[s];
            if (p == null) {
                return;
            }
            ring[s] = null;
            held--;
            if (arrival[s] == oldestArrival) {
                oldestStale = true;
            }
            deliver(p, sink);
        }
    }

    private void deliver(RtpPacket packet, Sink sink) {
        next++;
        delivered++;
        sink.packet(packet);
    }

    /**
     * The arrival time of the oldest held packet. Held packets arrive in any order, so when the oldest is
     * released the window is scanned again (rare: only after a gap, over the held span).
     */
    private long oldestArrival() {
        if (oldestStale) {
            long oldest = Long.MAX_VALUE;
            for (long e = next; e <= highestHeld; e++) {
                int s = slot(e);
                if (ring[s] != null && arrival[s] < oldest) {
                    oldest = arrival[s];
                }
            }
            oldestArrival = oldest;
            oldestStale = false;
        }
        return oldestArrival;
    }

    private int slot(long ext) {
        return (int) (ext & mask);
    }

    public int maxPackets() {
        return maxPackets;
    }

    public long maxDelayMillis() {
        return maxDelayMillis;
    }

    /** Packets waiting for a gap to fill. */
    public int held() {
        return held;
    }

    public long received() {
        return received;
    }

    public long delivered() {
        return delivered;
    }

    /** Packets dropped because the same number was already held. */
    public long duplicates() {
        return duplicates;
    }

    /** Packets dropped because they came after their number was released or given up on (or a lone jump). */
    public long late() {
        return late;
    }

    /** Sequence numbers given up on. */
    public long lost() {
        return lostPackets;
    }

    /** Packets that arrived before a lower number they were held behind. */
    public long reordered() {
        return reordered;
    }

    public long discontinuities() {
        return discontinuities;
    }

    @Override
    public String toString() {
        return "ReorderBuffer[ssrc=" + ssrc + " held=" + held + " received=" + received + " delivered=" + delivered
                + " lost=" + lostPackets + " duplicates=" + duplicates + " late=" + late + " reordered=" + reordered
                + " discontinuities=" + discontinuities + "]";
    }
}
