package io.camelmedia.protocol.webrtc.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A STUN message (RFC 8489 §5), as ICE uses it (RFC 8445 §7): a 20-byte header, then TLV attributes padded to
 * 4 bytes.
 * <pre>
 * |0 0|     STUN Message Type     |         Message Length        |
 * |                         Magic Cookie                          |
 * |                     Transaction ID (96 bits)                  |
 * </pre>
 * Decoding keeps the raw bytes so MESSAGE-INTEGRITY (HMAC-SHA1, §14.5) and FINGERPRINT (CRC-32, §14.7) can be
 * checked over exactly what was received. Both use the JDK (javax.crypto, java.util.zip).
 */
public final class StunMessage {
    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** §5: the two most significant bits of every STUN message are zero; RFC 7983 demultiplexes on 0..3. */
    public static final int BINDING = 0x0001;
    public static final int CLASS_REQUEST = 0x0000;
    public static final int CLASS_SUCCESS = 0x0100;
    public static final int CLASS_ERROR = 0x0110;
    public static final int ATTR_MAPPED_ADDRESS = 0x0001;
    public static final int ATTR_USERNAME = 0x0006;
    public static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    public static final int ATTR_ERROR_CODE = 0x0009;
    public static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    public static final int ATTR_PRIORITY = 0x0024;
    public static final int ATTR_USE_CANDIDATE = 0x0025;
    public static final int ATTR_FINGERPRINT = 0x8028;
    public static final int ATTR_ICE_CONTROLLED = 0x8029;
    public static final int ATTR_ICE_CONTROLLING = 0x802A;
    /** Attributes per message: real ICE checks carry 6-8; 32 bounds the work on garbage. */
    public static final int MAX_ATTRIBUTES = 32;
    /** §14.3: a USERNAME is at most 513 bytes. */
    public static final int MAX_USERNAME = 513;
    private static final int FINGERPRINT_XOR = 0x5354554E;
    private static final int MI_LENGTH = 20;

    private final byte[] raw;
    private final int type;
    private final byte[] transactionId;
    private final List<Attribute> attributes;

    /** One attribute: its type and where its value lies in the raw message. */
    public record Attribute(int type, int offset, int length) {
    }

    private StunMessage(byte[] raw, int type, byte[] transactionId, List<Attribute> attributes) {
        this.raw = raw;
        this.type = type;
        this.transactionId = transactionId;
        this.attributes = attributes;
    }

    /** True when {@code buf[off, off+len)} has the shape of a STUN message (RFC 7983 first byte 0..3, cookie). */
    public static boolean isStun(byte[] buf, int off, int len) {
        return len >= HEADER_LENGTH && (buf[off] & 0xC0) == 0 && u32(buf, off + 4) == MAGIC_COOKIE
                && (u16(buf, off + 2) & 3) == 0;
    }

    /** Decodes a message; the bytes are copied. */
    public static StunMessage decode(byte[] buf, int off, int len) {
        if (len < HEADER_LENGTH) {
            throw new StunException("STUN: " + len + " bytes, shorter than the 20-byte header");
        }
        if ((buf[off] & 0xC0) != 0) {
            throw new StunException("STUN: the first two bits must be 0, byte 0 is 0x" + Integer.toHexString(buf[off] & 0xFF));
        }
        if (u32(buf, off + 4) != MAGIC_COOKIE) {
            throw new StunException("STUN: magic cookie 0x" + Integer.toHexString(u32(buf, off + 4)) + ", must be 0x2112a442");
        }
        int bodyLength = u16(buf, off + 2);
        if ((bodyLength & 3) != 0 || HEADER_LENGTH + bodyLength != len) {
            throw new StunException("STUN: message length " + bodyLength + " does not fit the " + len + "-byte datagram");
        }
        byte[] raw = Arrays.copyOfRange(buf, off, off + len);
        List<Attribute> attrs = new ArrayList<>();
        int pos = HEADER_LENGTH;
        while (pos < len) {
            if (attrs.size() == MAX_ATTRIBUTES) {
                throw new StunException("STUN: more than " + MAX_ATTRIBUTES + " attributes");
            }
            if (len - pos < 4) {
                throw new StunException("STUN: truncated attribute header at offset " + pos);
            }
            int at = u16(raw, pos);
            int alen = u16(raw, pos + 2);
            int padded = (alen + 3) & ~3;
            if (padded > len - pos - 4) {
                throw new StunException("STUN: attribute 0x" + Integer.toHexString(at) + " length " + alen
                        + " runs past the message at offset " + pos);
            }
            attrs.add(new Attribute(at, pos + 4, alen));
            pos += 4 + padded;
        }
        int type = u16(raw, 0);
        return new StunMessage(raw, type, Arrays.copyOfRange(raw, 8, 20), List.copyOf(attrs));
    }

