package io.camelmedia.format.mpegts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only reader of our own output, packet by packet: checks the 188-byte framing and sync bytes and
 * the continuity counters of every PID (ITU-T H.222.0 2.4.3.3: +1 mod 16 on packets with payload, equal to
 * the previous one on adaptation-field-only packets).
 */
final class TsPackets {
    /** One parsed transport packet header. */
    record Header(int index, int pid, boolean payloadUnitStart, int adaptationFieldControl, int cc,
                  int adaptationFieldLength, int adaptationFlags) {
        boolean hasPayload() {
            return (adaptationFieldControl & TsPacket.PAYLOAD_ONLY) != 0;
        }
    }

    private TsPackets() {
    }

    static List<Header> parse(byte[] ts) {
        if (ts.length % TsPacket.SIZE != 0) {
            throw new AssertionError("length " + ts.length + " is not a multiple of 188");
        }
        List<Header> out = new ArrayList<>();
        for (int i = 0; i < ts.length / TsPacket.SIZE; i++) {
            int p = i * TsPacket.SIZE;
            if ((ts[p] & 0xFF) != TsPacket.SYNC_BYTE) {
                throw new AssertionError("packet " + i + ": sync byte " + (ts[p] & 0xFF));
            }
            int afc = (ts[p + 3] >> 4) & 3;
            int afLength = (afc & 2) != 0 ? ts[p + 4] & 0xFF : -1;
            int flags = afLength > 0 ? ts[p + 5] & 0xFF : 0;
            out.add(new Header(i, ((ts[p + 1] & 0x1F) << 8) | (ts[p + 2] & 0xFF), (ts[p + 1] & 0x40) != 0, afc,
                    ts[p + 3] & 0x0F, afLength, flags));
        }
        return out;
    }

    /** Fails on any continuity counter gap; returns the number of payload packets per PID. */
    static Map<Integer, Integer> assertContinuity(List<Header> packets) {
        Map<Integer, Integer> last = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (Header h : packets) {
            Integer prev = last.get(h.pid());
            if (h.hasPayload()) {
                if (prev != null && h.cc() != ((prev + 1) & 0x0F)) {
                    throw new AssertionError("packet " + h.index() + " PID 0x" + Integer.toHexString(h.pid())
                            + ": continuity_counter " + h.cc() + " after " + prev);
                }
                last.put(h.pid(), h.cc());
                counts.merge(h.pid(), 1, Integer::sum);
            } else if (prev != null && h.cc() != prev) {
                throw new AssertionError("packet " + h.index() + ": adaptation-only packet changed the counter");
            }
            if (h.adaptationFieldLength() > TsPacket.BODY_SIZE - 1) {
                throw new AssertionError("packet " + h.index() + ": adaptation_field_length " + h.adaptationFieldLength());
            }
        }
        return counts;
    }
}
