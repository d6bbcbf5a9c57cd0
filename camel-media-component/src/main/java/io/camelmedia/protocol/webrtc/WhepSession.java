package io.camelmedia.protocol.webrtc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.ReaderListener;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.protocol.rtp.RetransmissionHistory;
import io.camelmedia.protocol.rtp.RtpSender;
import io.camelmedia.protocol.rtp.rtcp.FullIntraRequest;
import io.camelmedia.protocol.rtp.rtcp.GenericNack;
import io.camelmedia.protocol.rtp.rtcp.PictureLossIndication;
import io.camelmedia.protocol.rtp.rtcp.RtcpPacket;
import io.camelmedia.protocol.rtp.rtcp.SenderReport;
import io.camelmedia.protocol.rtp.rtcp.SourceDescription;
import io.camelmedia.protocol.webrtc.sdp.NegotiatedMedia;
import io.camelmedia.protocol.webrtc.sdp.Negotiation;
import io.camelmedia.protocol.webrtc.sdp.WebRtcOffer;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * A WHEP viewer: once DTLS is up it reads the stream through the hub fan-out (its own bounded queue, starting
 * at the cached GOP's key frame; a slow viewer skips or is dropped there, never slowing the publisher) and
 * sends each frame through one {@link RtpSender} per negotiated track — the same packetizers as {@code rtp:}
 * output — with its own SSRC, sequence numbers and timestamps, over SRTP.
 *
 * <p>Sent packets are kept in a bounded {@link RetransmissionHistory} per track to answer the viewer's NACKs;
 * PLI/FIR ask the publisher for a key frame through the hub; Sender Reports every second (one shared
 * {@link RtpSender.Timeline}) keep the player's audio and video in sync.
 */
public final class WhepSession extends WebRtcSession {
    /** MTU of what we send: {@link RtpSender#DEFAULT_MTU} minus the SRTP tag (16 bytes for GCM). */
    static final int RTP_MTU = RtpSender.DEFAULT_MTU - 16;
    /** Packets kept per track for retransmission: ~1 s of 2.5 Mb/s video in 1200-byte packets. */
    static final int HISTORY_PACKETS = 512;
    static final long HISTORY_BYTES = 1024L * 1024;
    static final long REPORT_INTERVAL_MS = 1000;

    private final StreamHub hub;
    private final ReaderConfig readerConfig;
    private final Map<Integer, Sender> byTrackId = new HashMap<>();
    private final Map<Long, Sender> bySsrc = new HashMap<>();
    private StreamHub.Reader reader;
    private ScheduledFuture<?> reportTask;
    private long framesSent;

    public WhepSession(WebRtcServer server, StreamHub hub, String path, WebRtcOffer offer,
                       Negotiation negotiation, String remote, ReaderConfig readerConfig) {
        super(server, path, offer, negotiation, remote);
        this.hub = hub;
        this.readerConfig = readerConfig;
        RtpSender.Timeline timeline = new RtpSender.Timeline();
        for (NegotiatedMedia m : negotiation.media()) {
            if (m.accepted()) {
                Sender s = new Sender(m.track(), m.codec().payloadType(), m.localSsrc(), timeline);
                byTrackId.put(m.track().id(), s);
                bySsrc.put(m.localSsrc(), s);
            }
        }
    }

    @Override
    protected String kind() {
        return "viewer";
    }

    public long framesSent() {
        return framesSent;
    }

    @Override
    protected void onConnected() {
        StreamHub.SubscribeResult r = hub.subscribe(path, readerConfig, new Reading(), loop);
        if (r.reader() == null) {
            close("stream " + path + " not readable: " + r.status());
            return;
        }
        reader = r.reader();
        reportTask = loop.scheduleAtFixedRate(this::report, REPORT_INTERVAL_MS, REPORT_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onRtp(byte[] buf, int len, long arrivalNanos) {
        // a viewer sends no media
    }

    @Override
    protected void onRtcp(List<RtcpPacket> packets, long arrivalNanos) {
        for (RtcpPacket p : packets) {
            if (p instanceof GenericNack nack) {
                Sender s = bySsrc.get(nack.mediaSsrc());
                if (s != null) {
                    for (int seq : nack.lostSequenceNumbers()) {
                        byte[] again = s.history.get(seq);
                        if (again != null && sendRtp(again, 0, again.length)) {
                            server.retransmitted.incrementAndGet();
                        }
                    }
                }
            } else if (p instanceof PictureLossIndication || p instanceof FullIntraRequest) {
                if (reader != null) {
                    reader.requestKeyframe();
                }
            }
        }
    }

    private void report() {
        List<RtcpPacket> out = new ArrayList<>();
        for (Sender s : byTrackId.values()) {
            SenderReport sr = s.rtp.senderReportNow();
            if (sr != null) {
                out.add(sr);
                out.add(SourceDescription.cname(s.rtp.ssrc(), s.rtp.cname()));
            }
        }
        if (!out.isEmpty()) {
            sendRtcp(out);
        }
    }

    @Override
    protected void onClosed(String reason) {
        if (reportTask != null) {
            reportTask.cancel(false);
        }
        if (reader != null) {
            reader.close();
        }
        byTrackId.values().forEach(s -> s.rtp.close());
    }

    /** What the hub delivers, on this session's loop. */
    private final class Reading implements ReaderListener {
        @Override
        public void started(StreamInfo info) {
            // the tracks were negotiated from the stream's StreamInfo at POST time
        }

        @Override
        public void frame(MediaFrame f) {
            Sender s = byTrackId.get(f.track().id());
            if (s != null && !isClosed()) {
                s.rtp.send(f);
                framesSent++;
            }
        }

        @Override
        public void ended(String reason) {
            close("stream ended: " + reason);
        }
    }

    /** One sent track: its packetizer/timing (RtpSender) over SRTP, and what it sent, for NACKs. */
    private final class Sender implements RtpSender.Transport {
        final RtpSender rtp;
        final RetransmissionHistory history = new RetransmissionHistory(HISTORY_PACKETS, HISTORY_BYTES);
        private boolean open = true;

        Sender(Track track, int payloadType, long ssrc, RtpSender.Timeline timeline) {
            this.rtp = new RtpSender(track, payloadType, RTP_MTU, timeline, ssrc, this);
        }

        @Override
        public boolean writable() {
            return isConnected();
        }

        @Override
        public void rtp(byte[] buf, int off, int len) {
            byte[] plain = java.util.Arrays.copyOfRange(buf, off, off + len);
            history.add(((plain[2] & 0xFF) << 8) | (plain[3] & 0xFF), plain);
            sendRtp(plain, 0, len);
        }

        @Override
        public void rtcp(byte[] compound) {
            // reports go out from report(), as one compound for every track
        }

        @Override
        public boolean open() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
