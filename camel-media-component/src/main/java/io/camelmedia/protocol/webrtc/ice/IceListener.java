package io.camelmedia.protocol.webrtc.ice;

/** What one registration of the {@link IceServer} hears. Calls for one path come on its event loop. */
public interface IceListener {
    /** The controlling peer nominated {@code path} (USE-CANDIDATE), or the first valid check found it. */
    void selected(IcePath path);

    /**
     * A non-STUN datagram (DTLS 20..63, RTP/RTCP 128..191: RFC 7983) from a remote that passed a check. The
     * array may be reused after the call: copy what you keep.
     */
    void packet(IcePath path, byte[] data, int off, int len);

    /** The registration ended: no check within the connect timeout, or consent expired (RFC 7675). */
    void closed(String reason);
}
