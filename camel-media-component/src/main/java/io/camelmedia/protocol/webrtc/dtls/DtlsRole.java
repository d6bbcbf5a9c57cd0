package io.camelmedia.protocol.webrtc.dtls;

/** Which side of the DTLS handshake we take (RFC 8842 §5: from the answer's a=setup, active = client). */
public enum DtlsRole {
    CLIENT,
    SERVER
}
