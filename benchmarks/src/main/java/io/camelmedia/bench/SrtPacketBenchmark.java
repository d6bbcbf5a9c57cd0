package io.camelmedia.bench;

import java.util.concurrent.TimeUnit;

import io.camelmedia.protocol.srt.SrtPacket;
import io.camelmedia.protocol.srt.SrtReceivePath;
import io.camelmedia.protocol.srt.SrtSeq;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SRT data packets, one 1316-byte live payload per operation. {@code encode}: the 16-byte header written before
 * the payload, as {@code SrtConnection.send} does; {@code decode}: every header field read back; {@code receive}: a
 * packet's way through the receive buffer, in order, each delivered at once (latency 0): slice, add, TSBPD
 * delivery, release.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SrtPacketBenchmark {
    private ByteBuf packet;
    private byte[] payload;
    private SrtReceivePath receiver;
    private int seq;
    private long now;

    @Setup(Level.Trial)
    public void setUp() {
        payload = new byte[SrtPacket.LIVE_PAYLOAD];
        for (int i = 0; i < payload.length; i += 188) {
            payload[i] = 0x47;
        }
        packet = Unpooled.directBuffer(SrtPacket.HEADER + SrtPacket.LIVE_PAYLOAD);
        SrtPacket.writeDataHeader(packet, 12345, SrtPacket.dataWord(7, SrtPacket.KK_NONE, false), 1_000_000, 0x1234_5678);
        packet.writeBytes(payload);
        receiver = new SrtReceivePath(8192, 0, SrtSeq.SEQ_MODULUS - 1000);
        seq = SrtSeq.SEQ_MODULUS - 1000;
    }

    @Benchmark
    public ByteBuf encode() {
        packet.clear();
        seq = SrtSeq.add(seq, 1);
        SrtPacket.writeDataHeader(packet, seq, SrtPacket.dataWord(seq & SrtSeq.MSG_MASK, SrtPacket.KK_NONE, false),
                seq * 1000L, 0x1234_5678);
        packet.writeBytes(payload);
        return packet;
    }

    @Benchmark
    public void decode(Blackhole bh) {
        bh.consume(SrtPacket.isControl(packet));
        bh.consume(SrtPacket.sequence(packet));
        bh.consume(SrtPacket.messageNumber(packet));
        bh.consume(SrtPacket.keyFlags(packet));
        bh.consume(SrtPacket.retransmitted(packet));
        bh.consume(SrtPacket.timestamp(packet));
        bh.consume(SrtPacket.destination(packet));
    }

    @Benchmark
    public long receive() {
        packet.setInt(0, seq);
        packet.setInt(8, (int) now);
        seq = SrtSeq.add(seq, 1);
        now += 3000;
        return receiver.receive(packet, now);
    }
}
