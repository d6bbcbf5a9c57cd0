package io.camelmedia.protocol.srt;

import io.netty.buffer.ByteBuf;

/** Encrypts and decrypts data packet payloads in place with a connection's negotiated keys. */
interface PayloadCipher {
    /** Encrypts {@code length} bytes at {@code offset} for packet {@code seq}; returns the KK flags to send. */
    int encrypt(ByteBuf buf, int offset, int length, int seq);

    /** Decrypts in place with the key {@code kk} names; false when that key is not installed. */
    boolean decrypt(ByteBuf buf, int offset, int length, int seq, int kk);

    /** A key material message to send in-band now (a key refresh the sender started), or null. */
    default byte[] pendingKeyMaterial() {
        return null;
    }

    /** Installs in-band key material from the peer; returns the KMRSP to answer with. */
    default byte[] acceptKeyMaterial(byte[] km) {
        return km;
    }
}
