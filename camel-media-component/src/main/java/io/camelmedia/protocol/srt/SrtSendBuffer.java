package io.camelmedia.protocol.srt;

import io.netty.buffer.ByteBuf;

/**
 * The sending side's history of a live SRT connection (draft-sharabayko-srt §4.5): every packet sent stays here,
 * whole, until the peer acknowledges it or it is too old to be played (too-late packet drop, then a DROPREQ
 * tells the receiver), so a NAK can be answered with the same bytes and the retransmission flag set. Bounded by
 * packet count: when full, the oldest goes. Not thread-safe: one connection's event loop.
 */
final class SrtSendBuffer {
    private final ByteBuf[] packets;
    private final long[] sentAt;
    private final int capacity;
    /** Sequence number of the oldest packet kept. */
    private int first;
    private int firstSlot;
    private int size;

    SrtSendBuffer(int capacity, int initialSequence) {
        this.capacity = capacity;
        this.packets = new ByteBuf[capacity];
        this.sentAt = new long[capacity];
        this.first = initialSequence;
    }

    /** Keeps {@code packet} (taking its reference) as sequence number {@code first + size}; returns how many old ones went. */
    int add(ByteBuf packet, long nowUs) {
        int evicted = 0;
        if (size == capacity) {
            removeFirst(1);
            evicted = 1;
        }
        int slot = (firstSlot + size) % capacity;
        packets[slot] = packet;
        sentAt[slot] = nowUs;
        size++;
        return evicted;
    }

    /** The packet with {@code seq}, or null when it was acknowledged, dropped or never sent. */
    ByteBuf get(int seq) {
        int off = SrtSeq.diff(seq, first);
        return off < 0 || off >= size ? null : packets[(firstSlot + off) % capacity];
    }

    /** Forgets everything before {@code seq} (an ACK). */
    void acknowledge(int seq) {
        int off = SrtSeq.diff(seq, first);
        if (off > 0) {
            removeFirst(Math.min(off, size));
            if (size == 0) {
                first = seq;
            }
        }
    }

    /**
     * Drops the packets sent before {@code deadlineUs}; returns the number dropped (the first was
     * {@link #first()} before the call).
     */
    int dropOlderThan(long deadlineUs) {
        int n = 0;
        while (n < size && sentAt[(firstSlot + n) % capacity] < deadlineUs) {
            n++;
        }
        removeFirst(n);
        return n;
    }

    int first() {
        return first;
    }

    int size() {
        return size;
    }

    private void removeFirst(int n) {
        for (int i = 0; i < n; i++) {
            int slot = (firstSlot + i) % capacity;
            packets[slot].release();
            packets[slot] = null;
        }
        firstSlot = (firstSlot + n) % capacity;
        first = SrtSeq.add(first, n);
        size -= n;
    }

    void release() {
        removeFirst(size);
    }
}
