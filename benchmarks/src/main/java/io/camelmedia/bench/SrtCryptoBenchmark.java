package io.camelmedia.bench;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.camelmedia.protocol.srt.crypto.SrtCryptoSender;
import io.camelmedia.protocol.srt.crypto.SrtKeyFlag;
import io.camelmedia.protocol.srt.crypto.SrtPayloadCipher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SRT payload encryption, one 1316-byte payload (7 TS packets, what ffmpeg and OBS send) per operation, AES-128 and
 * AES-256 CTR. {@code cipherInPlace}: {@link SrtPayloadCipher} on a heap array; {@code cipherDirect}: on a direct
 * buffer; {@code senderEncrypt}: {@link SrtCryptoSender#encrypt} (adds the refresh bookkeeping); {@code jdkBaseline}:
 * bare {@code Cipher.init + doFinal} into a separate array, the floor the others compare with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SrtCryptoBenchmark {
    static final int PAYLOAD = 1316;

    @Param({"16", "32"})
    int keyLength;

    private byte[] payload;
    private ByteBuffer direct;
    private byte[] out;
    private SrtPayloadCipher cipher;
    private SrtCryptoSender sender;
    private Cipher jdk;
    private SecretKeySpec jdkKey;
    private final byte[] iv = new byte[16];
    private int seq;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Random rnd = new Random(1);
        payload = new byte[PAYLOAD];
        rnd.nextBytes(payload);
        direct = ByteBuffer.allocateDirect(PAYLOAD).put(payload).flip();
        out = new byte[PAYLOAD];
        byte[] sek = new byte[keyLength];
        byte[] salt = new byte[16];
        rnd.nextBytes(sek);
        rnd.nextBytes(salt);
        cipher = new SrtPayloadCipher(sek, salt);
        sender = SrtCryptoSender.generate("benchmark-passphrase", keyLength, 0, 0, new SecureRandom());
        jdk = Cipher.getInstance("AES/CTR/NoPadding");
        jdkKey = new SecretKeySpec(sek, "AES");
    }

    @Benchmark
    public byte[] cipherInPlace() {
        cipher.transform(seq++ & 0x7FFFFFFF, payload, 0, PAYLOAD);
        return payload;
    }

    @Benchmark
    public ByteBuffer cipherDirect() {
        cipher.transform(seq++ & 0x7FFFFFFF, direct);
        return direct;
    }

    @Benchmark
    public SrtKeyFlag senderEncrypt() {
        return sender.encrypt(seq++ & 0x7FFFFFFF, payload, 0, PAYLOAD);
    }

    @Benchmark
    public byte[] jdkBaseline() throws Exception {
        iv[13] = (byte) seq++;
        jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new IvParameterSpec(iv));
        jdk.doFinal(payload, 0, PAYLOAD, out, 0);
        return out;
    }
}
