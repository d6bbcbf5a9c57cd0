package io.camelmedia.format.fmp4;

import java.util.List;
import java.util.function.Consumer;

/**
 * An ISO BMFF box (ISO/IEC 14496-12 4.2) that knows its size before it is written, so a whole segment
 * is written into one array of the right length. Init-segment boxes are built from the three shapes
 * here; the per-fragment boxes ({@link TrackFragment}) implement the interface directly.
 */
public interface Box {
    /** Bytes of the whole box, header included. */
    int size();

    /** Writes the whole box, header included, exactly {@link #size()} bytes. */
    void write(BoxWriter w);

    /** A box holding only other boxes (moov, trak, mdia, minf, dinf, stbl, mvex). */
    static Box container(String type, List<Box> children) {
        int size = BoxWriter.HEADER;
        for (Box c : children) {
            size += c.size();
        }
        int total = size;
        return new Box() {
            @Override
            public int size() {
                return total;
            }

            @Override
            public void write(BoxWriter w) {
                w.header(total, type);
                for (Box c : children) {
                    c.write(w);
                }
            }
        };
    }

    /** A box of {@code payloadSize} bytes after its header, written by {@code payload}. */
    static Box leaf(String type, int payloadSize, Consumer<BoxWriter> payload) {
        int total = BoxWriter.HEADER + payloadSize;
        return new Box() {
            @Override
            public int size() {
                return total;
            }

            @Override
            public void write(BoxWriter w) {
                int end = w.position() + total;
                payload.accept(w.header(total, type));
                check(w, end, type);
            }
        };
    }

    /** A FullBox (4.2: version(8) flags(24) after the header) of {@code payloadSize} bytes after that. */
    static Box full(String type, int version, int flags, int payloadSize, Consumer<BoxWriter> payload) {
        int total = BoxWriter.FULL_HEADER + payloadSize;
        return new Box() {
            @Override
            public int size() {
                return total;
            }

            @Override
            public void write(BoxWriter w) {
                int end = w.position() + total;
                payload.accept(w.fullHeader(total, type, version, flags));
                check(w, end, type);
            }
        };
    }

    private static void check(BoxWriter w, int end, String type) {
        if (w.position() != end) {
            throw new IllegalStateException("'" + type + "' wrote " + (w.position() - end) + " bytes more than its size");
        }
    }

    /** The bytes of {@code boxes}, one after the other. */
    static byte[] marshal(List<Box> boxes) {
        int size = 0;
        for (Box b : boxes) {
            size += b.size();
        }
        BoxWriter w = new BoxWriter(size);
        for (Box b : boxes) {
            b.write(w);
        }
        return w.finish();
    }
}
