package io.camelmedia.protocol.rtp.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SDES: Source Description (RFC 3550 §6.5), PT 202: SC chunks, each an SSRC and a list of items
 * ({@code type, length, text}) ended by a zero type octet and padded to a 32-bit boundary.
 * <pre>
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * |                          SSRC/CSRC_1                          |
 * |                           SDES items                          |
 * |                              ...                              |
 * </pre>
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {
    /** SC is 5 bits. */
    public static final int MAX_CHUNKS = 31;
    /** Item types of RFC 3550 §6.5.1-8 (an open registry: others are kept as read). */
    public static final int END = 0;
    public static final int CNAME = 1;
    public static final int NAME = 2;
    public static final int EMAIL = 3;
    public static final int PHONE = 4;
    public static final int LOC = 5;
    public static final int TOOL = 6;
    public static final int NOTE = 7;
    public static final int PRIV = 8;
    /** An item's text is at most 255 octets: its length field is 8 bits. */
    public static final int MAX_ITEM_LENGTH = 255;

    /** One SDES item; the text is UTF-8 (RFC 3550 §6.5). */
    public record Item(int type, String text) {
        public Item {
            if (type <= END || type > 0xFF) {
                throw new IllegalArgumentException("SDES item type must be 1..255, was " + type);
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_ITEM_LENGTH) {
                throw new IllegalArgumentException("SDES item text is over " + MAX_ITEM_LENGTH + " bytes");
            }
        }
    }

    /** One chunk: a source and its items. */
    public record Chunk(long ssrc, List<Item> items) {
        public Chunk {
            items = List.copyOf(items);
        }

        int encodedLength() {
            int n = 4;
            for (Item i : items) {
                n += 2 + i.text().getBytes(StandardCharsets.UTF_8).length;
            }
            return (n + 1 + 3) & ~3;   // at least one END octet, then pad to 32 bits
        }
    }

    public SourceDescription {
        chunks = List.copyOf(chunks);
        if (chunks.size() > MAX_CHUNKS) {
            throw new IllegalArgumentException("at most " + MAX_CHUNKS + " SDES chunks");
        }
    }

    /** A one-chunk SDES carrying a CNAME, as every compound packet needs (RFC 3550 §6.1). */
    public static SourceDescription cname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(new Item(CNAME, cname)))));
    }

    /** The CNAME of {@code ssrc}, if this packet carries one. */
    public Optional<String> cnameOf(long ssrc) {
        for (Chunk c : chunks) {
            if (c.ssrc() == ssrc) {
                for (Item i : c.items()) {
                    if (i.type() == CNAME) {
                        return Optional.of(i.text());
                    }
                }
            }
        }
        return Optional.empty();
    }

    static SourceDescription decode(byte[] b, int offset, int length, int count, int relOffset) {
        List<Chunk> chunks = new ArrayList<>(count);
        int p = offset + RtcpBytes.HEADER_LENGTH;
        int end = offset + length;
        for (int c = 0; c < count; c++) {
            if (end - p < 4) {
                throw RtcpException.truncatedField("SDES", "chunk " + c + " SSRC", 4, end - p, relOffset + p - offset, b, p);
            }
            long ssrc = RtcpBytes.u32(b, p);
            p += 4;
            List<Item> items = new ArrayList<>();
            while (true) {
                if (p >= end) {
                    throw RtcpException.truncatedField("SDES", "chunk " + c + " item type", 1, 0, relOffset + p - offset, b, p);
                }
                int type = RtcpBytes.u8(b, p);
                if (type == END) {
                    p = offset + ((p - offset + 4) & ~3);   // the END octet and padding to the next 32-bit boundary
                    break;
                }
                if (end - p < 2 || end - p - 2 < RtcpBytes.u8(b, p + 1)) {
                    throw RtcpException.truncatedField("SDES", "item type " + type,
                            end - p < 2 ? 2 : 2 + RtcpBytes.u8(b, p + 1), end - p, relOffset + p - offset, b, p);
                }
                int len = RtcpBytes.u8(b, p + 1);
                items.add(new Item(type, new String(b, p + 2, len, StandardCharsets.UTF_8)));
                p += 2 + len;
            }
            chunks.add(new Chunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }

    @Override
    public int packetType() {
        return RtcpPacketType.SDES;
    }

    @Override
    public int encodedLength() {
        int n = RtcpBytes.HEADER_LENGTH;
        for (Chunk c : chunks) {
            n += c.encodedLength();
        }
        return n;
    }

    @Override
    public int encode(byte[] dst, int offset) {
        int len = encodedLength();
        RtcpBytes.header(dst, offset, chunks.size(), RtcpPacketType.SDES, len);
        int p = offset + RtcpBytes.HEADER_LENGTH;
        for (Chunk c : chunks) {
            int start = p;
            RtcpBytes.put32(dst, p, c.ssrc());
            p += 4;
            for (Item i : c.items()) {
                byte[] t = i.text().getBytes(StandardCharsets.UTF_8);
                dst[p] = (byte) i.type();
                dst[p + 1] = (byte) t.length;
                System.arraycopy(t, 0, dst, p + 2, t.length);
                p += 2 + t.length;
            }
            int chunkEnd = start + c.encodedLength();
            while (p < chunkEnd) {
                dst[p++] = 0;   // END and padding
            }
        }
        return len;
    }
}
