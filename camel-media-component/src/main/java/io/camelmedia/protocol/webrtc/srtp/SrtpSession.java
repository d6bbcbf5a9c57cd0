package io.camelmedia.protocol.webrtc.srtp;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP and SRTCP (RFC 3711, AES-GCM per RFC 7714) of one DTLS-SRTP session, through jitsi-srtp (a kept
 * library; no cipher code here). One crypto context per SSRC and direction (the rollover counter is per
 * SSRC), at most {@link #MAX_SSRCS} each: a peer cannot grow them.
 *
 * <p>Not thread-safe: a session's packets are protected and unprotected on its event loop.
 */
public final class SrtpSession implements AutoCloseable {
    /** SSRCs per direction: a WebRTC peer uses one or two per m-line (media, RTX). */
    public static final int MAX_SSRCS = 32;
    private static final Logger JITSI_LOG = new LoggerImpl(SrtpSession.class.getName());

    private final SrtpProfile profile;
    private final SrtpContextFactory inbound;
    private final SrtpContextFactory outbound;
    private final Map<Long, SrtpCryptoContext> rtpIn = new LinkedHashMap<>();
    private final Map<Long, SrtpCryptoContext> rtpOut = new LinkedHashMap<>();
    private final Map<Long, SrtcpCryptoContext> rtcpIn = new LinkedHashMap<>();
    private final Map<Long, SrtcpCryptoContext> rtcpOut = new LinkedHashMap<>();

    public SrtpSession(SrtpKeyMaterial keys) {
        this.profile = keys.profile();
        SrtpPolicy policy = policy(profile);
        // a NACK is answered by sending the same packet again (libsrtp's allow_repeat_tx, as WebRTC sets it)
        policy.setSendReplayEnabled(false);
        this.inbound = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(), policy, policy, JITSI_LOG);
        this.outbound = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(), policy, policy, JITSI_LOG);
    }

    static SrtpPolicy policy(SrtpProfile p) {
        return switch (p) {
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION,
                    20, 10, 14);
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 16, SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
        };
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Decrypts and authenticates an SRTP packet in place; returns the RTP packet's length. */
    public int unprotectRtp(byte[] buf, int off, int len) {
        if (len < 12) {
            throw new SrtpException("SRTP packet of " + len + " bytes is shorter than an RTP header");
        }
        long ssrc = u32(buf, off + 8);
        SrtpCryptoContext c = context(rtpIn, ssrc, inbound, false);
        Buffer b = new Buffer(buf, off, len);
        check(() -> c.reverseTransformPacket(b, false), "SRTP", ssrc);
        copyBack(b, buf, off);
        return b.getLength();
    }

    /** Decrypts and authenticates an SRTCP packet in place; returns the RTCP compound's length. */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        if (len < 8 + 4 + profile.tagLength()) {
            throw new SrtpException("SRTCP packet of " + len + " bytes is too short");
        }
        long ssrc = u32(buf, off + 4);
        SrtcpCryptoContext c = controlContext(rtcpIn, ssrc, inbound);
        Buffer b = new Buffer(buf, off, len);
        check(() -> c.reverseTransformPacket(b), "SRTCP", ssrc);
        copyBack(b, buf, off);
        return b.getLength();
    }

    /** An SRTP packet of the RTP packet {@code plain[off, off+len)} (a new array, with the tag). */
    public byte[] protectRtp(byte[] plain, int off, int len) {
        long ssrc = u32(plain, off + 8);
        SrtpCryptoContext c = context(rtpOut, ssrc, outbound, true);
        Buffer b = Buffer.copyOf(plain, off, len, profile.tagLength());
        check(() -> c.transformPacket(b), "SRTP", ssrc);
        return b.toArray();
    }

    /** An SRTCP packet of the RTCP compound {@code plain[off, off+len)} (a new array, index and tag added). */
    public byte[] protectRtcp(byte[] plain, int off, int len) {
        long ssrc = u32(plain, off + 4);
        SrtcpCryptoContext c = controlContext(rtcpOut, ssrc, outbound);
        Buffer b = Buffer.copyOf(plain, off, len, 4 + profile.tagLength());
        check(() -> c.transformPacket(b), "SRTCP", ssrc);
        return b.toArray();
    }

    private SrtpCryptoContext context(Map<Long, SrtpCryptoContext> m, long ssrc, SrtpContextFactory f, boolean out) {
        SrtpCryptoContext c = m.get(ssrc);
        if (c == null) {
            if (m.size() >= MAX_SSRCS) {
                throw new SrtpException("more than " + MAX_SSRCS + " SSRCs " + (out ? "sent" : "received") + " in one session");
            }
            try {
                c = f.deriveContext((int) ssrc, 0);
            } catch (GeneralSecurityException e) {
                throw new SrtpException("SRTP context for SSRC " + ssrc + ": " + e);
            }
            m.put(ssrc, c);
        }
        return c;
    }

    private SrtcpCryptoContext controlContext(Map<Long, SrtcpCryptoContext> m, long ssrc, SrtpContextFactory f) {
        SrtcpCryptoContext c = m.get(ssrc);
        if (c == null) {
            if (m.size() >= MAX_SSRCS) {
                throw new SrtpException("more than " + MAX_SSRCS + " RTCP SSRCs in one session");
            }
            try {
                c = f.deriveControlContext((int) ssrc);
            } catch (GeneralSecurityException e) {
                throw new SrtpException("SRTCP context for SSRC " + ssrc + ": " + e);
            }
            m.put(ssrc, c);
        }
        return c;
    }

    private interface Transform {
        SrtpErrorStatus run() throws GeneralSecurityException;
    }

    private static void check(Transform t, String what, long ssrc) {
        SrtpErrorStatus s;
        try {
            s = t.run();
        } catch (GeneralSecurityException e) {
            throw new SrtpException(what + " SSRC " + ssrc + ": " + e.getMessage());
        }
        if (s != SrtpErrorStatus.OK) {
            throw new SrtpException(what + " SSRC " + ssrc + ": " + s.desc);
        }
    }

    private static void copyBack(Buffer b, byte[] buf, int off) {
        if (b.getBuffer() != buf || b.getOffset() != off) {
            System.arraycopy(b.getBuffer(), b.getOffset(), buf, off, b.getLength());
        }
    }

    private static long u32(byte[] b, int i) {
        return ((b[i] & 0xFFL) << 24) | ((b[i + 1] & 0xFFL) << 16) | ((b[i + 2] & 0xFFL) << 8) | (b[i + 3] & 0xFFL);
    }

    @Override
    public void close() {
        inbound.close();
        outbound.close();
    }

    /** jitsi's buffer view over (array, offset, length); grows by reallocation. */
    static final class Buffer implements org.jitsi.utils.ByteArrayBuffer {
        private byte[] buf;
        private int off;
        private int len;

        Buffer(byte[] buf, int off, int len) {
            this.buf = buf;
            this.off = off;
            this.len = len;
        }

        static Buffer copyOf(byte[] src, int off, int len, int room) {
            byte[] b = new byte[len + room];
            System.arraycopy(src, off, b, 0, len);
            return new Buffer(b, 0, len);
        }

        byte[] toArray() {
            if (off == 0 && len == buf.length) {
                return buf;
            }
            byte[] out = new byte[len];
            System.arraycopy(buf, off, out, 0, len);
            return out;
        }

        @Override
        public byte[] getBuffer() {
            return buf;
        }

        @Override
        public int getOffset() {
            return off;
        }

        @Override
        public int getLength() {
            return len;
        }

        @Override
        public void setLength(int length) {
            this.len = length;
        }

        @Override
        public void setOffset(int offset) {
            this.off = offset;
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        @Override
        public void readRegionToBuff(int from, int n, byte[] out) {
            System.arraycopy(buf, off + from, out, 0, n);
        }

        @Override
        public void grow(int howMuch) {
            if (howMuch <= 0 || buf.length - off - len >= howMuch) {
                return;
            }
            byte[] b = new byte[len + howMuch];
            System.arraycopy(buf, off, b, 0, len);
            buf = b;
            off = 0;
        }

        @Override
        public void append(byte[] data, int n) {
            grow(n);
            System.arraycopy(data, 0, buf, off + len, n);
            len += n;
        }

        @Override
        public void shrink(int n) {
            len = Math.max(0, len - n);
        }
    }
}
