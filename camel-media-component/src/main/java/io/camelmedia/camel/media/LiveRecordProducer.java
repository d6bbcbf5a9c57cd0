package io.camelmedia.camel.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.process.record.LiveRecordConfig;
import io.camelmedia.process.record.LiveRecordCounters;
import io.camelmedia.process.record.LiveRecorder;
import io.camelmedia.process.record.RecordedFile;
import io.camelmedia.process.record.RecordingFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.StartupListener;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code media:record?live=true}: one {@link LiveRecorder} per stream (bounded by maxStreams), its disk work on one of
 * {@code writerThreads} single-thread lanes chosen by the stream path (a stream's writes stay in order). At start,
 * unfinished {@code .part} files (of every format) under the directory are recovered. Each finished (or recovered) file is sent to
 * {@code output} as an exchange with the {@code java.io.File}; retention runs after each. Every exchange of the stream
 * stops here.
 */
final class LiveRecordProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRecordProducer.class);
    /** How long a stopping route waits for queued parts to reach the disk, per stream. */
    private static final long STOP_FLUSH_MS = 10_000;

    private final MediaEndpoint endpoint;
    private final LiveRecordConfig config;
    private final LiveRecordCounters counters;
    private final Map<String, LiveRecorder> streams;
    private final List<ExecutorService> lanes = new ArrayList<>();
    private Producer output;

    LiveRecordProducer(MediaEndpoint endpoint, LiveRecordConfig config, LiveRecordCounters counters) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = config;
        this.counters = counters;
        int max = endpoint.getMaxStreams();
        this.streams = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LiveRecorder> eldest) {
                if (size() <= max) {
                    return false;
                }
                LOG.warn("media:record: more than {} streams; finishing the recording of {}", max, eldest.getKey());
                eldest.getValue().end();
                return true;
            }
        };
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (endpoint.getOutput() != null && !endpoint.getOutput().isBlank()) {
            output = endpoint.getCamelContext().getEndpoint(endpoint.getOutput()).createProducer();
            ServiceHelper.startService(output);
        }
        for (int i = 0; i < endpoint.getWriterThreads(); i++) {
            lanes.add(endpoint.getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "MediaRecord-" + i));
        }
        // the output's route may start after this one: recover (and announce) once the whole context runs
        if (endpoint.getCamelContext().isStarted()) {
            recover();
        } else {
            endpoint.getCamelContext().addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    recover();
                }
            });
        }
    }

    private void recover() {
        try {
            for (RecordedFile f : RecordingFiles.recover(config.directory())) {
                announce(f);
            }
        } catch (IOException e) {
            LOG.error("media:record: recovering unfinished files in {} failed: {}", config.directory(), e.toString());
        }
        retention();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.setRouteStop(true);
        Message in = exchange.getIn();
        String path = in.getHeader(MediaHeaders.STREAM, "", String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        if (event == MediaEvent.STARTED) {
            LiveRecorder r = new LiveRecorder(config, path, lane(path), this::finished, counters);
            r.start(in.getMandatoryBody(StreamInfo.class).tracks(), System.currentTimeMillis());
            LiveRecorder old;
            synchronized (streams) {
                old = streams.put(path, r);
            }
            if (old != null) {
                old.end();
            }
        } else if (event == MediaEvent.FRAME) {
            LiveRecorder r;
            synchronized (streams) {
                r = streams.get(path);
            }
            if (r != null) {
                r.frame(in.getMandatoryBody(MediaFrame.class));
            }
        } else if (event == MediaEvent.ENDED) {
            LiveRecorder r;
            synchronized (streams) {
                r = streams.remove(path);
            }
            if (r != null) {
                r.end();
            }
        }
    }

    private ExecutorService lane(String path) {
        return lanes.get(Math.floorMod(path.hashCode(), lanes.size()));
    }

    /** On a writer lane: a file is finished. */
    private void finished(RecordedFile f) {
        LOG.info("media:record {}: finished {} ({} bytes, {} frames, {} s{})", f.stream(), f.file(), f.size(), f.frames(),
                f.durationSeconds(), f.droppedParts() > 0 ? ", " + f.droppedParts() + " parts dropped" : "");
        announce(f);
        retention();
    }

    private synchronized void retention() {
        try {
            for (Path p : RecordingFiles.applyRetention(config.directory(), Duration.ofMillis(endpoint.getRetention()),
                    endpoint.getMaxTotalSize(), System.currentTimeMillis())) {
                LOG.info("media:record: retention deleted {}", p);
            }
        } catch (IOException e) {
            LOG.warn("media:record: retention in {} failed: {}", config.directory(), e.toString());
        }
    }

    private void announce(RecordedFile f) {
        if (output == null) {
            return;
        }
        Exchange ex = endpoint.createExchange();
        Message m = ex.getIn();
        m.setBody(f.file().toFile());
        m.setHeader(Exchange.FILE_NAME, f.relativePath());
        m.setHeader(Exchange.FILE_LENGTH, f.size());
        m.setHeader(MediaHeaders.STREAM, f.stream());
        m.setHeader(MediaHeaders.RECORD_FORMAT, format(f));
        m.setHeader(MediaHeaders.RECORD_START, f.startMillis());
        m.setHeader(MediaHeaders.RECORD_DURATION, f.durationSeconds());
        m.setHeader(MediaHeaders.RECORD_SIZE, f.size());
        m.setHeader(MediaHeaders.RECORD_FRAMES, f.frames());
        m.setHeader(MediaHeaders.RECORD_DROPPED_PARTS, f.droppedParts());
        m.setHeader(MediaHeaders.RECORD_RECOVERED, f.recovered());
        try {
            output.process(ex);
        } catch (Exception e) {
            ex.setException(e);
        }
        if (ex.getException() != null) {
            LOG.warn("media:record: {} sent to {} failed: {}", f.relativePath(), endpoint.getOutput(), ex.getException().toString());
        }
    }

    /** fmp4, mpegts or webm, by the file's extension (a recovered file may be of another format than this endpoint's). */
    private static String format(RecordedFile f) {
        String name = f.file().getFileName().toString();
        return name.endsWith(".ts") ? "mpegts" : name.endsWith(".webm") ? "webm" : "fmp4";
    }

    @Override
    protected void doStop() throws Exception {
        List<LiveRecorder> open;
        synchronized (streams) {
            open = List.copyOf(streams.values());
            streams.clear();
        }
        for (LiveRecorder r : open) {
            r.end();
        }
        for (LiveRecorder r : open) {
            if (!r.awaitWritten(STOP_FLUSH_MS)) {
                LOG.warn("media:record: writes still queued after {} ms at stop", STOP_FLUSH_MS);
            }
        }
        for (ExecutorService lane : lanes) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(lane);
        }
        lanes.clear();
        ServiceHelper.stopService(output);
        super.doStop();
    }
}
