package io.camelmedia.protocol.srt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The handshake control information field (draft-sharabayko-srt §3.2.1): 48 bytes, then extensions, each a
 * 16-bit type, a 16-bit length in 32-bit words and its content.
 *
 * @param version     4 in the caller's induction, 5 otherwise
 * @param encryption  advertised key length / 8 (0, 2, 3 or 4)
 * @param extension   {@link #SRT_MAGIC} in the listener's induction, else the HS_EXT flags
 * @param type        {@link #INDUCTION}, {@link #CONCLUSION}, ... or a rejection (1000 + reason)
 */
public record SrtHandshake(int version, int encryption, int extension, int initialSequence, int mtu, int flowWindow,
        int type, int socketId, int cookie, byte[] peerAddress, List<Extension> extensions) {

    public static final int CIF_LENGTH = 48;
    public static final int INDUCTION = 1;
    public static final int WAVEAHAND = 0;
    public static final int CONCLUSION = -1;
    public static final int AGREEMENT = -2;
    /** The first handshake type that is a rejection: 1000 + SRT_REJ_* or 1000 + SRT_REJX_*. */
    public static final int REJECTION_BASE = 1000;
    /** UDT's SOCK_DGRAM, the "type" the caller's HSv4-compatible induction carries. */
    public static final int UDT_DGRAM = 2;
    public static final int SRT_MAGIC = 0x4A17;

    /** HS_EXT flags in a conclusion's extension field. */
    public static final int HS_EXT_HSREQ = 1;
    public static final int HS_EXT_KMREQ = 2;
    public static final int HS_EXT_CONFIG = 4;

    /** Extension types (SRT_CMD_*). */
    public static final int EXT_HSREQ = 1;
    public static final int EXT_HSRSP = 2;
    public static final int EXT_KMREQ = 3;
    public static final int EXT_KMRSP = 4;
    public static final int EXT_SID = 5;
    public static final int EXT_CONGESTION = 6;
    public static final int EXT_FILTER = 7;
    public static final int EXT_GROUP = 8;

    /** libsrt's limit on a stream id. */
    public static final int MAX_STREAM_ID = 512;
    private static final int MAX_EXTENSIONS = 16;

    public SrtHandshake {
        extensions = List.copyOf(extensions);
        peerAddress = peerAddress == null ? new byte[16] : peerAddress;
    }

    /** One extension block; {@code content} as it is on the wire (a multiple of 4 bytes). */
    public record Extension(int type, byte[] content) {
    }

    public boolean isRejection() {
        return type >= REJECTION_BASE;
    }

    public Optional<Extension> extension(int extType) {
        return extensions.stream().filter(e -> e.type() == extType).findFirst();
    }

    public SrtHandshake withType(int newType) {
        return new SrtHandshake(version, encryption, extension, initialSequence, mtu, flowWindow, newType, socketId, cookie,
                peerAddress, extensions);
    }

    /** Parses the CIF of a handshake packet (after the 16-byte header). */
    public static SrtHandshake decode(ByteBuf p) {
        int at = p.readerIndex() + SrtPacket.HEADER;
        int end = p.writerIndex();
        if (end - at < CIF_LENGTH) {
            throw new SrtException("handshake: " + (end - at) + " bytes, the fixed part needs " + CIF_LENGTH);
        }
        int version = p.getInt(at);
        int encryption = p.getUnsignedShort(at + 4);
        int extension = p.getUnsignedShort(at + 6);
        byte[] addr = new byte[16];
        p.getBytes(at + 32, addr);
        List<Extension> exts = new ArrayList<>();
        int e = at + CIF_LENGTH;
        while (end - e >= 4) {
            if (exts.size() == MAX_EXTENSIONS) {
                throw new SrtException("handshake: more than " + MAX_EXTENSIONS + " extensions");
            }
            int extType = p.getUnsignedShort(e);
            int words = p.getUnsignedShort(e + 2);
            if (e + 4 + words * 4L > end) {
                throw new SrtException("handshake: extension " + extType + " of " + words + " words overruns the packet");
            }
            byte[] content = new byte[words * 4];
            p.getBytes(e + 4, content);
            exts.add(new Extension(extType, content));
            e += 4 + words * 4;
        }
        return new SrtHandshake(version, encryption, extension, p.getInt(at + 8), p.getInt(at + 12), p.getInt(at + 16),
                p.getInt(at + 20), p.getInt(at + 24), p.getInt(at + 28), addr, exts);
    }

    /** Appends the CIF and extensions to {@code out}. */
    public void encode(ByteBuf out) {
        out.writeInt(version);
        out.writeShort(encryption);
        out.writeShort(extension);
        out.writeInt(initialSequence);
        out.writeInt(mtu);
        out.writeInt(flowWindow);
        out.writeInt(type);
        out.writeInt(socketId);
        out.writeInt(cookie);
        out.writeBytes(peerAddress, 0, 16);
        for (Extension x : extensions) {
            out.writeShort(x.type());
            out.writeShort(x.content().length / 4);
            out.writeBytes(x.content());
        }
    }

    /** A whole HANDSHAKE control packet carrying this CIF, addressed to socket {@code dest}. */
    public ByteBuf toPacket(ByteBufAllocator alloc, int dest) {
        ByteBuf out = SrtPacket.control(alloc, SrtPacket.HANDSHAKE, 0, 0, 0, dest, encodedLength());
        encode(out);
        return out;
    }

    public int encodedLength() {
        int n = CIF_LENGTH;
        for (Extension x : extensions) {
            n += 4 + x.content().length;
        }
        return n;
    }

    // --- HSREQ / HSRSP -------------------------------------------------------------------------------------

    /** SRT flags of HSREQ/HSRSP. */
    public static final int FLAG_TSBPDSND = 0x01;
    public static final int FLAG_TSBPDRCV = 0x02;
    public static final int FLAG_CRYPT = 0x04;
    public static final int FLAG_TLPKTDROP = 0x08;
    public static final int FLAG_PERIODICNAK = 0x10;
    public static final int FLAG_REXMITFLG = 0x20;
    public static final int FLAG_STREAM = 0x40;
    public static final int FLAG_PACKET_FILTER = 0x80;
    /** The version we announce: the HSv5 feature set of libsrt 1.5. */
    public static final int SRT_VERSION = 0x010503;

    /** HSREQ/HSRSP: the SRT version, flags and the two TSBPD delays in milliseconds. */
    public record SrtOptions(int srtVersion, int flags, int receiverDelayMs, int senderDelayMs) {
        public static SrtOptions decode(byte[] c) {
            if (c.length < 12) {
                throw new SrtException("HSREQ/HSRSP: " + c.length + " bytes, needs 12");
            }
            return new SrtOptions(word(c, 0), word(c, 4), ((c[8] & 0xFF) << 8) | (c[9] & 0xFF),
                    ((c[10] & 0xFF) << 8) | (c[11] & 0xFF));
        }

        public byte[] encode() {
            byte[] c = new byte[12];
            putWord(c, 0, srtVersion);
            putWord(c, 4, flags);
            putWord(c, 8, (receiverDelayMs << 16) | (senderDelayMs & 0xFFFF));
            return c;
        }

        public boolean has(int flag) {
            return (flags & flag) == flag;
        }
    }

    // --- SID ----------------------------------------------------------------------------------------------

    /**
     * The stream id extension's content. libsrt copies the string into 32-bit words in host (little-endian) order
     * and then swaps every word to network order, so on the wire each group of 4 characters is reversed; zero
     * padded to a multiple of 4.
     */
    public static byte[] encodeStreamId(String sid) {
        byte[] s = sid.getBytes(StandardCharsets.UTF_8);
        if (s.length == 0 || s.length > MAX_STREAM_ID) {
            throw new SrtException("stream id of " + s.length + " bytes: must be 1 to " + MAX_STREAM_ID);
        }
        byte[] c = new byte[(s.length + 3) & ~3];
        for (int i = 0; i < s.length; i++) {
            c[(i & ~3) + 3 - (i & 3)] = s[i];
        }
        return c;
    }

    public static String decodeStreamId(byte[] c) {
        if (c.length == 0 || c.length > MAX_STREAM_ID) {
            throw new SrtException("stream id of " + c.length + " bytes: must be 1 to " + MAX_STREAM_ID);
        }
        byte[] s = new byte[c.length];
        for (int i = 0; i < c.length; i++) {
            s[i] = c[(i & ~3) + 3 - (i & 3)];
        }
        int len = s.length;
        while (len > 0 && s[len - 1] == 0) {
            len--;
        }
        return new String(s, 0, len, StandardCharsets.UTF_8);
    }

    static int word(byte[] c, int at) {
        return ((c[at] & 0xFF) << 24) | ((c[at + 1] & 0xFF) << 16) | ((c[at + 2] & 0xFF) << 8) | (c[at + 3] & 0xFF);
    }

    static void putWord(byte[] c, int at, int v) {
        c[at] = (byte) (v >>> 24);
        c[at + 1] = (byte) (v >>> 16);
        c[at + 2] = (byte) (v >>> 8);
        c[at + 3] = (byte) v;
    }
}
