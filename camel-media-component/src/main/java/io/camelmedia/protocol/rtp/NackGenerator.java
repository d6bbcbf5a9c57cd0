package io.camelmedia.protocol.rtp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiving side of RTP retransmission (RFC 4585 §6.2.1, as pion's interceptor/nack and libwebrtc do): tracks
 * the sequence numbers missing from one source and says which to ask for again. A missing packet is asked for
 * when its last request is older than the round trip, at most {@code maxRetries} times; then it is given up and
 * a key frame is wanted instead (the caller sends a PLI).
 *
 * <p>Bounded: at most {@code maxTracked} missing packets are remembered; a jump larger than that (a new sender
 * clock, a long outage) forgets them all and starts over. Not thread-safe: one source's packets come in order
 * on one thread.
 */
public final class NackGenerator {
    /** A missing packet is not asked for again sooner than this, whatever the RTT (20 ms: a frame at 50 fps). */
    public static final long MIN_INTERVAL_MILLIS = 20;

    private final int maxTracked;
    private final int maxRetries;
    /** Missing sequence number -> {requests so far, last request time}, oldest first. */
    private final LinkedHashMap<Integer, long[]> missing = new LinkedHashMap<>();
    private boolean started;
    private int highest;
    private long givenUp;
    private long requested;
    private boolean keyframeNeeded;

    public NackGenerator(int maxTracked, int maxRetries) {
        if (maxTracked <= 0 || maxTracked > RtpSequence.MODULUS / 2) {
            throw new IllegalArgumentException("maxTracked must be 1.." + RtpSequence.MODULUS / 2 + ", was " + maxTracked);
        }
        if (maxRetries <= 0) {
            throw new IllegalArgumentException("maxRetries must be positive, was " + maxRetries);
        }
        this.maxTracked = maxTracked;
        this.maxRetries = maxRetries;
    }

    /** A packet arrived (new, late, retransmitted or duplicate). */
    public void received(int sequenceNumber, long nowMillis) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            started = true;
            highest = seq;
            return;
        }
        int ahead = RtpSequence.diff(seq, highest);
        if (ahead <= 0) {
            missing.remove(seq);   // late or repaired
            if (-ahead > maxTracked) {
                reset(seq);
            }
            return;
        }
        if (ahead > maxTracked) {
            reset(seq);
            return;
        }
        for (int i = 1; i < ahead; i++) {
            missing.put((highest + i) & 0xFFFF, new long[] {0, Long.MIN_VALUE / 2});
        }
        highest = seq;
        while (missing.size() > maxTracked) {
            dropOldest();
        }
    }

    /** The sequence numbers to ask for now; each returned one counts as requested at {@code nowMillis}. */
    public List<Integer> due(long nowMillis, long rttMillis) {
        if (missing.isEmpty()) {
            return List.of();
        }
        long interval = Math.max(MIN_INTERVAL_MILLIS, rttMillis);
        List<Integer> out = new ArrayList<>();
        Iterator<Map.Entry<Integer, long[]>> it = missing.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, long[]> e = it.next();
            long[] s = e.getValue();
            if (nowMillis - s[1] < interval) {
                continue;
            }
            if (s[0] >= maxRetries) {
                it.remove();
                givenUp++;
                keyframeNeeded = true;
                continue;
            }
            s[0]++;
            s[1] = nowMillis;
            requested++;
            out.add(e.getKey());
        }
        return out;
    }

    /** True once after a packet was given up (the decoder will need a key frame). */
    public boolean takeKeyframeNeeded() {
        boolean k = keyframeNeeded;
        keyframeNeeded = false;
        return k;
    }

    public int missing() {
        return missing.size();
    }

    public long givenUp() {
        return givenUp;
    }

    /** NACK entries produced (a packet asked for three times counts three). */
    public long requested() {
        return requested;
    }

    private void dropOldest() {
        Iterator<Integer> it = missing.keySet().iterator();
        it.next();
        it.remove();
        givenUp++;
        keyframeNeeded = true;
    }

    private void reset(int seq) {
        if (!missing.isEmpty()) {
            givenUp += missing.size();
            keyframeNeeded = true;
            missing.clear();
        }
        highest = seq;
    }
}
