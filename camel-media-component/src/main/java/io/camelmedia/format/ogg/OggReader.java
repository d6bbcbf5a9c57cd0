package io.camelmedia.format.ogg;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Ogg file held in memory into pages (RFC 3533 6, each CRC checked) and packets (5: lacing
 * values joined across pages). One logical stream is assumed (an Ogg Opus file); pages of other serials
 * are refused. Meant for tests and small files: the whole file is in memory.
 */
public final class OggReader {
    /** The largest packet reassembled: far above an Opus packet (at most 120 ms, 6 x 1275 bytes) or a header. */
    public static final int MAX_PACKET_SIZE = 1 << 20;

    /**
     * One packet and the page it ends on.
     *
     * @param granulePosition the granule of the page the packet ends on (the last packet's position)
     * @param lastOnPage      whether it is the last packet ending on that page
     */
    public record Packet(byte[] data, int pageIndex, long granulePosition, boolean lastOnPage) {
    }

    private OggReader() {
    }

    /** All pages of {@code file}, in order. */
    public static List<OggPage> pages(byte[] file) {
        List<OggPage> pages = new ArrayList<>();
        int pos = 0;
        while (pos < file.length) {
            OggPage page = OggPage.decode(file, pos, file.length - pos, pos);
            if (!pages.isEmpty() && page.serial() != pages.get(0).serial()) {
                throw OggException.invalid("bitstream_serial_number", page.serial() & 0xFFFF_FFFFL,
                        "a second logical stream; expected " + (pages.get(0).serial() & 0xFFFF_FFFFL), pos + 14);
            }
            pages.add(page);
            pos += page.encodedLength();
        }
        return pages;
    }

    /** The packets of {@code pages}, joined across page boundaries. */
    public static List<Packet> packets(List<OggPage> pages) {
        List<Packet> packets = new ArrayList<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        for (int i = 0; i < pages.size(); i++) {
            OggPage page = pages.get(i);
            if (page.continued() != (partial.size() > 0) && !(page.continued() && i == 0)) {
                throw OggException.invalid("header_type_flag continued", page.headerType(),
                        partial.size() > 0 ? "previous page ended inside a packet" : "no packet to continue", i);
            }
            byte[] table = page.segmentTable();
            int last = lastPacketEnd(table);
            int body = 0;
            for (int s = 0; s < table.length; s++) {
                int lace = table[s] & 0xFF;
                if (partial.size() + lace > MAX_PACKET_SIZE) {
                    throw new OggException("Ogg: packet on page " + i + " exceeds the limit " + MAX_PACKET_SIZE + " bytes");
                }
                partial.write(page.body(), body, lace);
                body += lace;
                if (lace < OggPage.MAX_LACING) {
                    packets.add(new Packet(partial.toByteArray(), i, page.granulePosition(), s == last));
                    partial.reset();
                }
            }
        }
        return packets;
    }

    private static int lastPacketEnd(byte[] table) {
        for (int s = table.length - 1; s >= 0; s--) {
            if ((table[s] & 0xFF) < OggPage.MAX_LACING) {
                return s;
            }
        }
        return -1;
    }
}
