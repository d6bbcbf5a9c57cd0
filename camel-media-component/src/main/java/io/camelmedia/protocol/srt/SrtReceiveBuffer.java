package io.camelmedia.protocol.srt;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.EmptyByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * The receiving side of a live SRT connection (draft-sharabayko-srt §4.5, §4.6): packets wait in a window indexed by
 * sequence number until their TSBPD time (sender timestamp + time base + latency); a missing packet is waited for
 * until the packet after it is due, then skipped and counted as dropped (too-late packet drop). Holes are reported
 * for NAK; the first hole is what ACK acknowledges. Bounded by the flow window: a packet further ahead is dropped.
 * Not thread-safe: one connection's event loop.
 */
final class SrtReceiveBuffer {
    /** Drift is corrected once a window of this many samples has been seen. */
    private static final int DRIFT_WINDOW = 1000;
    /** Corrections smaller than this are left alone (network jitter, not clock drift). */
    private static final long DRIFT_THRESHOLD_US = 5_000;
    /** Fills the slot of a packet the sender gave up (DROPREQ): not awaited, not reported lost, skipped when reached. */
    private static final ByteBuf GIVEN_UP = new EmptyByteBuf(UnpooledByteBufAllocator.DEFAULT);

    private final ByteBuf[] slots;
    private final long[] times;
    private final int window;
    private final long latencyUs;
    private final Consumer<ByteBuf> deliver;

    private boolean started;
    /** The sequence number delivered next (the window's first slot). */
    private int head;
    /** Where {@link #head} sits in the ring. */
    private int headSlot;
    /** One past the highest sequence number received, as an offset from head. */
    private int span;
    /** Offset from head of the first missing packet (what ACK acknowledges up to). */
    private int contiguous;
    private long timeBase;
    private boolean timeBaseSet;
    private long lastTimestamp = -1;
    private long driftMin = Long.MAX_VALUE;
    private int driftSamples;

    long received;
    long bytes;
    long retransmitted;
    long duplicates;
    long dropped;
    long beyondWindow;
    long lost;
    long delivered;

    SrtReceiveBuffer(int window, long latencyUs, Consumer<ByteBuf> deliver) {
        this.window = window;
        this.slots = new ByteBuf[window];
        this.times = new long[window];
        this.latencyUs = latencyUs;
        this.deliver = deliver;
    }

    /** The sequence number the first data packet must carry (from the handshake's ISN). */
    void start(int initialSequence) {
        head = initialSequence;
        started = true;
    }

    /**
     * Takes a data packet's payload (retained by the buffer on success). Returns the range of sequence numbers
     * newly found missing as {@code [first, count]} packed in a long (count 0 if none), for an immediate NAK.
     */
    long add(int seq, long timestamp32, ByteBuf payload, boolean rexmit, long nowUs) {
        received++;
        bytes += payload.readableBytes();
        if (rexmit) {
            retransmitted++;
        }
        if (!started) {
            start(seq);
        }
        long ts = unwrap(timestamp32);
        if (!timeBaseSet) {
            timeBase = nowUs - ts;
            timeBaseSet = true;
        } else if (!rexmit) {
            trackDrift(nowUs - ts - timeBase);
        }
        int off = SrtSeq.diff(seq, head);
        if (off < 0) {
            duplicates++;
            return 0;
        }
        if (off >= window) {
            beyondWindow++;
            return 0;
        }
        int slot = (headSlot + off) % window;
        if (slots[slot] != null) {
            duplicates++;
            return 0;
        }
        slots[slot] = payload.retain();
        times[slot] = ts;
        long gap = 0;
        if (off >= span) {
            if (off > span) {
                int missing = off - span;
                lost += missing;
                gap = ((long) SrtSeq.add(head, span) << 32) | missing;
            }
            span = off + 1;
        }
        while (contiguous < span && slots[(headSlot + contiguous) % window] != null) {
            contiguous++;
        }
        return gap;
    }

