package io.camelmedia.protocol.webrtc.srtp;

/**
 * The SRTP master keys and salts of both directions, from the DTLS exporter (RFC 5764 §4.2): "local" protects
 * what we send, "remote" what the peer sends.
 */
public record SrtpKeyMaterial(SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey,
                              byte[] remoteSalt) {
    /**
     * Splits the exporter output {@code client_write_key | server_write_key | client_write_salt | server_write_salt}.
     *
     * @param weAreClient true when we were the DTLS client
     */
    public static SrtpKeyMaterial fromExporter(SrtpProfile profile, byte[] material, boolean weAreClient) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != 2 * (k + s)) {
            throw new IllegalArgumentException("DTLS-SRTP keying material is " + material.length + " bytes, "
                    + profile + " needs " + 2 * (k + s));
        }
        byte[] ck = slice(material, 0, k);
        byte[] sk = slice(material, k, k);
        byte[] cs = slice(material, 2 * k, s);
        byte[] ss = slice(material, 2 * k + s, s);
        return weAreClient ? new SrtpKeyMaterial(profile, ck, cs, sk, ss) : new SrtpKeyMaterial(profile, sk, ss, ck, cs);
    }

    private static byte[] slice(byte[] b, int from, int n) {
        byte[] out = new byte[n];
        System.arraycopy(b, from, out, 0, n);
        return out;
    }
}
