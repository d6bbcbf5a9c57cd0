package io.camelmedia.protocol.srt;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

import io.camelmedia.protocol.srt.crypto.SrtCryptoException;
import io.camelmedia.protocol.srt.crypto.SrtCryptoReceiver;
import io.camelmedia.protocol.srt.crypto.SrtCryptoSender;
import io.camelmedia.protocol.srt.crypto.SrtKeyFlag;
import io.netty.buffer.ByteBuf;

/**
 * The key material part of the handshake (draft-sharabayko-srt §3.2.1.4, §6): the caller makes the keys and sends
 * them wrapped in KMREQ; the listener unwraps them with its passphrase, echoes them in KMRSP and sends with a clone
 * of them (libsrt's {@code HaiCrypt_Clone}). Each side then refreshes its own sending keys, announcing them in-band.
 * libsrt enforces encryption by default, so a passphrase on one side only is a rejection, as is a wrong one.
 */
final class SrtKeyExchange {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SrtKeyExchange() {
    }

    /** A listener's answer to a caller's KMREQ (or its absence). */
    record ListenerResult(PayloadCipher cipher, byte[] response, SrtRejectReason reject) {
    }

    /** The caller's side: the KMREQ to send and the cipher to use once the listener accepts it. */
    record CallerKeys(byte[] request, PayloadCipher cipher) {
    }

    static ListenerResult listener(SrtSettings settings, byte[] kmreq) {
        if (!settings.encrypted()) {
            return kmreq == null ? new ListenerResult(null, null, null) : new ListenerResult(null, null, SrtRejectReason.UNSECURE);
        }
        if (kmreq == null) {
            return new ListenerResult(null, null, SrtRejectReason.UNSECURE);
        }
        SrtCryptoReceiver rx = new SrtCryptoReceiver(settings.passphrase());
        try {
            rx.accept(kmreq);
        } catch (SrtCryptoException e) {
            return new ListenerResult(null, null, e.isBadSecret() ? SrtRejectReason.BADSECRET : SrtRejectReason.UNSECURE);
        }
        SrtCryptoSender tx = SrtCryptoSender.cloneOf(rx, settings.kmRefreshRate(), settings.kmPreAnnounce(), RANDOM);
        return new ListenerResult(new Keys(tx, rx), kmreq, null);
    }

    static CallerKeys caller(SrtSettings settings) {
        if (!settings.encrypted()) {
            return new CallerKeys(null, null);
        }
        SrtCryptoSender tx = SrtCryptoSender.generate(settings.passphrase(), settings.keyLength(), settings.kmRefreshRate(),
                settings.kmPreAnnounce(), RANDOM);
        SrtCryptoReceiver rx = new SrtCryptoReceiver(settings.passphrase());
        byte[] km = tx.keyMaterial();
        rx.accept(km);
        return new CallerKeys(km, new Keys(tx, rx));
    }

    /** Our sending keys and the peer's, apart: each side refreshes its own. */
    private record Keys(SrtCryptoSender tx, SrtCryptoReceiver rx) implements PayloadCipher {
        @Override
        public int encrypt(ByteBuf buf, int offset, int length, int seq) {
            return tx.encrypt(seq, nio(buf, offset, length)).bits();
        }

        @Override
        public boolean decrypt(ByteBuf buf, int offset, int length, int seq, int kk) {
            return rx.decrypt(SrtKeyFlag.fromBits(kk), seq, nio(buf, offset, length));
        }

        @Override
        public byte[] pendingKeyMaterial() {
            return tx.pollKeyMaterialUpdate();
        }

        @Override
        public byte[] acceptKeyMaterial(byte[] km) {
            try {
                rx.accept(km);
                return km;
            } catch (SrtCryptoException e) {
                return new byte[] {0, 0, 0, (byte) e.kmState().code()};
            }
        }

        private static ByteBuffer nio(ByteBuf buf, int offset, int length) {
            if (buf.nioBufferCount() != 1) {
                throw new SrtException("SRT payload in a composite buffer cannot be ciphered in place");
            }
            return buf.nioBuffer(offset, length);
        }
    }
}
