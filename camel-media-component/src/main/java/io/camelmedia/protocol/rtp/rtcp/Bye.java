package io.camelmedia.protocol.rtp.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BYE: Goodbye (RFC 3550 §6.6), PT 203: the sources leaving, and an optional reason.
 * <pre>
 * |V=2|P|    SC   |   PT=BYE=203  |             length            |
 * |                           SSRC/CSRC                           |
 * :                              ...                              :
 * |     length    |               reason for leaving            ... (opt)
 * </pre>
 */
public record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {
    /** SC is 5 bits. */
    public static final int MAX_SOURCES = 31;

    public Bye {
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > MAX_SOURCES) {
            throw new IllegalArgumentException("at most " + MAX_SOURCES + " sources in a BYE");
        }
        if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("BYE reason is over 255 bytes");
        }
    }

    public static Bye of(long ssrc) {
        return new Bye(List.of(ssrc), null);
    }

    public Optional<String> reasonText() {
        return Optional.ofNullable(reason);
    }

    static Bye decode(byte[] b, int offset, int length, int count, int relOffset) {
        int need = RtcpBytes.HEADER_LENGTH + 4 * count;
        if (need > length) {
            throw RtcpException.truncatedField("BYE", count + " SSRCs", need, length, relOffset, b, offset);
        }
        List<Long> ssrcs = new ArrayList<>(count);
        int p = offset + RtcpBytes.HEADER_LENGTH;
        for (int i = 0; i < count; i++, p += 4) {
            ssrcs.add(RtcpBytes.u32(b, p));
        }
        String reason = null;
        int end = offset + length;
        if (p < end) {
            int len = RtcpBytes.u8(b, p);
            if (len > end - p - 1) {
                throw RtcpException.truncatedField("BYE", "reason", len, end - p - 1, relOffset + p - offset + 1, b, p + 1);
            }
            reason = new String(b, p + 1, len, StandardCharsets.UTF_8);
        }
        return new Bye(ssrcs, reason);
    }

    @Override
    public int packetType() {
        return RtcpPacketType.BYE;
    }

    @Override
    public int encodedLength() {
        int n = RtcpBytes.HEADER_LENGTH + 4 * ssrcs.size();
        if (reason != null) {
            n += (1 + reason.getBytes(StandardCharsets.UTF_8).length + 3) & ~3;
        }
        return n;
    }

    @Override
    public int encode(byte[] dst, int offset) {
        int len = encodedLength();
        RtcpBytes.header(dst, offset, ssrcs.size(), RtcpPacketType.BYE, len);
        int p = offset + RtcpBytes.HEADER_LENGTH;
        for (long s : ssrcs) {
            RtcpBytes.put32(dst, p, s);
            p += 4;
        }
        if (reason != null) {
            byte[] t = reason.getBytes(StandardCharsets.UTF_8);
            dst[p] = (byte) t.length;
            System.arraycopy(t, 0, dst, p + 1, t.length);
            for (int i = p + 1 + t.length; i < offset + len; i++) {
                dst[i] = 0;
            }
        }
        return len;
    }
}
