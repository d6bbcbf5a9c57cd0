package io.camelmedia.format.fmp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the top-level box layout of a fragmented MP4 file as {@link Fmp4Writer} writes it (ISO/IEC 14496-12
 * 4.2: {@code size(32) type(32) [largesize(64)]}): {@code ftyp}, {@code moov}, then {@code moof + mdat} pairs.
 * Used to recover a recording cut short by a crash: everything up to the end of the last complete
 * {@code mdat} that follows a complete {@code moof} plays; a torn tail after it does not.
 */
public final class FragmentedFile {
    private static final int HEADER = 8;
    private static final int LARGE_HEADER = 16;

    private FragmentedFile() {
    }

    /**
     * The length of the playable prefix of {@code ch}: the end of the last complete fragment ({@code moof}
     * followed by its complete {@code mdat}), or the end of the init segment ({@code ftyp + moov}) when no
     * fragment is complete, or 0 when not even that is. Stops at the first box whose header is torn, whose size is
     * impossible (below its header, or past the end of the file) or that comes out of order.
     */
    public static long playableLength(FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 0;
        long playable = 0;
        boolean init = false;
        boolean moof = false;
        ByteBuffer h = ByteBuffer.allocate(LARGE_HEADER);
        while (pos + HEADER <= size) {
            h.clear().limit(HEADER);
            readFully(ch, h, pos);
            long boxSize = Integer.toUnsignedLong(h.getInt(0));
            String type = new String(h.array(), 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int header = HEADER;
            if (boxSize == 1) {
                if (pos + LARGE_HEADER > size) {
                    break;
                }
                h.clear().limit(LARGE_HEADER);
                readFully(ch, h, pos);
                boxSize = h.getLong(8);
                header = LARGE_HEADER;
            }
            if (boxSize < header || boxSize > size - pos) {
                break;
            }
            pos += boxSize;
            switch (type) {
                case "moov" -> {
                    init = true;
                    playable = pos;
                }
                case "moof" -> moof = init;
                case "mdat" -> {
                    if (moof) {
                        playable = pos;
                    }
                    moof = false;
                }
                default -> moof = false;
            }
        }
        return playable;
    }

    /**
     * Samples in a fragment ({@code moof + mdat} as {@link Fmp4Writer#fragment} returns it): the sum of every
     * {@code trun} sample_count (8.8.8) in the {@code moof}'s {@code traf}s.
     */
    public static long sampleCount(byte[] fragment) {
        ByteBuffer b = ByteBuffer.wrap(fragment);
        if (fragment.length < HEADER || !"moof".equals(type(fragment, 4))) {
            return 0;
        }
        long count = 0;
        int moofEnd = Math.min(fragment.length, b.getInt(0));
        for (int traf = HEADER; traf + HEADER <= moofEnd; traf += Math.max(HEADER, b.getInt(traf))) {
            if (!"traf".equals(type(fragment, traf + 4))) {
                continue;
            }
            int trafEnd = Math.min(moofEnd, traf + b.getInt(traf));
            for (int box = traf + HEADER; box + 16 <= trafEnd; box += Math.max(HEADER, b.getInt(box))) {
                if ("trun".equals(type(fragment, box + 4))) {
                    count += Integer.toUnsignedLong(b.getInt(box + 12));
                }
            }
        }
        return count;
    }

    private static String type(byte[] b, int at) {
        return new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + p);
            }
            p += n;
        }
    }
}