    public int method() {
        return type & 0x3EEF;
    }

    public int messageClass() {
        return type & 0x0110;
    }

    public boolean isBindingRequest() {
        return method() == BINDING && messageClass() == CLASS_REQUEST;
    }

    public byte[] transactionId() {
        return transactionId.clone();
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public Optional<Attribute> attribute(int attrType) {
        for (Attribute a : attributes) {
            if (a.type == attrType) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public Optional<String> username() {
        return attribute(ATTR_USERNAME).filter(a -> a.length <= MAX_USERNAME)
                .map(a -> new String(raw, a.offset, a.length, StandardCharsets.UTF_8));
    }

    public boolean useCandidate() {
        return attribute(ATTR_USE_CANDIDATE).isPresent();
    }

    /** The ERROR-CODE's number (e.g. 401), or 0. */
    public int errorCode() {
        return attribute(ATTR_ERROR_CODE).filter(a -> a.length >= 4)
                .map(a -> (raw[a.offset + 2] & 7) * 100 + (raw[a.offset + 3] & 0xFF)).orElse(0);
    }

    /** XOR-MAPPED-ADDRESS (§14.2), or empty. */
    public Optional<InetSocketAddress> xorMappedAddress() {
        Optional<Attribute> o = attribute(ATTR_XOR_MAPPED_ADDRESS);
        if (o.isEmpty() || o.get().length < 8) {
            return Optional.empty();
        }
        Attribute a = o.get();
        int family = raw[a.offset + 1] & 0xFF;
        int port = u16(raw, a.offset + 2) ^ (MAGIC_COOKIE >>> 16);
        int n = family == 1 ? 4 : 16;
        if (a.length < 4 + n) {
            return Optional.empty();
        }
        byte[] addr = new byte[n];
        for (int i = 0; i < n; i++) {
            addr[i] = (byte) (raw[a.offset + 4 + i] ^ raw[4 + i]);   // cookie then transaction id
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(addr), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean hasFingerprint() {
        return attribute(ATTR_FINGERPRINT).isPresent();
    }

    /** §14.5 short-term credentials: HMAC-SHA1 keyed by the password, over the message up to MESSAGE-INTEGRITY. */
    public boolean verifyIntegrity(byte[] key) {
        Optional<Attribute> o = attribute(ATTR_MESSAGE_INTEGRITY);
        if (o.isEmpty() || o.get().length != MI_LENGTH) {
            return false;
        }
        int start = o.get().offset - 4;
        byte[] copy = Arrays.copyOf(raw, start);
        put16(copy, 2, start + 4 + MI_LENGTH - HEADER_LENGTH);
        byte[] expected = hmac(key, copy, start);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, o.get().offset, o.get().offset + MI_LENGTH));
    }

    /** §14.7: CRC-32 of the message up to FINGERPRINT, XOR 0x5354554e. */
    public boolean verifyFingerprint() {
        Optional<Attribute> o = attribute(ATTR_FINGERPRINT);
        if (o.isEmpty() || o.get().length != 4) {
            return false;
        }
        int start = o.get().offset - 4;
        return crc(raw, start) == u32(raw, o.get().offset);
    }

    // ---- encoding ----

    /** A binding success response (§7.3.1): XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY with {@code key}, FINGERPRINT. */
    public static byte[] bindingSuccess(byte[] transactionId, InetSocketAddress mapped, byte[] integrityKey) {
        return new Builder(BINDING | CLASS_SUCCESS, transactionId).xorMappedAddress(mapped).encode(integrityKey, true);
    }

    /** A binding error response with ERROR-CODE (§14.8); MESSAGE-INTEGRITY only when a key is given. */
    public static byte[] bindingError(byte[] transactionId, int code, String reason, byte[] integrityKeyOrNull) {
        return new Builder(BINDING | CLASS_ERROR, transactionId).errorCode(code, reason).encode(integrityKeyOrNull, true);
    }

    public static Builder builder(int type, byte[] transactionId) {
        return new Builder(type, transactionId);
    }

    /** Writes a message attribute by attribute; {@link #encode} appends MESSAGE-INTEGRITY and FINGERPRINT. */
    public static final class Builder {
        private final int type;
        private final byte[] transactionId;
        private final List<byte[]> attrs = new ArrayList<>();

        Builder(int type, byte[] transactionId) {
            if (transactionId.length != 12) {
                throw new IllegalArgumentException("a transaction id is 12 bytes, was " + transactionId.length);
            }
            this.type = type;
            this.transactionId = transactionId.clone();
        }

        public Builder attribute(int attrType, byte[] value) {
            byte[] a = new byte[4 + ((value.length + 3) & ~3)];
            put16(a, 0, attrType);
            put16(a, 2, value.length);
            System.arraycopy(value, 0, a, 4, value.length);
            attrs.add(a);
            return this;
        }

        public Builder username(String username) {
            return attribute(ATTR_USERNAME, username.getBytes(StandardCharsets.UTF_8));
        }

        public Builder priority(long priority) {
            byte[] v = new byte[4];
            put32(v, 0, (int) priority);
            return attribute(ATTR_PRIORITY, v);
        }

        public Builder useCandidate() {
            return attribute(ATTR_USE_CANDIDATE, new byte[0]);
        }

        public Builder iceControlling(long tieBreaker) {
            byte[] v = new byte[8];
            put32(v, 0, (int) (tieBreaker >>> 32));
            put32(v, 4, (int) tieBreaker);
            return attribute(ATTR_ICE_CONTROLLING, v);
        }

        public Builder xorMappedAddress(InetSocketAddress a) {
            byte[] addr = a.getAddress().getAddress();
            byte[] v = new byte[4 + addr.length];
            v[1] = (byte) (addr.length == 4 ? 1 : 2);
            put16(v, 2, a.getPort() ^ (MAGIC_COOKIE >>> 16));
            byte[] mask = new byte[16];
            put32(mask, 0, MAGIC_COOKIE);
            System.arraycopy(transactionId, 0, mask, 4, 12);
            for (int i = 0; i < addr.length; i++) {
                v[4 + i] = (byte) (addr[i] ^ mask[i]);
            }
            return attribute(ATTR_XOR_MAPPED_ADDRESS, v);
        }

        public Builder errorCode(int code, String reason) {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] v = new byte[4 + r.length];
            v[2] = (byte) (code / 100);
            v[3] = (byte) (code % 100);
            System.arraycopy(r, 0, v, 4, r.length);
            return attribute(ATTR_ERROR_CODE, v);
        }

        /** The message; MESSAGE-INTEGRITY with {@code integrityKey} when not null, then FINGERPRINT when asked. */
        public byte[] encode(byte[] integrityKey, boolean fingerprint) {
            int body = attrs.stream().mapToInt(a -> a.length).sum();
            int total = HEADER_LENGTH + body + (integrityKey != null ? 24 : 0) + (fingerprint ? 8 : 0);
            byte[] out = new byte[total];
            put16(out, 0, type);
            put32(out, 4, MAGIC_COOKIE);
            System.arraycopy(transactionId, 0, out, 8, 12);
            int pos = HEADER_LENGTH;
            for (byte[] a : attrs) {
                System.arraycopy(a, 0, out, pos, a.length);
                pos += a.length;
            }
            if (integrityKey != null) {
                put16(out, 2, pos + 24 - HEADER_LENGTH);
                byte[] mac = hmac(integrityKey, out, pos);
                put16(out, pos, ATTR_MESSAGE_INTEGRITY);
                put16(out, pos + 2, MI_LENGTH);
                System.arraycopy(mac, 0, out, pos + 4, MI_LENGTH);
                pos += 24;
            }
            if (fingerprint) {
                put16(out, 2, pos + 8 - HEADER_LENGTH);
                int crc = crc(out, pos);
                put16(out, pos, ATTR_FINGERPRINT);
                put16(out, pos + 2, 4);
                put32(out, pos + 4, crc);
                pos += 8;
            }
            put16(out, 2, pos - HEADER_LENGTH);
            return out;
        }
    }

    private static byte[] hmac(byte[] key, byte[] data, int len) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
            mac.update(data, 0, len);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JDK", e);
        }
    }

    private static int crc(byte[] data, int len) {
        CRC32 c = new CRC32();
        c.update(data, 0, len);
        return (int) c.getValue() ^ FINGERPRINT_XOR;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static int u32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
