package io.camelmedia.protocol.srt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The SRT packet header (draft-sharabayko-srt §3): 16 bytes, then the payload (data) or the control information
 * field. Readers take a buffer whose reader index is the packet's first byte and never move it.
 *
 * <pre>
 * data:    0|sequence(31)  PP(2) O(1) KK(2) R(1) message(26)  timestamp(32)  destination socket id(32)
 * control: 1|type(15) subtype(16)  type-specific(32)           timestamp(32)  destination socket id(32)
 * </pre>
 */
public final class SrtPacket {
    public static final int HEADER = 16;
    /** UDP payload of the largest packet we accept or send (SRT's default MSS 1500 minus IPv4 + UDP). */
    public static final int MAX_PACKET = 1500 - 28;
    /** The live-mode payload: 7 MPEG-TS packets, as libsrt and every encoder send. */
    public static final int LIVE_PAYLOAD = 1316;

    /** Control types (§3.2). */
    public static final int HANDSHAKE = 0x0000;
    public static final int KEEPALIVE = 0x0001;
    public static final int ACK = 0x0002;
    public static final int NAK = 0x0003;
    public static final int CONGESTION_WARNING = 0x0004;
    public static final int SHUTDOWN = 0x0005;
    public static final int ACKACK = 0x0006;
    public static final int DROPREQ = 0x0007;
    public static final int PEERERROR = 0x0008;
    public static final int USER_DEFINED = 0x7FFF;
    /** Subtypes of {@link #USER_DEFINED}: in-band key material (§3.2.2 and §6.1.5). */
    public static final int SUBTYPE_KMREQ = 3;
    public static final int SUBTYPE_KMRSP = 4;

    /** Packet position flags: a solo packet (first and last of its message), as live mode sends. */
    public static final int PP_SOLO = 3;
    /** KK: which key encrypted the payload (0 = clear). */
    public static final int KK_NONE = 0;
    public static final int KK_EVEN = 1;
    public static final int KK_ODD = 2;

    private SrtPacket() {
    }

    public static boolean isControl(ByteBuf p) {
        return (p.getByte(p.readerIndex()) & 0x80) != 0;
    }

    public static int sequence(ByteBuf p) {
        return p.getInt(p.readerIndex()) & 0x7FFF_FFFF;
    }

    public static int controlType(ByteBuf p) {
        return (p.getUnsignedShort(p.readerIndex()) & 0x7FFF);
    }

    public static int subtype(ByteBuf p) {
        return p.getUnsignedShort(p.readerIndex() + 2);
    }

    /** The type-specific information of a control packet, or the PP/O/KK/R/message word of a data packet. */
    public static int word1(ByteBuf p) {
        return p.getInt(p.readerIndex() + 4);
    }

    public static int messageNumber(ByteBuf p) {
        return word1(p) & SrtSeq.MSG_MASK;
    }

    public static int keyFlags(ByteBuf p) {
        return (word1(p) >>> 27) & 3;
    }

    public static boolean retransmitted(ByteBuf p) {
        return (word1(p) & (1 << 26)) != 0;
    }

    /** Microseconds since the sender's connection began, wrapping at 2^32. */
    public static long timestamp(ByteBuf p) {
        return p.getUnsignedInt(p.readerIndex() + 8);
    }

    public static int destination(ByteBuf p) {
        return p.getInt(p.readerIndex() + 12);
    }

    /** Rewrites the destination socket id in place (a packet built before the peer's id was known). */
    public static void setDestination(ByteBuf p, int socketId) {
        p.setInt(p.readerIndex() + 12, socketId);
    }

    /** The data packet's second word: solo position, no in-order flag, the key and retransmission flags. */
    public static int dataWord(int messageNumber, int keyFlags, boolean retransmitted) {
        return (PP_SOLO << 30) | (keyFlags << 27) | (retransmitted ? 1 << 26 : 0) | (messageNumber & SrtSeq.MSG_MASK);
    }

    /** A control packet with {@code cifLength} bytes of control information to be written by the caller. */
    public static ByteBuf control(ByteBufAllocator alloc, int type, int subtype, int typeSpecific, long timestamp,
            int destination, int cifLength) {
        ByteBuf b = alloc.buffer(HEADER + cifLength);
        b.writeInt(0x8000_0000 | (type << 16) | subtype);
        b.writeInt(typeSpecific);
        b.writeInt((int) timestamp);
        b.writeInt(destination);
        return b;
    }

    /** The header of a data packet; the caller writes the payload after it. */
    public static void writeDataHeader(ByteBuf b, int sequence, int word1, long timestamp, int destination) {
        b.writeInt(sequence & 0x7FFF_FFFF);
        b.writeInt(word1);
        b.writeInt((int) timestamp);
        b.writeInt(destination);
    }

    public static String controlName(int type) {
        return switch (type) {
            case HANDSHAKE -> "HANDSHAKE";
            case KEEPALIVE -> "KEEPALIVE";
            case ACK -> "ACK";
            case NAK -> "NAK";
            case CONGESTION_WARNING -> "CONGESTION";
            case SHUTDOWN -> "SHUTDOWN";
            case ACKACK -> "ACKACK";
            case DROPREQ -> "DROPREQ";
            case PEERERROR -> "PEERERROR";
            case USER_DEFINED -> "USER";
            default -> "0x" + Integer.toHexString(type);
        };
    }
}
