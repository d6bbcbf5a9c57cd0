package io.camelmedia.protocol.mjr;

import io.camelmedia.protocol.rtp.RtpException;
import io.camelmedia.protocol.rtp.RtpPacket;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole recording and puts its RTP packets in play-out order, the way janus-pp-rec does
 * ({@code janus-pp-rec.c}, the "parse the frames and order them" loop):
 *
 * <ul>
 *   <li>the RTP timestamp is unwrapped to 64 bits; a timestamp that jumps forward across 2^32 counts a
 *       reset/wrap, and a late packet from before it keeps the previous count;</li>
 *   <li>packets are ordered by extended timestamp, then by sequence number (wrap-aware);</li>
 *   <li>a packet with the timestamp and sequence number of one already kept is a retransmission: dropped;</li>
 *   <li>records shorter than an RTP header, longer than {@link #MAX_RTP_RECORD_LENGTH}, of another SSRC
 *       than the first packet's, or (G.711/G.722) of another payload type than the static one are skipped
 *       and counted; packets without payload are skipped;</li>
 *   <li>sequence gaps between kept packets are counted as lost (up to {@link #MAX_LOSS_RUN} in a row;
 *       larger gaps are sequence resets).</li>
 * </ul>
 * Not done (janus-pp-rec's options, off by default there too): SIP silence-suppression detection, ignoring
 * the first N packets, payload-type filtering for dynamic types.
 *
 * <p>The packets are held in memory (a recording is a file we convert in one go): at most {@code maxBytes}
 * of records, {@link #DEFAULT_MAX_BYTES} unless given. Damage after the header ends reading: the result has
 * every packet before it and the error in {@link MjrTrack#damage()}.
 */
public final class MjrTrackReader {
    /**
     * Longest record taken as RTP: janus-pp-rec skips anything longer ("way too large, very likely not RTP"):
     * Janus receives into 1500-byte buffers (an Ethernet MTU), so no RTP packet it records is longer.
     */
    public static final int MAX_RTP_RECORD_LENGTH = 1500;
    /**
     * Longest sequence gap counted as loss: 1000 packets is 20 s of 20 ms audio or about 1 s of 1080p video.
     * A larger jump is a sequence reset (a new sender behind the same recording), not loss.
     */
    public static final int MAX_LOSS_RUN = 1000;
    /** Default bound on the record bytes held in memory: 1 GiB, about 4 hours of 500 kb/s video. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** Bytes of the wall-clock time Janus puts before each data message. */
    static final int DATA_TIME_LENGTH = 8;
    private static final long TIMESTAMP_SPAN = 1L << 32;
    private static final int G711_PCMU_PT = 0;
    private static final int G711_PCMA_PT = 8;
    private static final int G722_PT = 9;

    private MjrTrackReader() {
    }

    /** Reads and orders {@code file}; header errors (empty, broken JSON, unknown codec) throw MjrException. */
    public static MjrTrack read(Path file) throws IOException {
        try (MjrReader r = MjrReader.open(file)) {
            return read(r, DEFAULT_MAX_BYTES);
        }
    }

    /** Reads the rest of {@code reader} (the caller closes it). */
    public static MjrTrack read(MjrReader reader, long maxBytes) throws IOException {
        MjrHeader h = reader.header();
        MjrCodec codec = h.codec(reader.name());
        State s = new State(codec);
        MjrException damage = null;
        long bytes = 0;
        try {
            MjrRecord rec;
            while ((rec = reader.next()) != null) {
                bytes += rec.data().length;
                if (bytes > maxBytes) {
                    damage = MjrException.record(reader.name(), rec.offset(), "recording holds more than " + maxBytes
                            + " bytes of records, the limit for one conversion; the rest is not read");
                    break;
                }
                s.records++;
                if (codec.codec() == io.camelmedia.frame.Codec.DATA) {
                    s.data(rec);
                } else {
                    s.rtp(rec);
                }
            }
        } catch (MjrException e) {
            damage = e;
        }
        return new MjrTrack(reader.name(), h, codec, s.packets, s.messages, s.stats(), damage);
    }

    /** Orders packets as they are found; one instance per recording. */
    private static final class State {
        final MjrCodec codec;
        final List<MjrPacket> packets = new ArrayList<>();
        final List<MjrDataMessage> messages = new ArrayList<>();
        long records;
        long notRtp;
        long tooLarge;
        long empty;
        long otherSsrc;
        long otherPt;
        long duplicates;
        long resets;
        boolean started;
        long ssrc;
        long highest;
        long resetCount = 1;

        State(MjrCodec codec) {
            this.codec = codec;
        }

        void data(MjrRecord rec) {
            byte[] d = rec.data();
            if (d.length < DATA_TIME_LENGTH) {
                notRtp++;
                return;
            }
            long when = 0;
            for (int i = 0; i < DATA_TIME_LENGTH; i++) {
                when = (when << 8) | (d[i] & 0xFF);
            }
            byte[] msg = java.util.Arrays.copyOfRange(d, DATA_TIME_LENGTH, d.length);
            messages.add(new MjrDataMessage(when, rec.arrivalMillis(), rec.dataOffset() + DATA_TIME_LENGTH, msg));
        }

        void rtp(MjrRecord rec) {
            byte[] d = rec.data();
            if (d.length < RtpPacket.FIXED_HEADER_LENGTH) {
                notRtp++;
                return;
            }
            if (d.length > MAX_RTP_RECORD_LENGTH) {
                tooLarge++;
                return;
            }
            RtpPacket p;
            try {
                p = RtpPacket.decode(d);
            } catch (RtpException e) {
                notRtp++;
                return;
            }
            if (!payloadTypeFits(p.payloadType())) {
                otherPt++;
                return;
            }
            if (!started) {
                ssrc = p.ssrc();
            } else if (p.ssrc() != ssrc) {
                otherSsrc++;
                return;
            }
            long ext = extend(p.timestamp());
            if (p.payloadLength() == 0) {
                empty++;
                return;
            }
            insert(new MjrPacket(p, ext, rec.arrivalMillis(), rec.dataOffset()));
        }

        boolean payloadTypeFits(int pt) {
            return switch (codec) {
                case G711, PCMU, PCMA -> pt == G711_PCMU_PT || pt == G711_PCMA_PT;
                case G722 -> pt == G722_PT;
                default -> true;
            };
        }

        /** The unwrapping of janus-pp-rec, with a span of 2^32. */
        long extend(long ts) {
            if (!started) {
                started = true;
                highest = ts;
                return resetCount * TIMESTAMP_SPAN + ts;
            }
            int diff = (int) (ts - highest);
            if (diff > 0) {
                if (ts < highest) {
                    resetCount++;
                    resets++;
                }
                highest = ts;
            }
            boolean lateFromBeforeReset = diff < 0 && ts > highest;
            return (lateFromBeforeReset ? resetCount - 1 : resetCount) * TIMESTAMP_SPAN + ts;
        }

        /** Binary-search insertion; almost always an append. Equal timestamp and sequence: a duplicate. */
        void insert(MjrPacket p) {
            int n = packets.size();
            if (n == 0 || compare(packets.get(n - 1), p) < 0) {
                packets.add(p);
                return;
            }
            int lo = 0;
            int hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = compare(packets.get(mid), p);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    duplicates++;
                    return;
                }
            }
            packets.add(lo, p);
        }

        static int compare(MjrPacket a, MjrPacket b) {
            int c = Long.compare(a.extendedTimestamp(), b.extendedTimestamp());
            return c != 0 ? c : Short.compare((short) 0, (short) (b.sequenceNumber() - a.sequenceNumber()));
        }

        MjrTrackStats stats() {
            long lost = 0;
            long jumps = 0;
            for (int i = 1; i < packets.size(); i++) {
                int gap = (packets.get(i).sequenceNumber() - packets.get(i - 1).sequenceNumber() - 1) & 0xFFFF;
                if (gap > 0 && gap <= MAX_LOSS_RUN) {
                    lost += gap;
                } else if (gap > MAX_LOSS_RUN) {
                    jumps++;
                }
            }
            return new MjrTrackStats(records, codec.codec() == io.camelmedia.frame.Codec.DATA ? messages.size() : packets.size(),
                    notRtp, tooLarge, empty, otherSsrc, otherPt, duplicates, lost, jumps, resets);
        }
    }
}
