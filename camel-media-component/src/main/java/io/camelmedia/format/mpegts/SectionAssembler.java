package io.camelmedia.format.mpegts;

/**
 * Reassembles the PSI sections of one PID from transport packet payloads (ITU-T H.222.0 2.4.4.1/2.4.4.2): a
 * payload_unit_start packet begins with pointer_field, the bytes before the offset it gives end the section
 * in progress; a section may span packets and several may follow each other in one; 0xFF where a table_id
 * would be is stuffing to the end of the packet. A section over {@value #MAX_SECTION_SIZE} bytes, or a lost
 * packet ({@link #reset}), drops the section in progress.
 */
final class SectionAssembler {
    /** Private sections may have section_length up to 4093 (2.4.4.10): 4096 bytes in all, the most we hold. */
    static final int MAX_SECTION_SIZE = 4096;
    private static final int LENGTH_BYTES = 3;

    /** Receives each whole section {@code s[0, length)}; the array is reused after the call returns. */
    interface Listener {
        void section(byte[] s, int length);
    }

    private final byte[] buf = new byte[MAX_SECTION_SIZE];
    private final TsDemuxerStats stats;
    private int have;
    private boolean active;

    SectionAssembler(TsDemuxerStats stats) {
        this.stats = stats;
    }

    /** The payload {@code b[pos, end)} of one packet of this PID. */
    void payload(byte[] b, int pos, int end, boolean unitStart, Listener listener) {
        int p = pos;
        if (unitStart) {
            int pointer = b[p++] & 0xFF;
            if (pointer > end - p) {
                fail("pointer_field " + pointer + " past the packet end");
                return;
            }
            if (active) {
                append(b, p, p + pointer, listener);
            }
            active = false;
            p += pointer;
            append(b, p, end, listener);
        } else if (active) {
            append(b, p, end, listener);
        }
    }

    void reset() {
        active = false;
        have = 0;
    }

    private void append(byte[] b, int from, int end, Listener listener) {
        int p = from;
        while (p < end) {
            if (!active) {
                if ((b[p] & 0xFF) == Psi.STUFFING_TABLE_ID) {
                    return;
                }
                active = true;
                have = 0;
            }
            int need = have < LENGTH_BYTES ? LENGTH_BYTES : Psi.sectionSize(buf, 0);
            if (need > MAX_SECTION_SIZE) {
                fail("section_length " + (need - LENGTH_BYTES) + " exceeds " + (MAX_SECTION_SIZE - LENGTH_BYTES));
                return;
            }
            int n = Math.min(need - have, end - p);
            System.arraycopy(b, p, buf, have, n);
            have += n;
            p += n;
            if (have >= LENGTH_BYTES && have == Psi.sectionSize(buf, 0)) {
                active = false;
                listener.section(buf, have);
            }
        }
    }

    private void fail(String what) {
        stats.sectionErrors++;
        stats.error("PSI: " + what);
        reset();
    }
}
