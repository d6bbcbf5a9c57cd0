package io.camelmedia.protocol.webrtc.dtls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The server's DTLS identity: an ECDSA P-256 key and a self-signed certificate made at start (WebRTC
 * authenticates it by the fingerprint in the SDP answer, not by a CA: RFC 8827 §6.5). 30 days of validity;
 * the server makes a new one on each start.
 */
public final class DtlsCertificate {
    private static final long VALIDITY_MS = 30L * 24 * 3600 * 1000;

    private final BcTlsCrypto crypto;
    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprint;

    private DtlsCertificate(BcTlsCrypto crypto, byte[] der, AsymmetricKeyParameter privateKey) {
        this.crypto = crypto;
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = Fingerprint.of("sha-256", der);
    }

    public static DtlsCertificate generate() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair kp = g.generateKeyPair();
            long now = System.currentTimeMillis();
            X500Name name = new X500Name("CN=camel-media");
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random),
                    new Date(now - 3600_000), new Date(now + VALIDITY_MS), name, kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            return new DtlsCertificate(new BcTlsCrypto(random), holder.getEncoded(),
                    PrivateKeyFactory.createKey(kp.getPrivate().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the DTLS certificate: " + e, e);
        }
    }

    /** The SHA-256 fingerprint, as {@code a=fingerprint:sha-256 <this>} writes it. */
    public String fingerprintSha256() {
        return fingerprint;
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    Certificate tlsCertificate() {
        try {
            return new Certificate(new TlsCertificate[] {new BcTlsCertificate(crypto, der)});
        } catch (java.io.IOException e) {
            throw new IllegalStateException("our own certificate does not parse: " + e, e);
        }
    }

    public byte[] der() {
        return der.clone();
    }
}
