package io.camelmedia.protocol.rtp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One RTP data packet (RFC 3550 §5.1): an immutable view over {@code buf[offset, offset+length)}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |  (if X, §5.3.1)
 * |                        header extension                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            payload                            |
 * |                               +-------------------------------+
 * |                               | padding ...   | padding count |  (if P)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #decode} does not copy: the packet refers to the caller's array, and the caller hands the bytes
 * over (must not change them while the packet is in use). Nothing here ever writes into that array; payload
 * accessors return copies or read-only views. {@link #encode} writes the same bytes back (padding included), so
 * {@code decode(encode(p))} equals {@code p}. The header extension is exposed (profile, data) but not
 * interpreted; padding is stripped from the payload.
 */
public final class RtpPacket {
    /** RTP version 2, the only one in use since RFC 1889. */
    public static final int VERSION = 2;
    /** Fixed header: V/P/X/CC, M/PT, sequence number, timestamp, SSRC. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** CC is 4 bits: at most 15 contributing sources. */
    public static final int MAX_CSRC_COUNT = 15;
    /**
     * Largest packet we accept or build: the largest UDP payload over IPv4 (65 535 - 20 IP - 8 UDP). Real
     * packets stay under the path MTU; this only bounds what a caller can pass in.
     */
    public static final int MAX_PACKET_LENGTH = 65_507;

    private static final String STRUCTURE = "RTP header";
    private static final int EXTENSION_HEADER_LENGTH = 4;
    private static final int V_SHIFT = 6;
    private static final int P_BIT = 0x20;
    private static final int X_BIT = 0x10;
    private static final int CC_MASK = 0x0F;
    private static final int M_BIT = 0x80;
    private static final int PT_MASK = 0x7F;

    private final byte[] buf;
    private final int offset;
    private final int length;
    private final boolean marker;
    private final int payloadType;
    private final int sequenceNumber;
    private final long timestamp;
    private final long ssrc;
    private final int csrcCount;
    private final int extensionOffset;   // absolute offset of the extension data (after profile+length), -1 if none
    private final int extensionLength;   // bytes of extension data
    private final int payloadOffset;     // absolute
    private final int payloadLength;     // without padding
    private final int paddingLength;     // including the count byte; 0 if P is clear

    private RtpPacket(byte[] buf, int offset, int length, int csrcCount, int extensionOffset, int extensionLength,
                      int payloadOffset, int payloadLength, int paddingLength) {
        this.buf = buf;
        this.offset = offset;
        this.length = length;
        this.marker = (buf[offset + 1] & M_BIT) != 0;
        this.payloadType = buf[offset + 1] & PT_MASK;
        this.sequenceNumber = u16(buf, offset + 2);
        this.timestamp = u32(buf, offset + 4);
        this.ssrc = u32(buf, offset + 8);
        this.csrcCount = csrcCount;
        this.extensionOffset = extensionOffset;
        this.extensionLength = extensionLength;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
        this.paddingLength = paddingLength;
    }

    /** Decodes the whole array as one packet. */
    public static RtpPacket decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /**
     * Decodes {@code buf[offset, offset+length)} as one RTP packet (the whole datagram). Offsets in error
     * messages are relative to {@code offset}.
     *
     * @throws RtpException if the version is not 2, or the CSRC list, the extension or the padding count
     *                      runs past the end
     */
    public static RtpPacket decode(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        if (length > MAX_PACKET_LENGTH) {
            throw RtpException.limit(STRUCTURE, "packet length", length, MAX_PACKET_LENGTH, 0);
        }
        if (length < FIXED_HEADER_LENGTH) {
            throw RtpException.truncated(STRUCTURE, "fixed header", FIXED_HEADER_LENGTH, length, 0);
        }
        int b0 = buf[offset] & 0xFF;
        int version = b0 >>> V_SHIFT;
        if (version != VERSION) {
            throw RtpException.invalid(STRUCTURE, "version", version, "must be 2", 0);
        }
        int pos = FIXED_HEADER_LENGTH;
        int csrcCount = b0 & CC_MASK;
        if (csrcCount * 4 > length - pos) {
            throw RtpException.truncated(STRUCTURE, "CSRC count " + csrcCount, csrcCount * 4L, length - pos, pos);
        }
        pos += csrcCount * 4;
        int extensionOffset = -1;
        int extensionLength = 0;
        if ((b0 & X_BIT) != 0) {
            if (EXTENSION_HEADER_LENGTH > length - pos) {
                throw RtpException.truncated(STRUCTURE, "extension header", EXTENSION_HEADER_LENGTH, length - pos, pos);
            }
            int words = u16(buf, offset + pos + 2);
            pos += EXTENSION_HEADER_LENGTH;
            if (words * 4 > length - pos) {
                throw RtpException.truncated(STRUCTURE, "extension length " + words, words * 4L, length - pos, pos);
            }
            extensionOffset = offset + pos;
            extensionLength = words * 4;
            pos += extensionLength;
        }
        int paddingLength = 0;
        if ((b0 & P_BIT) != 0) {
            paddingLength = buf[offset + length - 1] & 0xFF;
            if (paddingLength == 0 || paddingLength > length - pos) {
                throw RtpException.invalid(STRUCTURE, "padding count", paddingLength,
                        "must be 1.." + (length - pos) + ", the bytes after the header", length - 1);
            }
        }
        return new RtpPacket(buf, offset, length, csrcCount, extensionOffset, extensionLength,
                offset + pos, length - pos - paddingLength, paddingLength);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this packet's fields, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder().marker(marker).payloadType(payloadType).sequenceNumber(sequenceNumber)
                .timestamp(timestamp).ssrc(ssrc).csrcs(csrcs()).payload(payloadBytes());
        if (hasExtension()) {
            b.extension(extensionProfile(), extensionBytes());
        }
        return b.padding(paddingLength);
    }

    public boolean marker() {
        return marker;
    }

    /** 7 bits. */
    public int payloadType() {
        return payloadType;
    }

    /** 16 bits, 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** 32 bits unsigned, 0..2^32-1. */
    public long timestamp() {
        return timestamp;
    }

    /** 32 bits unsigned. */
    public long ssrc() {
        return ssrc;
    }

    public int csrcCount() {
        return csrcCount;
    }

    /** CSRC {@code i} (32 bits unsigned). */
    public long csrc(int i) {
        Objects.checkIndex(i, csrcCount);
        return u32(buf, offset + FIXED_HEADER_LENGTH + 4 * i);
    }

    public long[] csrcs() {
        long[] out = new long[csrcCount];
        for (int i = 0; i < csrcCount; i++) {
            out[i] = csrc(i);
        }
        return out;
    }

    public boolean hasExtension() {
        return extensionOffset >= 0;
    }

    /** The 16 "defined by profile" bits (0xBEDE for RFC 8285 one-byte headers), or -1 without extension. */
    public int extensionProfile() {
        return hasExtension() ? u16(buf, extensionOffset - EXTENSION_HEADER_LENGTH) : -1;
    }

    /** Bytes of extension data (the length field times 4), 0 without extension. */
    public int extensionLength() {
        return extensionLength;
    }

    /** A copy of the extension data (without its 4-byte header); empty without extension. */
    public byte[] extensionBytes() {
        return hasExtension() ? Arrays.copyOfRange(buf, extensionOffset, extensionOffset + extensionLength) : new byte[0];
    }

    /** Padding bytes stripped from the end, the count byte included; 0 if the P bit is clear. */
    public int paddingLength() {
        return paddingLength;
    }

    /** Header bytes: fixed header, CSRCs, extension. */
    public int headerLength() {
        return payloadOffset - offset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Payload byte {@code index} (0-based within the payload, padding excluded). */
    public int payloadByte(int index) {
        Objects.checkIndex(index, payloadLength);
        return buf[payloadOffset + index] & 0xFF;
    }

    /** Copies {@code len} payload bytes from {@code from} into {@code dst[dstOffset..]}. */
    public void copyPayload(int from, byte[] dst, int dstOffset, int len) {
        Objects.checkFromIndexSize(from, len, payloadLength);
        System.arraycopy(buf, payloadOffset + from, dst, dstOffset, len);
    }

    /** A fresh copy of the payload. */
    public byte[] payloadBytes() {
        return Arrays.copyOfRange(buf, payloadOffset, payloadOffset + payloadLength);
    }

    /** A read-only view of the payload (padding excluded), positioned at its first byte. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(buf, payloadOffset, payloadLength).slice().asReadOnlyBuffer();
    }

    /** Bytes {@link #encode} writes: the whole packet as decoded or built, padding included. */
    public int encodedLength() {
        return length;
    }

    /** Writes the packet into {@code dst[dstOffset..]}; returns the bytes written ({@link #encodedLength()}). */
    public int encode(byte[] dst, int dstOffset) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        System.arraycopy(buf, offset, dst, dstOffset, length);
        return length;
    }

    /** The packet's bytes in a new array. */
    public byte[] encode() {
        return Arrays.copyOfRange(buf, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && Arrays.equals(buf, offset, offset + length, p.buf, p.offset, p.offset + p.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + buf[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc=" + ssrc
                + (marker ? " M" : "") + (csrcCount > 0 ? " cc=" + csrcCount : "")
                + (hasExtension() ? " ext=" + extensionLength + "B" : "") + " payload=" + payloadLength + "B"
                + (paddingLength > 0 ? " pad=" + paddingLength : "") + "]";
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    /** Builds a packet; {@link #build()} encodes it into a new array and returns the view over it. */
    public static final class Builder {
        private static final byte[] EMPTY = new byte[0];
        private boolean marker;
        private int payloadType;
        private int sequenceNumber;
        private long timestamp;
        private long ssrc;
        private long[] csrcs = new long[0];
        private int extensionProfile = -1;
        private byte[] extension = EMPTY;
        private byte[] payload = EMPTY;
        private int payloadOffset;
        private int payloadLength;
        private int padding;

        private Builder() {
        }

        public Builder marker(boolean marker) {
            this.marker = marker;
            return this;
        }

        /** 0..127. */
        public Builder payloadType(int payloadType) {
            if (payloadType < 0 || payloadType > PT_MASK) {
                throw new IllegalArgumentException("payload type must be 0..127, was " + payloadType);
            }
            this.payloadType = payloadType;
            return this;
        }

        /** Taken modulo 2^16. */
        public Builder sequenceNumber(int sequenceNumber) {
            this.sequenceNumber = sequenceNumber & 0xFFFF;
            return this;
        }

        /** Taken modulo 2^32. */
        public Builder timestamp(long timestamp) {
            this.timestamp = timestamp & 0xFFFF_FFFFL;
            return this;
        }

        /** Taken modulo 2^32. */
        public Builder ssrc(long ssrc) {
            this.ssrc = ssrc & 0xFFFF_FFFFL;
            return this;
        }

        public Builder csrcs(long... csrcs) {
            if (csrcs.length > MAX_CSRC_COUNT) {
                throw new IllegalArgumentException("at most " + MAX_CSRC_COUNT + " CSRCs, got " + csrcs.length);
            }
            this.csrcs = csrcs.clone();
            return this;
        }

        /** A header extension; {@code data} is padded with zeros to a multiple of 4 bytes. */
        public Builder extension(int profile, byte[] data) {
            if (profile < 0 || profile > 0xFFFF) {
                throw new IllegalArgumentException("extension profile must be 16 bits, was " + profile);
            }
            this.extensionProfile = profile;
            this.extension = Arrays.copyOf(data, (data.length + 3) & ~3);
            return this;
        }

        /** The payload, copied at {@link #build()}. */
        public Builder payload(byte[] payload) {
            return payload(payload, 0, payload.length);
        }

        public Builder payload(byte[] payload, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, payload.length);
            this.payload = payload;
            this.payloadOffset = offset;
            this.payloadLength = length;
            return this;
        }

        /** Padding bytes to append, the count byte included: 0 (none) or 1..255. */
        public Builder padding(int padding) {
            if (padding < 0 || padding > 0xFF) {
                throw new IllegalArgumentException("padding must be 0..255, was " + padding);
            }
            this.padding = padding;
            return this;
        }

        public int encodedLength() {
            return FIXED_HEADER_LENGTH + 4 * csrcs.length
                    + (extensionProfile >= 0 ? EXTENSION_HEADER_LENGTH + extension.length : 0)
                    + payloadLength + padding;
        }

        public RtpPacket build() {
            int len = encodedLength();
            if (len > MAX_PACKET_LENGTH) {
                throw new IllegalArgumentException("packet of " + len + " bytes exceeds " + MAX_PACKET_LENGTH);
            }
            byte[] out = new byte[len];
            encodeTo(out, 0);
            return decode(out, 0, len);
        }

        /** Writes the packet into {@code dst[dstOffset..]}; returns the bytes written. */
        public int encodeTo(byte[] dst, int dstOffset) {
            int len = encodedLength();
            Objects.checkFromIndexSize(dstOffset, len, dst.length);
            int p = dstOffset;
            dst[p] = (byte) ((VERSION << V_SHIFT) | (padding > 0 ? P_BIT : 0) | (extensionProfile >= 0 ? X_BIT : 0)
                    | csrcs.length);
            dst[p + 1] = (byte) ((marker ? M_BIT : 0) | payloadType);
            put16(dst, p + 2, sequenceNumber);
            put32(dst, p + 4, timestamp);
            put32(dst, p + 8, ssrc);
            p += FIXED_HEADER_LENGTH;
            for (long c : csrcs) {
                put32(dst, p, c);
                p += 4;
            }
            if (extensionProfile >= 0) {
                put16(dst, p, extensionProfile);
                put16(dst, p + 2, extension.length / 4);
                System.arraycopy(extension, 0, dst, p + 4, extension.length);
                p += EXTENSION_HEADER_LENGTH + extension.length;
            }
            System.arraycopy(payload, payloadOffset, dst, p, payloadLength);
            p += payloadLength;
            if (padding > 0) {
                Arrays.fill(dst, p, p + padding - 1, (byte) 0);
                dst[p + padding - 1] = (byte) padding;
            }
            return len;
        }
    }
}
