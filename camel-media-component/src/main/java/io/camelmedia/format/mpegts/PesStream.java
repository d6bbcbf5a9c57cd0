package io.camelmedia.format.mpegts;

import java.util.Arrays;

import io.camelmedia.frame.Codec;

/**
 * One elementary stream of the program being demuxed: its PMT entry, track id, codec reader, continuity
 * check, and the PES packet being reassembled (2.4.3.6). A PES begins at a payload_unit_start packet and
 * ends when PES_packet_length bytes are in, or, for PES_packet_length 0 (video), at the next start. A
 * PES that grows past {@link #maxSize} or lost a packet is {@code broken}: its bytes are discarded until
 * the next start.
 */
final class PesStream {
    enum State { IDLE, COLLECTING, BROKEN }

    private static final int INITIAL_CAPACITY = 4096;
    final int pid;
    final int streamType;
    final Codec codec;
    final int trackId;
    final PesPayloadReader reader;
    final int maxSize;
    final ContinuityCheck cc = new ContinuityCheck();
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int have;
    private State state = State.IDLE;

    PesStream(int pid, int streamType, Codec codec, int trackId, PesPayloadReader reader, int maxSize) {
        this.pid = pid;
        this.streamType = streamType;
        this.codec = codec;
        this.trackId = trackId;
        this.reader = reader;
        this.maxSize = maxSize;
    }

    State state() {
        return state;
    }

    void start() {
        state = State.COLLECTING;
        have = 0;
    }

    /** Discards the PES in progress; true when one was being collected (a PES lost). */
    boolean breakPes() {
        boolean was = state == State.COLLECTING;
        state = state == State.IDLE ? State.IDLE : State.BROKEN;
        have = 0;
        return was;
    }

    void idle() {
        state = State.IDLE;
        have = 0;
    }

    /** Appends {@code b[from, end)}; false (and broken) when the PES would exceed {@link #maxSize}. */
    boolean append(byte[] b, int from, int end) {
        int n = end - from;
        if (n > maxSize - have) {
            breakPes();
            return false;
        }
        if (have + n > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(maxSize, Math.max(2L * buf.length, have + n)));
        }
        System.arraycopy(b, from, buf, have, n);
        have += n;
        return true;
    }

    /** True when a bounded PES (PES_packet_length not 0) has all its bytes. */
    boolean complete() {
        if (have < PesHeader.PREFIX_SIZE) {
            return false;
        }
        int length = ((buf[4] & 0xFF) << 8) | (buf[5] & 0xFF);
        return length != 0 && have >= PesHeader.PREFIX_SIZE + length;
    }

    byte[] buffer() {
        return buf;
    }

    int size() {
        return have;
    }
}
