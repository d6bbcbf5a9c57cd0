package io.camelmedia.protocol.srt;

import java.time.Duration;

/**
 * The options of one side of an SRT connection, named as libsrt's socket options are.
 *
 * @param latency         TSBPD latency this side wants when receiving (SRTO_RCVLATENCY; the larger of both sides wins)
 * @param peerLatency     latency this side asks of the peer when sending (SRTO_PEERLATENCY)
 * @param passphrase      10-79 characters, or null for no encryption
 * @param keyLength       AES key bytes (16, 24, 32), or 0 for the default (16; a listener takes the caller's)
 * @param maxBandwidth    bytes/s the sender may use: -1 no limit (bursts as the input comes), 0 input rate plus
 *                        {@code overheadPercent}, more is a fixed cap (SRTO_MAXBW)
 * @param overheadPercent headroom over the input rate for retransmissions when {@code maxBandwidth} is 0 (SRTO_OHEADBW)
 * @param flowWindow      packets in flight / in the receive window (SRTO_FC)
 * @param sendBuffer      packets kept for retransmission
 * @param peerIdleTimeout silence after which the peer is taken for gone (SRTO_PEERIDLETIMEO)
 * @param connectTimeout  how long a caller tries to connect (SRTO_CONNTIMEO)
 * @param kmRefreshRate   packets sent with one key before the next takes over, 0 for libsrt's 2^24 (SRTO_KMREFRESHRATE)
 * @param kmPreAnnounce   packets before and after a switch both keys are announced, 0 for 2^12 (SRTO_KMPREANNOUNCE)
 */
public record SrtSettings(Duration latency, Duration peerLatency, String passphrase, int keyLength, long maxBandwidth,
        int overheadPercent, int flowWindow, int sendBuffer, Duration peerIdleTimeout, Duration connectTimeout,
        long kmRefreshRate, long kmPreAnnounce) {

    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(120);
    public static final int DEFAULT_FLOW_WINDOW = 8192;

    public SrtSettings {
        if (passphrase != null && passphrase.isEmpty()) {
            passphrase = null;
        }
        if (passphrase != null && (passphrase.length() < 10 || passphrase.length() > 79)) {
            throw new IllegalArgumentException("SRT passphrase must be 10 to 79 characters, got " + passphrase.length());
        }
        if (keyLength != 0 && keyLength != 16 && keyLength != 24 && keyLength != 32) {
            throw new IllegalArgumentException("SRT pbkeylen must be 16, 24 or 32, got " + keyLength);
        }
        if (latency.isNegative() || latency.toMillis() > 0xFFFF || peerLatency.isNegative() || peerLatency.toMillis() > 0xFFFF) {
            throw new IllegalArgumentException("SRT latency must be 0 to 65535 ms");
        }
        if (flowWindow < 32 || flowWindow > 65536 || sendBuffer < 32 || sendBuffer > 65536) {
            throw new IllegalArgumentException("SRT flow window and send buffer must be 32 to 65536 packets");
        }
    }

    public static SrtSettings defaults() {
        return new SrtSettings(DEFAULT_LATENCY, DEFAULT_LATENCY, null, 0, -1, 25, DEFAULT_FLOW_WINDOW, 8192,
                Duration.ofSeconds(5), Duration.ofSeconds(3), 0, 0);
    }

    public SrtSettings withLatency(Duration l) {
        return new SrtSettings(l, l, passphrase, keyLength, maxBandwidth, overheadPercent, flowWindow, sendBuffer,
                peerIdleTimeout, connectTimeout, kmRefreshRate, kmPreAnnounce);
    }

    public SrtSettings withPassphrase(String p, int keyLen) {
        return new SrtSettings(latency, peerLatency, p, keyLen, maxBandwidth, overheadPercent, flowWindow, sendBuffer,
                peerIdleTimeout, connectTimeout, kmRefreshRate, kmPreAnnounce);
    }

    public SrtSettings withMaxBandwidth(long bytesPerSecond) {
        return new SrtSettings(latency, peerLatency, passphrase, keyLength, bytesPerSecond, overheadPercent, flowWindow,
                sendBuffer, peerIdleTimeout, connectTimeout, kmRefreshRate, kmPreAnnounce);
    }

    public SrtSettings withTimeouts(Duration idle, Duration connect) {
        return new SrtSettings(latency, peerLatency, passphrase, keyLength, maxBandwidth, overheadPercent, flowWindow,
                sendBuffer, idle, connect, kmRefreshRate, kmPreAnnounce);
    }

    public SrtSettings withKeyRefresh(long refreshRate, long preAnnounce) {
        return new SrtSettings(latency, peerLatency, passphrase, keyLength, maxBandwidth, overheadPercent, flowWindow,
                sendBuffer, peerIdleTimeout, connectTimeout, refreshRate, preAnnounce);
    }

    public boolean encrypted() {
        return passphrase != null;
    }
}
