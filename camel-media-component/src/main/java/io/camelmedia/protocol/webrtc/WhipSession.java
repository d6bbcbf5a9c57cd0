package io.camelmedia.protocol.webrtc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.rtp.NackGenerator;
import io.camelmedia.protocol.rtp.RtpInput;
import io.camelmedia.protocol.rtp.RtpInputConfig;
import io.camelmedia.protocol.rtp.RtpStreamAssembler;
import io.camelmedia.protocol.rtp.rtcp.GenericNack;
import io.camelmedia.protocol.rtp.rtcp.PictureLossIndication;
import io.camelmedia.protocol.rtp.rtcp.ReceiverReport;
import io.camelmedia.protocol.rtp.rtcp.ReportBlock;
import io.camelmedia.protocol.rtp.rtcp.RtcpPacket;
import io.camelmedia.protocol.rtp.rtcp.SenderReport;
import io.camelmedia.protocol.webrtc.sdp.NegotiatedMedia;
import io.camelmedia.protocol.webrtc.sdp.Negotiation;
import io.camelmedia.protocol.webrtc.sdp.WebRtcOffer;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * A WHIP publisher: the RTP it sends (one SSRC per accepted m-line, demultiplexed by payload type as BUNDLE
 * allows) goes through the RTP core exactly as {@code rtp:} input does — an unbound {@link RtpInput} per track
 * (reorder, depacketize) joined into ONE stream by an {@link RtpStreamAssembler} (one timeline from the Sender
 * Reports) — and out to a {@link MediaListener}.
 *
 * <p>Repair: a {@link NackGenerator} per source asks for lost packets every {@link #FEEDBACK_INTERVAL_MS}; when a
 * hole cannot be repaired, or a reader asks ({@link #requestKeyframe}), or no video key frame has come yet, a PLI
 * goes upstream. Receiver Reports every second tell the sender's congestion control what arrived.
 */
public final class WhipSession extends WebRtcSession {
    /** NACK pacing: 20 ms keeps repair within a frame interval at 30-50 fps. */
    static final long FEEDBACK_INTERVAL_MS = 20;
    /** Receiver Reports once a second (RFC 3550 allows more often for small sessions; browsers send ~1 s). */
    static final long REPORT_INTERVAL_MS = 1000;
    /** Ask for a key frame at most this often: each is an expensive intra frame for the publisher. */
    static final long PLI_MIN_INTERVAL_MS = 500;
    /** RTT assumed for NACK spacing before a report tells better (loopback to continental links). */
    static final long DEFAULT_RTT_MS = 50;
    /** Sources per session: one per m-line, plus SSRC changes; more is not a WebRTC publisher. */
    static final int MAX_SOURCES = 16;
    /** Without RTP for this long the stream ends even when ICE consent still holds. */
    static final Duration INACTIVITY = Duration.ofSeconds(10);

    private final RtpStreamAssembler assembler;
    private final Map<Integer, RtpInput> inputsByPt = new HashMap<>();
    private final Map<Integer, MediaType> kindByPt = new HashMap<>();
    private final Map<Long, Source> sources = new HashMap<>();
    private final long localSsrc = (long) (Math.random() * 0xFFFF_FFF0L) + 1;
    private ScheduledFuture<?> feedbackTask;
    private long lastReportMs;
    private long lastPliMs;
    private volatile boolean keyframeWanted = true;
    private boolean videoExpected;
    private long rtpPackets;
    private long unknownPayloadType;

    public WhipSession(WebRtcServer server, String path, WebRtcOffer offer, Negotiation negotiation, String remote,
                       MediaListener sink) {
        super(server, path, offer, negotiation, remote);
        this.assembler = new RtpStreamAssembler(path, loop, RtpInput::unbound, new KeyframeWatch(sink), INACTIVITY)
                .protocol("webrtc");
        try {
            for (NegotiatedMedia m : negotiation.media()) {
                if (!m.accepted()) {
                    continue;
                }
                RtpInputConfig c = new RtpInputConfig("webrtc", 0, true, m.codec().rtpMap(), m.codec().fmtpOrNull(),
                        RtpInputConfig.DEFAULT_REORDER_LATENCY_MILLIS, RtpInputConfig.DEFAULT_MAX_FRAME_SIZE);
                RtpInput in = assembler.addInput(c);
                inputsByPt.put(m.codec().payloadType(), in);
                kindByPt.put(m.codec().payloadType(), m.offered().kind());
                videoExpected |= m.offered().kind() == MediaType.VIDEO;
            }
        } catch (RuntimeException e) {
            assembler.close();
            throw e;
        }
    }

    @Override
    protected String kind() {
        return "publisher";
    }

    /** Asks the publisher for a key frame (a viewer joined, or one needs to recover). Any thread. */
    public void requestKeyframe() {
        keyframeWanted = true;
    }

    public long rtpPackets() {
        return rtpPackets;
    }

    /** Packets whose payload type no accepted m-line has (RTX, FEC the answer did not take). */
    public long unknownPayloadType() {
        return unknownPayloadType;
    }

    @Override
    protected void onConnected() {
        feedbackTask = loop.scheduleAtFixedRate(this::feedback, FEEDBACK_INTERVAL_MS, FEEDBACK_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onRtp(byte[] buf, int len, long arrivalNanos) {
        if (len < 12) {
            return;
        }
        int pt = buf[1] & 0x7F;
        RtpInput in = inputsByPt.get(pt);
        if (in == null) {
            unknownPayloadType++;
            return;
        }
        rtpPackets++;
        long ssrc = ((buf[8] & 0xFFL) << 24) | ((buf[9] & 0xFFL) << 16) | ((buf[10] & 0xFFL) << 8) | (buf[11] & 0xFFL);
        Source s = sources.get(ssrc);
        if (s == null) {
            if (sources.size() >= MAX_SOURCES) {
                return;
            }
            s = new Source(ssrc, in, kindByPt.get(pt));
            sources.put(ssrc, s);
        }
        int seq = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
        s.received(seq, TimeUnit.NANOSECONDS.toMillis(arrivalNanos));
        in.receiveRtp(buf, arrivalNanos);
    }

    @Override
    protected void onRtcp(List<RtcpPacket> packets, long arrivalNanos) {
        for (RtcpPacket p : packets) {
            if (p instanceof SenderReport sr) {
                Source s = sources.get(sr.ssrc());
                if (s != null) {
                    s.lastSrNtpMiddle = (sr.ntpTimestamp() >>> 16) & 0xFFFF_FFFFL;
                    s.lastSrArrivalNanos = arrivalNanos;
                    s.input.receiveSenderReport(sr, arrivalNanos);
                }
            }
        }
    }

    private void feedback() {
        long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        List<RtcpPacket> out = new ArrayList<>();
        boolean pli = keyframeWanted && videoExpected;
        for (Source s : sources.values()) {
            List<Integer> due = s.nack.due(now, DEFAULT_RTT_MS);
            if (!due.isEmpty()) {
                out.add(new GenericNack(localSsrc, s.ssrc, due));
                server.nacksSent.incrementAndGet();
            }
            pli |= s.nack.takeKeyframeNeeded() && s.kind == MediaType.VIDEO;
        }
        boolean report = now - lastReportMs >= REPORT_INTERVAL_MS;
        if (report && !sources.isEmpty()) {
            lastReportMs = now;
            List<ReportBlock> blocks = new ArrayList<>();
            for (Source s : sources.values()) {
                blocks.add(s.reportBlock());
            }
            out.add(0, new ReceiverReport(localSsrc, blocks));
        }
        if (pli && now - lastPliMs >= PLI_MIN_INTERVAL_MS) {
            for (Source s : sources.values()) {
                if (s.kind == MediaType.VIDEO) {
                    out.add(new PictureLossIndication(localSsrc, s.ssrc));
                    lastPliMs = now;
                }
            }
        }
        if (!out.isEmpty()) {
            sendRtcp(out);
        }
    }

    @Override
    protected void onClosed(String reason) {
        if (feedbackTask != null) {
            feedbackTask.cancel(false);
        }
        assembler.close();
    }

    /** Clears the key frame wish once a video key frame has reached the stream. */
    private final class KeyframeWatch implements MediaListener {
        private final MediaListener sink;

        KeyframeWatch(MediaListener sink) {
            this.sink = sink;
        }

        @Override
        public void started(StreamInfo info) {
            sink.started(info);
        }

        @Override
        public void frame(String p, MediaFrame frame) {
            if (frame.keyframe() && frame.track().mediaType() == MediaType.VIDEO) {
                keyframeWanted = false;
            }
            sink.frame(p, frame);
        }

        @Override
        public void ended(String p, String reason) {
            sink.ended(p, reason);
        }
    }

    /** One incoming SSRC: its loss repair and reception report. */
    private static final class Source {
        final long ssrc;
        final RtpInput input;
        final MediaType kind;
        final NackGenerator nack = new NackGenerator(512, 10);
        private boolean seen;
        private int baseSeq;
        private long cycles;
        private int maxSeq;
        private long received;
        private long expectedPrior;
        private long receivedPrior;
        long lastSrNtpMiddle;
        long lastSrArrivalNanos;

        Source(long ssrc, RtpInput input, MediaType kind) {
            this.ssrc = ssrc;
            this.input = input;
            this.kind = kind;
        }

        void received(int seq, long nowMs) {
            nack.received(seq, nowMs);
            received++;
            if (!seen) {
                seen = true;
                baseSeq = seq;
                maxSeq = seq;
                return;
            }
            int delta = (seq - maxSeq) & 0xFFFF;
            if (delta != 0 && delta < 0x8000) {
                if (seq < maxSeq) {
                    cycles += 1 << 16;
                }
                maxSeq = seq;
            }
        }

        /** RFC 3550 §6.4.1 / A.3 counters (jitter left at 0: nothing here estimates it). */
        ReportBlock reportBlock() {
            long extMax = cycles + maxSeq;
            long expected = extMax - baseSeq + 1;
            long lost = Math.max(0, expected - received);
            long expectedInterval = expected - expectedPrior;
            long receivedInterval = received - receivedPrior;
            expectedPrior = expected;
            receivedPrior = received;
            long lostInterval = expectedInterval - receivedInterval;
            int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
            long dlsr = lastSrArrivalNanos == 0 ? 0
                    : (TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - lastSrArrivalNanos) * 65536 / 1_000_000);
            return new ReportBlock(ssrc, Math.min(fraction, 255), (int) Math.min(lost, 0x7FFFFF), extMax & 0xFFFF_FFFFL, 0,
                    lastSrNtpMiddle, dlsr & 0xFFFF_FFFFL);
        }
    }
}
