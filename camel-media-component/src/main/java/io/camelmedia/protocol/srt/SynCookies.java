package io.camelmedia.protocol.srt;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SYN cookies for the listener's induction (draft-sharabayko-srt §4.3.1): a MAC of the caller's address, port and
 * the current minute under a secret made at start, so the listener keeps nothing for a caller until its
 * conclusion comes back with a cookie it can recompute. A cookie is good for the minute it was made and the next.
 */
final class SynCookies {
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    SynCookies() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
        macs = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    int make(InetSocketAddress peer, long nowMillis) {
        return cookie(peer, nowMillis / 60_000);
    }

    boolean check(InetSocketAddress peer, int cookie, long nowMillis) {
        long minute = nowMillis / 60_000;
        return cookie == cookie(peer, minute) || cookie == cookie(peer, minute - 1);
    }

    private int cookie(InetSocketAddress peer, long minute) {
        byte[] addr = peer.getAddress().getAddress();
        ByteBuffer in = ByteBuffer.allocate(addr.length + 12).put(addr).putInt(peer.getPort()).putLong(minute);
        byte[] mac = macs.get().doFinal(in.array());
        return ByteBuffer.wrap(mac).getInt();
    }
}
