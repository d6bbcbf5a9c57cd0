package io.camelmedia.protocol.srt.crypto;

/**
 * Keying material that cannot be used: malformed or unsupported KM message, wrong passphrase, no key for a packet.
 * {@link #kmState()} is the state to report in the KMRSP (and so the rejection reason, {@link SrtKmState#rejectReason()}).
 */
public class SrtCryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SrtKmState kmState;

    public SrtCryptoException(SrtKmState kmState, String message) {
        super(message, null, false, false);
        this.kmState = kmState;
    }

    public SrtKmState kmState() {
        return kmState;
    }

    /** True when the key unwrap failed its RFC 3394 integrity check: the peer's passphrase differs from ours. */
    public boolean isBadSecret() {
        return kmState == SrtKmState.BADSECRET;
    }
}
