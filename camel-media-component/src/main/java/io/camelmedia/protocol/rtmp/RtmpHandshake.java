package io.camelmedia.protocol.rtmp;

import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The RTMP handshake packets (RTMP 1.0 §5.2).
 *
 * <pre>
 * C0/S0 (§5.2.2):  version (1 byte) = 3
 * C1/S1 (§5.2.3):  time (4) | zero (4) | random bytes (1528)
 * C2/S2 (§5.2.4):  time (4) | time2 (4) | random echo (1528)
 * </pre>
 *
 * <p>We answer with the simple handshake whatever the client sent. Clients that send the "complex"
 * (digest) C1 — ffmpeg, OBS, Flash — put a non-zero version in C1's zero field; our S1 carries zero there, which
 * tells them to skip verifying a server digest (ffmpeg's rtmpproto.c only checks the digest when the server's
 * S1 version byte is ≥ 3, librtmp falls back the same way; nginx-rtmp and SRS answer old clients like this).
 * S2 echoes C1 byte for byte (librtmp compares them and warns on a mismatch). C2 is read and not checked:
 * clients echo S1 or send a digest response, and nothing depends on it.
 */
public final class RtmpHandshake {
    public static final int VERSION = 3;
    /** Length of C1, C2, S1 and S2 (§5.2.3). */
    public static final int PACKET_SIZE = 1536;
    private static final int TIME_LENGTH = 4;
    private static final int ZERO_LENGTH = 4;

    private RtmpHandshake() {
    }

    /** S0 + S1 + S2 in one buffer: version 3, our time and random bytes, then the echo of {@code c1}. */
    public static ByteBuf serverResponse(ByteBufAllocator alloc, ByteBuf c1, int uptimeMillis) {
        ByteBuf out = alloc.buffer(1 + 2 * PACKET_SIZE);
        out.writeByte(VERSION);
        out.writeInt(uptimeMillis);
        out.writeInt(0);
        byte[] random = new byte[PACKET_SIZE - TIME_LENGTH - ZERO_LENGTH];
        ThreadLocalRandom.current().nextBytes(random);
        out.writeBytes(random);
        out.writeBytes(c1, c1.readerIndex(), PACKET_SIZE);
        return out;
    }

    /** A client's C0 + C1 (the simple form), for tests and tools. */
    public static ByteBuf clientHello(ByteBufAllocator alloc, int version) {
        ByteBuf out = alloc.buffer(1 + PACKET_SIZE);
        out.writeByte(version);
        out.writeInt(0);
        out.writeInt(0);
        byte[] random = new byte[PACKET_SIZE - TIME_LENGTH - ZERO_LENGTH];
        ThreadLocalRandom.current().nextBytes(random);
        out.writeBytes(random);
        return out;
    }

    /** What a wrong C0 byte probably is, for the log line. */
    static String describeVersion(int version) {
        return switch (version) {
            case 6, 8, 9 -> String.format("0x%02x (RTMPE, encrypted RTMP, is not supported)", version);
            case 'G', 'P', 'H' -> String.format("0x%02x ('%c': looks like HTTP)", version, (char) version);
            case 0x16 -> "0x16 (looks like a TLS ClientHello: use rtmp://, not rtmps://)";
            default -> String.format("0x%02x", version);
        };
    }
}
