package io.camelmedia.app.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.camelmedia.camel.MediaAuth;
import io.camelmedia.camel.media.MediaEndpoint;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.camel.rtmp.RtmpComponent;
import io.camelmedia.process.record.LiveRecordCounters;
import io.camelmedia.camel.webrtc.WebRtcServers;
import io.camelmedia.protocol.rtmp.RtmpRejectReason;
import io.camelmedia.protocol.rtmp.RtmpServerStats;
import io.camelmedia.protocol.webrtc.WebRtcServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;

/**
 * Per-server figures in Prometheus: RTMP connections, bytes, publishes and rejections by reason (summed over the
 * RTMP servers running), refused auth attempts by protocol and action, live recordings' finished files and dropped parts (over the media: endpoints), WebRTC sessions, SRTP errors, retransmissions, NACKs and ICE request counts.
 */
@ApplicationScoped
public class ServerMetrics {
    private final MeterRegistry registry;
    private final CamelContext camel;

    ServerMetrics(MeterRegistry registry, CamelContext camel) {
        this.registry = registry;
        this.camel = camel;
    }

    void start(@Observes StartupEvent e) {
        rtmpCounter("camelmedia_rtmp_connections", "RTMP connections accepted", RtmpServerStats::connections);
        Gauge.builder("camelmedia_rtmp_connections_active", this, m -> rtmp(RtmpServerStats::activeConnections))
                .description("RTMP connections open").register(registry);
        rtmpCounter("camelmedia_rtmp_bytes_in", "bytes read from RTMP connections", RtmpServerStats::bytesIn);
        rtmpCounter("camelmedia_rtmp_messages_in", "RTMP messages read", RtmpServerStats::messagesIn);
        rtmpCounter("camelmedia_rtmp_publishes", "RTMP publishes accepted", RtmpServerStats::publishes);
        for (RtmpRejectReason r : RtmpRejectReason.values()) {
            FunctionCounter.builder("camelmedia_rtmp_rejected", this, m -> rtmp(s -> s.rejected(r)))
                    .description("RTMP connections rejected, by reason").tag("reason", r.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
        FunctionCounter.builder("camelmedia_record_finished_files", this, m -> record(LiveRecordCounters::finishedFiles))
                .description("files finished by live recordings (media:record?live=true)").register(registry);
        FunctionCounter.builder("camelmedia_record_dropped_parts", this, m -> record(LiveRecordCounters::droppedParts))
                .description("recording parts dropped because the disk did not keep up").register(registry);
        FunctionCounter.builder("camelmedia_transcode_dropped_frames", this, m -> media(MediaEndpoint::transcodeDroppedFrames))
                .description("audio frames media:transcode dropped because it fell behind real time").register(registry);
        // refused attempts by protocol and action (what asks, see each endpoint's AuthRequest)
        for (String protocol : List.of("rtmp", "srt", "whip", "whep", "hls", "playback", "api")) {
            for (AuthAction action : AuthAction.values()) {
                FunctionCounter.builder("camelmedia_auth_failures", this, m -> MediaAuth.of(camel).failures().count(protocol, action))
                        .description("requests the authenticator refused").tag("protocol", protocol).tag("action", action.label())
                        .register(registry);
            }
        }
        Gauge.builder("camelmedia_webrtc_sessions", this, m -> webrtc(s -> s.sessions().size()))
                .description("WebRTC sessions (WHIP publishers and WHEP viewers)").register(registry);
        webrtcCounter("camelmedia_webrtc_srtp_errors", "SRTP/SRTCP packets that failed to decrypt or authenticate", WebRtcServer::srtpErrors);
        webrtcCounter("camelmedia_webrtc_retransmitted", "RTP packets resent for NACKs", WebRtcServer::retransmitted);
        webrtcCounter("camelmedia_webrtc_nacks_sent", "NACKs sent to publishers", WebRtcServer::nacksSent);
        webrtcCounter("camelmedia_webrtc_stun_requests", "STUN binding requests", s -> s.ice().stats().stunRequests());
        webrtcCounter("camelmedia_webrtc_stun_rejected", "STUN requests refused (malformed, bad integrity, unknown user)",
                s -> s.ice().stats().stunMalformed() + s.ice().stats().stunBadIntegrity() + s.ice().stats().stunUnknownUser());
        webrtcCounter("camelmedia_webrtc_dropped_sends", "UDP sends dropped (socket full)", s -> s.ice().stats().droppedSends());
    }

    private double record(ToDoubleFunction<LiveRecordCounters> f) {
        return media(e -> f.applyAsDouble(e.liveRecordCounters()));
    }

    /** Summed over the context's media: endpoints. */
    private double media(ToDoubleFunction<MediaEndpoint> f) {
        return camel.getEndpoints().stream().filter(e -> e instanceof MediaEndpoint).mapToDouble(e -> f.applyAsDouble((MediaEndpoint) e)).sum();
    }

    private double rtmp(ToDoubleFunction<RtmpServerStats> f) {
        return camel.getComponent("rtmp", RtmpComponent.class).serverStats().stream().mapToDouble(f).sum();
    }

    private double webrtc(ToDoubleFunction<WebRtcServer> f) {
        return WebRtcServers.running(camel).map(f::applyAsDouble).orElse(0.0);
    }

    private void rtmpCounter(String name, String help, ToDoubleFunction<RtmpServerStats> f) {
        FunctionCounter.builder(name, this, m -> rtmp(f)).description(help).register(registry);
    }

    private void webrtcCounter(String name, String help, ToDoubleFunction<WebRtcServer> f) {
        FunctionCounter.builder(name, this, m -> webrtc(f)).description(help).register(registry);
    }
}
