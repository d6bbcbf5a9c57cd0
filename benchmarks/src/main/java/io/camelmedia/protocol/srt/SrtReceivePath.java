package io.camelmedia.protocol.srt;

import io.netty.buffer.ByteBuf;

/**
 * The benchmarks' handle on the package-private {@link SrtReceiveBuffer} (same package, benchmarks module only):
 * one data packet's way through the receiver as {@link SrtConnection} drives it, header parse, add, due delivery.
 */
public final class SrtReceivePath {
    private final SrtReceiveBuffer buffer;
    private long deliveredBytes;

    public SrtReceivePath(int window, long latencyUs, int initialSequence) {
        buffer = new SrtReceiveBuffer(window, latencyUs, p -> deliveredBytes += p.readableBytes());
        buffer.start(initialSequence);
    }

    /** Takes {@code packet} (a whole data packet, header first) as received at {@code nowUs}; returns any new gap. */
    public long receive(ByteBuf packet, long nowUs) {
        ByteBuf payload = packet.slice(packet.readerIndex() + SrtPacket.HEADER, packet.readableBytes() - SrtPacket.HEADER);
        long gap = buffer.add(SrtPacket.sequence(packet), SrtPacket.timestamp(packet), payload,
                SrtPacket.retransmitted(packet), nowUs);
        buffer.deliverDue(nowUs);
        return gap;
    }

    public long deliveredBytes() {
        return deliveredBytes;
    }

    public long delivered() {
        return buffer.delivered;
    }
}
