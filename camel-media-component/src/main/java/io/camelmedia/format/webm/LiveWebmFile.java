package io.camelmedia.format.webm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the element layout of a live WebM file as {@link WebmWriter} writes it for recording parts: EBML header,
 * Segment (any size), Info and Tracks, then Clusters (unknown size: a Cluster ends where the next top-level
 * element starts, RFC 9559 6.2 / RFC 8794 6.2). Used to recover a recording cut short by a crash: everything up to
 * the end of the last complete Cluster plays; a Cluster whose last child is torn was a part being written and goes.
 */
public final class LiveWebmFile {
    /** An element header: ID (at most 4 octets) and size (at most 8). */
    private static final int MAX_HEADER = 12;
    private static final long UNKNOWN = -1;

    private LiveWebmFile() {
    }

    private record Header(int id, long size, int length) {
    }

    /**
     * The length of the playable prefix of {@code ch}: the end of the last complete Cluster, or the end of Tracks
     * when no Cluster is complete, or 0 when the header is not whole. A Cluster is complete when all its children
     * are whole and it is followed by another top-level element or by the end of the file.
     */
    public static long playableLength(FileChannel ch) throws IOException {
        long size = ch.size();
        Header ebml = header(ch, 0, size);
        if (ebml == null || ebml.id != MatroskaIds.EBML || ebml.size == UNKNOWN) {
            return 0;
        }
        long pos = ebml.length + ebml.size;
        Header segment = header(ch, pos, size);
        if (segment == null || segment.id != MatroskaIds.SEGMENT) {
            return 0;
        }
        long end = segment.size == UNKNOWN ? size : Math.min(size, pos + segment.length + segment.size);
        pos += segment.length;
        long playable = 0;
        boolean inCluster = false;
        while (pos < end) {
            Header h = header(ch, pos, end);
            boolean topLevel = h != null && isSegmentChild(h.id);
            if (inCluster && topLevel) {
                playable = pos; // the previous Cluster ended whole
                inCluster = false;
            }
            if (h == null) {
                return playable;
            }
            if (h.id == MatroskaIds.CLUSTER && h.size == UNKNOWN) {
                inCluster = true;
                pos += h.length;
                continue;
            }
            if (h.size == UNKNOWN || h.size > end - pos - h.length) {
                return playable; // torn (or an unknown size where none belongs)
            }
            pos += h.length + h.size;
            if (h.id == MatroskaIds.TRACKS || h.id == MatroskaIds.CLUSTER) {
                playable = pos;
            }
        }
        return inCluster ? pos : playable;
    }

    private static boolean isSegmentChild(int id) {
        return id == MatroskaIds.CLUSTER || id == MatroskaIds.CUES || id == MatroskaIds.SEEK_HEAD
                || id == MatroskaIds.INFO || id == MatroskaIds.TRACKS;
    }

    /** The element header at {@code pos}, or null when it is torn (past {@code end}) or malformed. */
    private static Header header(FileChannel ch, long pos, long end) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(MAX_HEADER, Math.max(0, end - pos)));
        while (b.hasRemaining() && ch.read(b, pos + b.position()) >= 0) {
            // read on
        }
        int avail = b.position();
        if (avail == 0) {
            return null;
        }
        int idLength = Integer.numberOfLeadingZeros(b.get(0) & 0xFF) - 23;
        if (idLength < 1 || idLength > 4 || avail < idLength + 1) {
            return null;
        }
        int id = 0;
        for (int i = 0; i < idLength; i++) {
            id = id << 8 | (b.get(i) & 0xFF);
        }
        int first = b.get(idLength) & 0xFF;
        int sizeLength = Integer.numberOfLeadingZeros(first) - 23;
        if (sizeLength < 1 || sizeLength > 8 || avail < idLength + sizeLength) {
            return null;
        }
        long value = first & (0xFF >> sizeLength);
        boolean allOnes = value == (0xFF >> sizeLength);
        for (int i = 1; i < sizeLength; i++) {
            int octet = b.get(idLength + i) & 0xFF;
            allOnes &= octet == 0xFF;
            value = value << 8 | octet;
        }
        return new Header(id, allOnes ? UNKNOWN : value, idLength + sizeLength);
    }
}
