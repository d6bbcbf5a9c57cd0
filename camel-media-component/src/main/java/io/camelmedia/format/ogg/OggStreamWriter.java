package io.camelmedia.format.ogg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * One logical Ogg bitstream (RFC 3533) written page by page: packets are laced into the pending page
 * (5: 255-byte segments, a final shorter one), a packet that does not fit the 255 lacing values is
 * continued on the next page (flag 0x01), and the caller decides when a page is complete
 * ({@link #flush}). Each page carries the granule position of the last packet that ends on it, or -1
 * when none does (6). The first page gets BOS, the page written by {@link #close} gets EOS.
 *
 * <p>Nothing is buffered beyond the pending page (at most {@link OggPage#MAX_PAGE_SIZE} bytes), and every
 * page written is complete and self-delimiting (capture pattern, length, CRC): a file cut at any point
 * reads up to its last whole page.
 */
final class OggStreamWriter {
    private final WritableByteChannel out;
    private final int serial;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
    private final byte[] lacing = new byte[OggPage.MAX_SEGMENTS];
    private int segments;
    private int sequence;
    private boolean first = true;
    private boolean continued;
    private long granule = -1;
    private int packetsOnPage;
    private long bytesWritten;
    private long pagesWritten;

    OggStreamWriter(WritableByteChannel out, int serial) {
        this.out = out;
        this.serial = serial;
    }

    /** Adds a packet that ends at {@code granuleAfter}; writes pages as the lacing values run out. */
    void packet(byte[] data, int offset, int length, long granuleAfter) throws IOException {
        int pos = 0;
        // a packet of n bytes takes n / 255 + 1 lacing values (the last one < 255, possibly 0)
        while (true) {
            if (segments == OggPage.MAX_SEGMENTS) {
                writePage(0, false);
                continued = true;
            }
            int seg = Math.min(OggPage.MAX_LACING, length - pos);
            lacing[segments++] = (byte) seg;
            body.write(data, offset + pos, seg);
            pos += seg;
            if (seg < OggPage.MAX_LACING) {
                break;
            }
        }
        granule = granuleAfter;
        packetsOnPage++;
    }

    /** Packets that end on the pending page. */
    int pendingPackets() {
        return packetsOnPage;
    }

    int pendingBytes() {
        return body.size();
    }

    /** Writes the pending page, if it holds anything. */
    void flush() throws IOException {
        if (segments > 0) {
            writePage(0, true);
        }
    }

    /** Writes the pending page (even an empty one) with EOS. */
    void close() throws IOException {
        writePage(OggPage.EOS, true);
    }

    long bytesWritten() {
        return bytesWritten;
    }

    long pagesWritten() {
        return pagesWritten;
    }

    private void writePage(int flags, boolean packetBoundary) throws IOException {
        int type = flags | (first ? OggPage.BOS : 0) | (continued ? OggPage.CONTINUED : 0);
        // RFC 3533 6: granule_position -1 "if no packets finish on this page"
        long pageGranule = packetsOnPage > 0 ? granule : -1;
        byte[] table = java.util.Arrays.copyOf(lacing, segments);
        byte[] page = new OggPage(type, pageGranule, serial, sequence++, table, body.toByteArray()).encode();
        ByteBuffer b = ByteBuffer.wrap(page);
        while (b.hasRemaining()) {
            out.write(b);
        }
        bytesWritten += page.length;
        pagesWritten++;
        body.reset();
        segments = 0;
        packetsOnPage = 0;
        first = false;
        continued = !packetBoundary;
    }
}