    /** Delivers every packet whose time has come, skipping holes whose successor is due. */
    void deliverDue(long nowUs) {
        while (span > 0) {
            ByteBuf p = slots[headSlot];
            if (p == GIVEN_UP) {
                slots[headSlot] = null;
                dropped++;
                advance(1);
                continue;
            }
            if (p != null) {
                if (playTime(times[headSlot]) > nowUs) {
                    return;
                }
                slots[headSlot] = null;
                advance(1);
                delivered++;
                try {
                    deliver.accept(p);
                } finally {
                    p.release();
                }
                continue;
            }
            int next = 1;
            while (next < span && slots[(headSlot + next) % window] == null) {
                next++;
            }
            if (next >= span || playTime(times[(headSlot + next) % window]) > nowUs) {
                return;
            }
            dropped += next;
            advance(next);
        }
    }

    /** Delivers everything that arrived, now, skipping holes (the peer closed: nothing more will come). */
    void flush() {
        while (span > 0) {
            ByteBuf p = slots[headSlot];
            slots[headSlot] = null;
            advance(1);
            if (p == null || p == GIVEN_UP) {
                dropped++;
                continue;
            }
            delivered++;
            try {
                deliver.accept(p);
            } finally {
                p.release();
            }
        }
    }

    /**
     * The sender gave up everything before {@code seq} (DROPREQ): what did not arrive is no longer awaited, what
     * did is still played at its time (libsrt's KEEP_EXISTING).
     */
    void dropUpTo(int seq) {
        int off = Math.min(SrtSeq.diff(seq, head), window);
        if (off <= 0) {
            return;
        }
        for (int i = 0; i < off; i++) {
            int slot = (headSlot + i) % window;
            if (slots[slot] == null) {
                slots[slot] = GIVEN_UP;
            }
        }
        span = Math.max(span, off);
        while (contiguous < span && slots[(headSlot + contiguous) % window] != null) {
            contiguous++;
        }
    }

    private void advance(int n) {
        head = SrtSeq.add(head, n);
        headSlot = (headSlot + n) % window;
        span -= n;
        contiguous = Math.max(0, contiguous - n);
        while (contiguous < span && slots[(headSlot + contiguous) % window] != null) {
            contiguous++;
        }
    }

    private long playTime(long ts) {
        return timeBase + ts + latencyUs;
    }

    private long unwrap(long ts32) {
        if (lastTimestamp < 0) {
            lastTimestamp = ts32;
            return ts32;
        }
        long ext = lastTimestamp + (int) (ts32 - (lastTimestamp & 0xFFFF_FFFFL));
        if (ext > lastTimestamp) {
            lastTimestamp = ext;
        }
        return ext;
    }

    /** The smallest transit time of each window says how far the sender's clock has drifted from the time base. */
    private void trackDrift(long transit) {
        driftMin = Math.min(driftMin, transit);
        if (++driftSamples < DRIFT_WINDOW) {
            return;
        }
        if (Math.abs(driftMin) > DRIFT_THRESHOLD_US) {
            timeBase += driftMin;
        }
        driftMin = Long.MAX_VALUE;
        driftSamples = 0;
    }

    /** The sequence number up to which (exclusive) everything arrived: the ACK's value. */
    int ackSequence() {
        return SrtSeq.add(head, contiguous);
    }

    boolean started() {
        return started;
    }

    /** Free slots, for the ACK's available buffer size. */
    int available() {
        return window - span;
    }

    /**
     * The holes between the head and the highest packet received, as NAK entries (a lone number, or a range as
     * its first number with the top bit set and its last), at most {@code maxWords} words.
     */
    int lossList(int[] out, int maxWords) {
        int n = 0;
        int i = contiguous;
        while (i < span && n + 2 <= maxWords) {
            if (slots[(headSlot + i) % window] != null) {
                i++;
                continue;
            }
            int first = i;
            while (i + 1 < span && slots[(headSlot + i + 1) % window] == null) {
                i++;
            }
            n = putRange(out, n, SrtSeq.add(head, first), i - first + 1);
            i++;
        }
        return n;
    }

    static int putRange(int[] out, int n, int first, int count) {
        if (count == 1) {
            out[n++] = first;
        } else {
            out[n++] = first | 0x8000_0000;
            out[n++] = SrtSeq.add(first, count - 1);
        }
        return n;
    }

    void release() {
        for (int i = 0; i < window; i++) {
            if (slots[i] != null) {
                if (slots[i] != GIVEN_UP) {
                    slots[i].release();
                }
                slots[i] = null;
            }
        }
        span = 0;
        contiguous = 0;
    }
}
