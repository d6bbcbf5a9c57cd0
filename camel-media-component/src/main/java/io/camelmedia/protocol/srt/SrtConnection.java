package io.camelmedia.protocol.srt;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established SRT connection in live mode, in either direction (draft-sharabayko-srt §4): data in goes through
 * the {@link SrtReceiveBuffer} (TSBPD, too-late drop) to the {@link Handler}; data out through
 * {@link #send(ByteBuf)} into the {@link SrtSendBuffer} (retransmission on NAK, drop of what is too late).
 * Control: full ACK every 10 ms and ACKACK for the RTT, immediate and periodic NAK, keep-alive after 1 s of
 * silence, SHUTDOWN both ways, and a peer idle timeout. Everything runs on the channel's event loop: packets
 * through {@link #receive}, time through {@link #tick}, called every 5 ms by the owner (half the ACK interval).
 */
public final class SrtConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SrtConnection.class);
    static final long ACK_INTERVAL_US = 10_000;
    static final long KEEPALIVE_US = 1_000_000;
    static final long MIN_NAK_INTERVAL_US = 20_000;
    /** Sent ACKs remembered for the RTT an ACKACK gives. */
    private static final int ACK_HISTORY = 64;
    /** Words of loss list that fit one NAK. */
    private static final int MAX_NAK_WORDS = (SrtPacket.MAX_PACKET - SrtPacket.HEADER) / 4;
    /** Packets waiting for the pacer; beyond that the oldest waiting one is dropped. */
    private static final int MAX_PACING_QUEUE = 4096;

    /** Receives what the connection delivers; called on the event loop, must not block. */
    public interface Handler {
        /** The connection is established (before any payload); a sender may start sending. */
        default void opened(SrtConnection connection) {
        }

        /** One payload, in order, at its TSBPD time; {@code payload} is valid during the call only. */
        void payload(SrtConnection connection, ByteBuf payload);

        /** The connection is over; nothing more follows ({@code connection} is null if the handshake never completed). */
        void closed(SrtConnection connection, String reason);
    }

    /** What the handshake agreed. */
    public record Params(int localSocketId, int peerSocketId, InetSocketAddress peer, int initialSequence,
            long receiveLatencyUs, long sendLatencyUs, int flowWindow, String streamId) {
    }

    private final Params params;
    private final Channel channel;
    private final SrtSettings settings;
    private final PayloadCipher cipher;
    private final long startNanos;
    private final SrtReceiveBuffer receiver;
    private final SrtSendBuffer sender;
    private final ArrayDeque<ByteBuf> pacing = new ArrayDeque<>();
    private final int[] lossWords = new int[MAX_NAK_WORDS];
    private final int[] ackNumbers = new int[ACK_HISTORY];
    private final long[] ackTimes = new long[ACK_HISTORY];
    private final Handler handler;
    private ByteBuf handshakeResponse;

    private int nextSequence;
    private int messageNumber = 1;
    private int ackNumber;
    private int lastAckSent = -1;
    private long lastAckTime;
    private long lastNakTime;
    private long lastSendTime;
    private long lastReceiveTime;
    private long rttUs = 100_000;
    private long rttVarUs = 50_000;
    private int peerAvailable;
    private long tokens;
    private long lastRefill;
    private long inputBytes;
    private long inputWindowStart;
    private long inputRate;
    private boolean closed;
    private long rateWindowStart;
    private long rateWindowPackets;
    private long rateWindowBytes;
    private int receiveRatePackets;
    private int receiveRateBytes;
    private byte[] pendingKm;
    private long kmRetryTime;

    // counters, read by stats()
    private long sent;
    private long sentBytes;
    private long retransmits;
    private long sendDropped;
    private long nakReceived;
    private long nakSent;
    private long decryptFailures;
    private long controlErrors;
    private long oddKeyReceived;
    private long oddKeySent;

    SrtConnection(Params params, Channel channel, SrtSettings settings, PayloadCipher cipher, Handler handler) {
        this.params = params;
        this.channel = channel;
        this.settings = settings;
        this.cipher = cipher;
        this.handler = handler;
        this.startNanos = System.nanoTime();
        int window = Math.min(params.flowWindow(), settings.flowWindow());
        this.receiver = new SrtReceiveBuffer(window, params.receiveLatencyUs(), this::deliver);
        this.receiver.start(params.initialSequence());
        this.nextSequence = params.initialSequence();
        this.sender = new SrtSendBuffer(settings.sendBuffer(), params.initialSequence());
        this.peerAvailable = params.flowWindow();
        long now = nowUs();
        this.lastReceiveTime = now;
        this.lastSendTime = now;
        this.lastRefill = now;
        this.inputWindowStart = now;
        this.rateWindowStart = now;
    }

    public Params params() {
        return params;
    }

    public String streamId() {
        return params.streamId();
    }

    public InetSocketAddress peer() {
        return params.peer();
    }

    /** The channel whose event loop this connection lives on: send and close from there. */
    public Channel channel() {
        return channel;
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Microseconds since this connection began: the time base of every timestamp we send. */
    long nowUs() {
        return (System.nanoTime() - startNanos) / 1000;
    }

    /** The conclusion response to repeat when the caller's conclusion comes again (ours was lost). */
    void handshakeResponse(ByteBuf response) {
        this.handshakeResponse = response;
    }

    void repeatHandshakeResponse() {
        if (handshakeResponse != null && !closed) {
            write(handshakeResponse.retainedDuplicate());
        }
    }

    // --- in ---------------------------------------------------------------------------------------------------

    /** One packet from the peer (the caller keeps ownership of {@code p}). */
    void receive(ByteBuf p) {
        if (closed) {
            return;
        }
        long now = nowUs();
        lastReceiveTime = now;
        try {
            if (SrtPacket.isControl(p)) {
                control(p, now);
            } else {
                data(p, now);
            }
        } catch (RuntimeException e) {
            controlErrors++;
            LOG.debug("SRT {}: bad packet: {}", params.peer(), e.toString());
        }
    }

    private void data(ByteBuf p, long now) {
        int seq = SrtPacket.sequence(p);
        int kk = SrtPacket.keyFlags(p);
        ByteBuf payload = p.slice(p.readerIndex() + SrtPacket.HEADER, p.readableBytes() - SrtPacket.HEADER);
        if (kk == SrtPacket.KK_ODD) {
            oddKeyReceived++;
        }
        if (kk != SrtPacket.KK_NONE) {
            if (cipher == null || !cipher.decrypt(payload, payload.readerIndex(), payload.readableBytes(), seq, kk)) {
                decryptFailures++;
                return;
            }
        } else if (cipher != null) {
            decryptFailures++;
            return;
        }
        rateWindowPackets++;
        rateWindowBytes += payload.readableBytes();
        long gap = receiver.add(seq, SrtPacket.timestamp(p), payload, SrtPacket.retransmitted(p), now);
        if (gap != 0) {
            int n = SrtReceiveBuffer.putRange(lossWords, 0, (int) (gap >>> 32), (int) gap);
            sendNak(lossWords, n, now);
        }
        receiver.deliverDue(now);
    }

    private void deliver(ByteBuf payload) {
        try {
            handler.payload(this, payload);
        } catch (RuntimeException e) {
            LOG.warn("SRT {}: handler failed on a payload: {}", params.peer(), e.toString());
        }
    }

    private void control(ByteBuf p, long now) {
        int type = SrtPacket.controlType(p);
        int cif = p.readerIndex() + SrtPacket.HEADER;
        int cifLen = p.readableBytes() - SrtPacket.HEADER;
        switch (type) {
            case SrtPacket.ACK -> onAck(p, cif, cifLen, now);
            case SrtPacket.ACKACK -> onAckAck(SrtPacket.word1(p), now);
            case SrtPacket.NAK -> onNak(p, cif, cifLen);
            case SrtPacket.KEEPALIVE, SrtPacket.CONGESTION_WARNING, SrtPacket.PEERERROR -> { }
            case SrtPacket.SHUTDOWN -> {
                receiver.flush();
                close("peer shut down", false);
            }
            case SrtPacket.DROPREQ -> {
                if (cifLen >= 8) {
                    receiver.dropUpTo(SrtSeq.add(p.getInt(cif + 4) & 0x7FFF_FFFF, 1));
                    receiver.deliverDue(now);
                }
            }
            case SrtPacket.HANDSHAKE -> repeatHandshakeResponse();
            case SrtPacket.USER_DEFINED -> onKeyMaterial(p, SrtPacket.subtype(p), cif, cifLen, now);
            default -> controlErrors++;
        }
    }

    private void onAck(ByteBuf p, int cif, int cifLen, long now) {
        if (cifLen < 4) {
            controlErrors++;
            return;
        }
        int ackSeq = p.getInt(cif) & 0x7FFF_FFFF;
        if (SrtSeq.diff(ackSeq, nextSequence) > 0) {
            controlErrors++;
            return;
        }
        sender.acknowledge(ackSeq);
        if (cifLen >= 16) {
            rttUs = Math.max(1, p.getInt(cif + 4));
            rttVarUs = Math.max(0, p.getInt(cif + 8));
            peerAvailable = Math.max(0, p.getInt(cif + 12));
            ByteBuf ackack = SrtPacket.control(channel.alloc(), SrtPacket.ACKACK, 0, SrtPacket.word1(p), now,
                    params.peerSocketId(), 4);
            ackack.writeInt(0);
            write(ackack);
        }
    }

    private void onAckAck(int number, long now) {
        for (int i = 0; i < ACK_HISTORY; i++) {
            if (ackNumbers[i] == number && ackTimes[i] != 0) {
                long sample = now - ackTimes[i];
                ackTimes[i] = 0;
                rttVarUs = (3 * rttVarUs + Math.abs(rttUs - sample)) / 4;
                rttUs = (7 * rttUs + sample) / 8;
                return;
            }
        }
    }

    private void onNak(ByteBuf p, int cif, int cifLen) {
        nakReceived++;
        int end = cif + (cifLen & ~3);
        for (int at = cif; at < end; at += 4) {
            int w = p.getInt(at);
            if (w < 0 && at + 4 < end) {
                int first = w & 0x7FFF_FFFF;
                int last = p.getInt(at + 4) & 0x7FFF_FFFF;
                at += 4;
                int count = SrtSeq.diff(last, first) + 1;
                for (int i = 0; i < count && i < settings.sendBuffer(); i++) {
                    retransmit(SrtSeq.add(first, i));
                }
            } else {
                retransmit(w & 0x7FFF_FFFF);
            }
        }
    }

    private void retransmit(int seq) {
        ByteBuf original = sender.get(seq);
        if (original == null) {
            return;
        }
        ByteBuf copy = channel.alloc().buffer(original.readableBytes());
        copy.writeBytes(original, original.readerIndex(), original.readableBytes());
        copy.setInt(4, copy.getInt(4) | (1 << 26));
        retransmits++;
        write(copy);
    }

    private void onKeyMaterial(ByteBuf p, int subtype, int cif, int cifLen, long now) {
        if (cipher == null) {
            controlErrors++;
            return;
        }
        byte[] km = new byte[cifLen];
        p.getBytes(cif, km);
        if (subtype == SrtPacket.SUBTYPE_KMREQ) {
            byte[] rsp = cipher.acceptKeyMaterial(km);
            ByteBuf out = SrtPacket.control(channel.alloc(), SrtPacket.USER_DEFINED, SrtPacket.SUBTYPE_KMRSP, 0, now,
                    params.peerSocketId(), rsp.length);
            out.writeBytes(rsp);
            write(out);
        } else if (subtype == SrtPacket.SUBTYPE_KMRSP) {
            pendingKm = null;
        }
    }

    // --- out --------------------------------------------------------------------------------------------------

    /**
     * Sends one payload (at most {@link SrtPacket#MAX_PACKET} - 16 bytes) as a new data packet; the caller keeps
     * {@code payload}. Never blocks: with a bandwidth cap the packet waits in a bounded queue for the pacer.
     */
    public void send(ByteBuf payload) {
        if (closed) {
            return;
        }
        int len = payload.readableBytes();
        if (len > SrtPacket.MAX_PACKET - SrtPacket.HEADER) {
            throw new SrtException("SRT payload of " + len + " bytes: at most " + (SrtPacket.MAX_PACKET - SrtPacket.HEADER));
        }
        long now = nowUs();
        inputBytes += len;
        ByteBuf packet = channel.alloc().buffer(SrtPacket.HEADER + len);
        int seq = nextSequence;
        nextSequence = SrtSeq.add(nextSequence, 1);
        int msg = messageNumber;
        messageNumber = SrtSeq.nextMessage(messageNumber);
        packet.writerIndex(SrtPacket.HEADER);
        packet.writeBytes(payload, payload.readerIndex(), len);
        int kk = cipher == null ? SrtPacket.KK_NONE : cipher.encrypt(packet, SrtPacket.HEADER, len, seq);
        if (kk == SrtPacket.KK_ODD) {
            oddKeySent++;
        }
        packet.writerIndex(0);
        SrtPacket.writeDataHeader(packet, seq, SrtPacket.dataWord(msg, kk, false), now, params.peerSocketId());
        packet.writerIndex(SrtPacket.HEADER + len);
        if (settings.maxBandwidth() < 0 && pacing.isEmpty()) {
            transmit(packet, now);
        } else {
            if (pacing.size() >= MAX_PACING_QUEUE) {
                pacing.poll().release();
                sendDropped++;
            }
            pacing.add(packet);
            pace(now);
        }
        if (cipher != null && pendingKm == null) {
            pendingKm = cipher.pendingKeyMaterial();
            if (pendingKm != null) {
                // at once, not at the next tick: the switch may be only a few packets away (kmpreannounce)
                sendKeyMaterial(now);
            }
        }
    }

    /** Announces {@link #pendingKm} in-band (KMREQ); repeated every 200 ms by the tick until the peer's KMRSP. */
    private void sendKeyMaterial(long now) {
        ByteBuf km = SrtPacket.control(channel.alloc(), SrtPacket.USER_DEFINED, SrtPacket.SUBTYPE_KMREQ, 0, now,
                params.peerSocketId(), pendingKm.length);
        km.writeBytes(pendingKm);
        write(km);
        kmRetryTime = now + 200_000;
    }

    private void transmit(ByteBuf packet, long now) {
        sendDropped += sender.add(packet, now);
        sent++;
        sentBytes += packet.readableBytes();
        write(packet.retainedDuplicate());
    }

    /** Releases queued packets as the bandwidth allows: a token bucket refilled at the cap, at most 5 ms of burst. */
    private void pace(long now) {
        long rate = bandwidth(now);
        long elapsed = now - lastRefill;
        lastRefill = now;
        tokens = Math.min(tokens + rate * elapsed / 1_000_000, Math.max(rate / 200, SrtPacket.MAX_PACKET * 4L));
        while (!pacing.isEmpty() && (rate <= 0 || tokens > 0)) {
            ByteBuf p = pacing.poll();
            tokens -= p.readableBytes();
            transmit(p, now);
        }
    }

    private long bandwidth(long now) {
        if (settings.maxBandwidth() > 0) {
            return settings.maxBandwidth();
        }
        if (settings.maxBandwidth() < 0) {
            return -1;
        }
        if (now - inputWindowStart >= 1_000_000) {
            inputRate = inputBytes * 1_000_000 / (now - inputWindowStart);
            inputBytes = 0;
            inputWindowStart = now;
        }
        // before the first measurement, 10 Mb/s keeps a start from trickling
        long base = inputRate == 0 ? 1_250_000 : inputRate;
        return base * (100 + settings.overheadPercent()) / 100;
    }

    // --- time -------------------------------------------------------------------------------------------------

    /** Periodic work: delivery, ACK, periodic NAK, pacing, sender drop, key refresh, keep-alive, idle timeout. */
    void tick() {
        if (closed) {
            return;
        }
        long now = nowUs();
        receiver.deliverDue(now);
        if (rateWindowStart + 1_000_000 <= now) {
            receiveRatePackets = (int) rateWindowPackets;
            receiveRateBytes = (int) rateWindowBytes;
            rateWindowPackets = 0;
            rateWindowBytes = 0;
            rateWindowStart = now;
        }
        if (now - lastAckTime >= ACK_INTERVAL_US && receiver.received > 0) {
            int ackSeq = receiver.ackSequence();
            if (ackSeq != lastAckSent || now - lastAckTime >= 10 * ACK_INTERVAL_US) {
                sendAck(ackSeq, now);
            }
        }
        // libsrt's (RTT + 4 RTTVar) / 2, but at most an eighth of the latency: a hole gets several tries before it
        // is too late even when the RTT is a good part of the latency (a lost retransmission is asked for again)
        long nakInterval = Math.max(MIN_NAK_INTERVAL_US,
                Math.min((rttUs + 4 * rttVarUs) / 2, params.receiveLatencyUs() / 8));
        if (now - lastNakTime >= nakInterval) {
            lastNakTime = now;
            int n = receiver.lossList(lossWords, MAX_NAK_WORDS);
            if (n > 0) {
                sendNak(lossWords, n, now);
            }
        }
        if (!pacing.isEmpty()) {
            pace(now);
        }
        long dropDeadline = now - (params.sendLatencyUs() + Math.max(params.sendLatencyUs() / 4, 20_000) + 2 * ACK_INTERVAL_US);
        int firstDropped = sender.first();
        int dropped = sender.dropOlderThan(dropDeadline);
        if (dropped > 0) {
            sendDropped += dropped;
            ByteBuf req = SrtPacket.control(channel.alloc(), SrtPacket.DROPREQ, 0, 0, now, params.peerSocketId(), 8);
            req.writeInt(firstDropped);
            req.writeInt(SrtSeq.add(firstDropped, dropped - 1));
            write(req);
        }
        if (pendingKm != null && now >= kmRetryTime) {
            sendKeyMaterial(now);
        }
        if (now - lastSendTime >= KEEPALIVE_US) {
            ByteBuf ka = SrtPacket.control(channel.alloc(), SrtPacket.KEEPALIVE, 0, 0, now, params.peerSocketId(), 4);
            ka.writeInt(0);
            write(ka);
        }
        if (now - lastReceiveTime >= settings.peerIdleTimeout().toNanos() / 1000) {
            close("peer idle timeout (" + settings.peerIdleTimeout().toMillis() + " ms)", false);
        }
    }

    private void sendAck(int ackSeq, long now) {
        ackNumber++;
        int slot = ackNumber % ACK_HISTORY;
        ackNumbers[slot] = ackNumber;
        ackTimes[slot] = now;
        ByteBuf ack = SrtPacket.control(channel.alloc(), SrtPacket.ACK, 0, ackNumber, now, params.peerSocketId(), 28);
        ack.writeInt(ackSeq);
        ack.writeInt((int) rttUs);
        ack.writeInt((int) rttVarUs);
        ack.writeInt(receiver.available());
        ack.writeInt(receiveRatePackets);
        ack.writeInt(receiveRatePackets);
        ack.writeInt(receiveRateBytes);
        write(ack);
        lastAckSent = ackSeq;
        lastAckTime = now;
    }

    private void sendNak(int[] words, int n, long now) {
        ByteBuf nak = SrtPacket.control(channel.alloc(), SrtPacket.NAK, 0, 0, now, params.peerSocketId(), n * 4);
        for (int i = 0; i < n; i++) {
            nak.writeInt(words[i]);
        }
        write(nak);
        nakSent++;
    }

    private void write(ByteBuf b) {
        lastSendTime = nowUs();
        channel.writeAndFlush(new DatagramPacket(b, params.peer()), channel.voidPromise());
    }

    /**
     * Ends the connection once what was sent has had time to play out at the peer (its latency, twice, plus
     * 100 ms, at most 3 s): libsrt drops what its receive buffer holds when SHUTDOWN comes, so closing at once
     * would cut the last frames off (libsrt's own SRTO_LINGER does the same on its side).
     */
    public void closeAfterDrain(String reason) {
        long ms = Math.min(3000, 2 * params.sendLatencyUs() / 1000 + 100);
        channel.eventLoop().schedule(() -> close(reason, true), ms, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Ends the connection (sending SHUTDOWN when {@code tellPeer}); the handler hears of it once. */
    public void close(String reason, boolean tellPeer) {
        if (closed) {
            return;
        }
        if (tellPeer && channel.isActive()) {
            ByteBuf sd = SrtPacket.control(channel.alloc(), SrtPacket.SHUTDOWN, 0, 0, nowUs(), params.peerSocketId(), 4);
            sd.writeInt(0);
            write(sd);
        }
        closed = true;
        receiver.release();
        sender.release();
        pacing.forEach(ByteBuf::release);
        pacing.clear();
        if (handshakeResponse != null) {
            handshakeResponse.release();
            handshakeResponse = null;
        }
        LOG.debug("SRT {} closed: {} ({})", params.peer(), reason, stats());
        try {
            handler.closed(this, reason);
        } catch (RuntimeException e) {
            LOG.warn("SRT {}: close handler failed: {}", params.peer(), e.toString());
        }
    }

    /** Counters so far. */
    public SrtConnectionStats stats() {
        return new SrtConnectionStats(receiver.received, receiver.bytes, receiver.retransmitted, receiver.lost,
                receiver.dropped, receiver.duplicates + receiver.beyondWindow, receiver.delivered, sent, sentBytes,
                retransmits, sendDropped, nakSent, nakReceived, decryptFailures, controlErrors, rttUs, peerAvailable,
                oddKeyReceived, oddKeySent);
    }
}
