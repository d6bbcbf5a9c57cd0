package io.camelmedia.app.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.camelmedia.camel.live.LiveComponent;
import io.camelmedia.camel.srt.SrtComponent;
import io.camelmedia.camel.webrtc.WhepComponent;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.hub.StreamStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;

/**
 * Per-stream figures in Prometheus ({@code /q/metrics}): every live stream of {@code live:streams} gets its meters
 * (tags {@code stream}, {@code source}) when it appears and loses them when it ends, checked once a second. The
 * values are read from the hub at scrape time, so a scrape sees what has passed up to that moment.
 */
@ApplicationScoped
public class StreamMetrics {
    static final String PREFIX = "camelmedia_stream_";
    private final MeterRegistry registry;
    private final CamelContext camel;
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
    private ScheduledExecutorService refresher;

    StreamMetrics(MeterRegistry registry, CamelContext camel) {
        this.registry = registry;
        this.camel = camel;
    }

    void start(@Observes StartupEvent e) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "camel-media-metrics");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private StreamHub live() {
        return LiveComponent.fanOut(camel, "streams");
    }

    /** Adds the meters of new streams and removes those of ended ones. */
    void refresh() {
        try {
            StreamHub hub = live();
            Map<String, StreamStats.Snapshot> now = new java.util.HashMap<>();
            for (StreamStats.Snapshot s : hub.stats()) {
                if (s.info() != null) {
                    now.put(s.path(), s);
                }
            }
            for (StreamStats.Snapshot s : now.values()) {
                meters.computeIfAbsent(s.path(), p -> register(hub, s));
            }
            meters.keySet().removeIf(path -> {
                if (now.containsKey(path)) {
                    return false;
                }
                meters.get(path).forEach(registry::remove);
                return true;
            });
        } catch (RuntimeException ex) {
            // a failed refresh is retried in a second; metrics never take the app down
        }
    }

    private List<Meter> register(StreamHub hub, StreamStats.Snapshot first) {
        String path = first.path();
        Tags tags = Tags.of("stream", path, "source", first.source() == null ? "unknown" : first.source());
        List<Meter> m = new ArrayList<>();
        m.add(counter("frames_in", "frames received", hub, path, tags, StreamStats.Snapshot::frames));
        m.add(counter("bytes_in", "payload bytes received", hub, path, tags, StreamStats.Snapshot::bytes));
        m.add(counter("video_frames_in", "video frames received", hub, path, tags, StreamStats.Snapshot::videoFrames));
        m.add(counter("audio_frames_in", "audio frames received", hub, path, tags, StreamStats.Snapshot::audioFrames));
        m.add(counter("keyframes_in", "video key frames received", hub, path, tags, StreamStats.Snapshot::keyframes));
        m.add(counter("frames_out", "frames handed to the stream's route readers", hub, path, tags, StreamStats.Snapshot::framesOut));
        m.add(counter("frames_skipped", "frames readers skipped because they fell behind", hub, path, tags,
                StreamStats.Snapshot::skippedOut));
        m.add(counter("readers_dropped", "readers dropped as too slow", hub, path, tags, StreamStats.Snapshot::droppedReaders));
        m.add(counter("restarts", "times the publisher restarted the stream", hub, path, tags, StreamStats.Snapshot::restarts));
        m.add(gauge("bitrate_bps", "payload bits per second over the last 2 s", hub, path, tags, StreamStats.Snapshot::bitrate));
        m.add(gauge("fps", "video frames per second over the last 2 s", hub, path, tags, StreamStats.Snapshot::fps));
        m.add(gauge("keyframe_interval_seconds", "media time between the last two key frames", hub, path, tags,
                s -> s.keyframeIntervalMs() / 1000.0));
        m.add(gauge("uptime_seconds", "time since the publisher started", hub, path, tags, s -> s.uptimeMillis() / 1000.0));
        m.add(gauge("route_readers", "routes reading the stream (API egress)", hub, path, tags, StreamStats.Snapshot::readers));
        m.add(Gauge.builder(PREFIX + "webrtc_readers", this, me -> whep().readers(path))
                .description("WHEP viewers of the stream").tags(tags).register(registry));
        m.add(Gauge.builder(PREFIX + "srt_readers", this, me -> camel.getComponent("srt", SrtComponent.class).readers(path))
                .description("SRT readers of the stream").tags(tags).register(registry));
        m.add(Gauge.builder(PREFIX + "webrtc_frames_out", this, me -> whep().framesOut(path))
                .description("frames handed to WHEP viewers").tags(tags).register(registry));
        return m;
    }

    private WhepComponent whep() {
        return camel.getComponent("whep", WhepComponent.class);
    }

    private FunctionCounter counter(String name, String help, StreamHub hub, String path, Tags tags,
                                    ToDoubleFunction<StreamStats.Snapshot> value) {
        return FunctionCounter.builder(PREFIX + name, hub, h -> h.stats(path).map(value::applyAsDouble).orElse(Double.NaN))
                .description(help).tags(tags).register(registry);
    }

    private Gauge gauge(String name, String help, StreamHub hub, String path, Tags tags,
                        ToDoubleFunction<StreamStats.Snapshot> value) {
        return Gauge.builder(PREFIX + name, hub, h -> h.stats(path).map(value::applyAsDouble).orElse(Double.NaN))
                .description(help).tags(tags).register(registry);
    }
}
