package io.camelmedia.camel.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.MediaHubs;
import io.camelmedia.format.frames.FrameRecordReader;
import io.camelmedia.format.frames.FrameRecords;
import io.camelmedia.format.mpegts.TsDemuxer;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.PublishingListener;
import io.camelmedia.hub.StreamHub;
import io.netty.buffer.ByteBuf;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code media:demux?format=mpegts&output=...}: the body of each exchange is fed to the {@link TsDemuxer} of its
 * stream path; what the chunk completes (STARTED, frames, ENDED on a program change) is sent to {@code output} at
 * once, on the calling thread, in order, before this step returns. With {@code format=frames} each body is one
 * frame record ({@link FrameRecordReader}), its path the CamelMediaStream header or else the record's own; an
 * ENDED record ends the stream and gives the path up at once. The chunk exchange continues unchanged. Each
 * stream claims its path in the context's hub (a path live from another ingest refuses the chunks) and ends after
 * {@code inactivityTimeout} without a chunk (checked by one scheduler thread), when more than maxStreams are live
 * (the least recently fed one), or when the route stops.
 */
final class DemuxProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(DemuxProducer.class);
    /** A refused path is logged at most this often: a refused sender keeps sending datagrams. */
    private static final long REFUSED_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final MediaEndpoint endpoint;
    private final Map<String, Demux> streams = new LinkedHashMap<>(16, 0.75f, true);
    private Producer output;
    private ExceptionHandler errors;
    private ScheduledExecutorService timer;
    /** format=frames: one frame record per exchange; else an MPEG-TS byte stream. */
    private final boolean records;
    private volatile boolean discardOnClose;
    private long lastRefusedLog = System.nanoTime() - REFUSED_LOG_INTERVAL_NANOS;

    DemuxProducer(MediaEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.records = "frames".equals(endpoint.effectiveFormat());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        errors = new LoggingExceptionHandler(endpoint.getCamelContext(), getClass());
        output = endpoint.getCamelContext().getEndpoint(endpoint.getOutput()).createProducer();
        ServiceHelper.startService(output);
        long period = Math.max(50, endpoint.getInactivityTimeout() / 4);
        timer = endpoint.getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "MediaDemux");
        timer.scheduleWithFixedDelay(this::endInactive, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getCamelContext().getExecutorServiceManager().shutdownNow(timer);
        // a context going down stops the output's route too: a direct: producer would wait for its consumer
        discardOnClose = endpoint.getCamelContext().isStopping();
        List<Demux> all;
        synchronized (streams) {
            all = new ArrayList<>(streams.values());
            streams.clear();
        }
        for (Demux d : all) {
            d.close("route stopped");
        }
        ServiceHelper.stopService(output);
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        if (body == null) {
            return;
        }
        if (body instanceof String) {
            throw new IllegalArgumentException("media:demux: the body is text, not " + endpoint.effectiveFormat()
                    + " bytes: a netty:udp consumer needs udpByteArrayCodec=true (its default codec decodes datagrams as"
                    + " strings), a kafka: consumer valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer");
        }
        if (records) {
            byte[] record = exchange.getIn().getMandatoryBody(byte[].class);
            FrameRecords.Parsed parsed = FrameRecords.parse(record, 0, record.length);
            String path = exchange.getIn().getHeader(MediaHeaders.STREAM, parsed.path(), String.class);
            Demux d = demux(path);
            if (d != null && ((RecordDemux) d).accept(parsed, record)) {
                boolean mine;
                synchronized (streams) {
                    mine = streams.remove(path, d);
                }
                if (mine) {
                    d.release();
                }
            }
            return;
        }
        String path = exchange.getIn().getHeader(MediaHeaders.STREAM, endpoint.getStream(), String.class);
        Demux d = demux(path);
        if (d != null) {
            ((TsDemux) d).feed(exchange, body);
        }
    }

    /** The live demuxer of {@code path}, made (and its path claimed) at its first chunk; null when refused. */
    private Demux demux(String path) {
        Demux made;
        Demux evicted = null;
        synchronized (streams) {
            Demux d = streams.get(path);
            if (d != null) {
                return d;
            }
            StreamHub.ClaimResult claim = MediaHubs.of(endpoint.getCamelContext()).claimAuthorized(path, new Object());
            if (claim.publisher() == null) {
                refused(path, claim.status());
                return null;
            }
            made = records ? new RecordDemux(path, claim.publisher()) : new TsDemux(path, claim.publisher());
            streams.put(path, made);
            if (streams.size() > endpoint.getMaxStreams()) {
                Iterator<Demux> eldest = streams.values().iterator();
                evicted = eldest.next();
                eldest.remove();
            }
        }
        if (evicted != null) {
            evicted.close("more than " + endpoint.getMaxStreams() + " streams on " + endpoint.getEndpointUri());
        }
        return made;
    }

    private void refused(String path, StreamHub.Status status) {
        long now = System.nanoTime();
        if (now - lastRefusedLog >= REFUSED_LOG_INTERVAL_NANOS) {
            lastRefusedLog = now;
            LOG.warn("media:demux: {} cannot be published here: {}; its chunks are dropped", path, status);
        }
    }

    private void endInactive() {
        long cutoff = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(endpoint.getInactivityTimeout());
        List<Demux> idle = new ArrayList<>();
        synchronized (streams) {
            streams.values().removeIf(d -> d.lastChunk - cutoff < 0 && idle.add(d));
        }
        for (Demux d : idle) {
            d.close("no data for " + endpoint.getInactivityTimeout() + " ms");
        }
    }

    /** Sends one stream event to the output; a failure there is logged and never stops the demuxing. */
    private void send(Exchange event) {
        try {
            output.process(event);
        } catch (Exception e) {
            event.setException(e);
        }
        if (event.getException() != null) {
            errors.handleException("media:demux: " + endpoint.getOutput() + " failed on " + event.getIn().getHeader(MediaHeaders.STREAM)
                    + " " + event.getIn().getHeader(MediaHeaders.EVENT), event, event.getException());
        }
    }

    /** One stream: the events it makes (sent to the output) and its claim on the path. */
    private abstract class Demux implements MediaListener {
        final StreamHub.Publisher publisher;
        final MediaListener events;
        volatile long lastChunk = System.nanoTime();
        private StreamInfo info;

        Demux(StreamHub.Publisher publisher) {
            this.publisher = publisher;
            this.events = new PublishingListener(publisher, this);
        }

        /** Ends the stream (ENDED if it started) and gives the path up. */
        abstract void close(String reason);

        /** Gives the path up; the stream has ended already. */
        void release() {
            publisher.release();
        }

        @Override
        public void started(StreamInfo started) {
            info = started;
            emit(e -> MediaExchanges.started(e, started));
        }

        @Override
        public void frame(String path, MediaFrame frame) {
            emit(e -> MediaExchanges.frame(e, path, frame));
        }

        @Override
        public void ended(String path, String reason) {
            emit(e -> MediaExchanges.ended(e, path, reason, info));
        }

        private void emit(Consumer<Exchange> fill) {
            if (!discardOnClose) {
                Exchange e = endpoint.createExchange();
                fill.accept(e);
                send(e);
            }
        }
    }

    /** An MPEG-TS byte stream, fed and closed under the object's lock. */
    private final class TsDemux extends Demux {
        private final TsDemuxer demuxer;

        TsDemux(String path, StreamHub.Publisher publisher) {
            super(publisher);
            this.demuxer = new TsDemuxer(path, events);
        }

        synchronized void feed(Exchange exchange, Object body) throws Exception {
            lastChunk = System.nanoTime();
            if (body instanceof ByteBuf buf) {
                demuxer.feed(buf.duplicate());
            } else if (body instanceof byte[] bytes) {
                demuxer.feed(bytes);
            } else if (body instanceof ByteBuffer bb && bb.hasArray()) {
                demuxer.feed(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
            } else {
                demuxer.feed(exchange.getIn().getMandatoryBody(byte[].class));
            }
        }

        @Override
        synchronized void close(String reason) {
            try {
                demuxer.close(reason);
            } finally {
                release();
            }
            if (demuxer.stats().droppedPes() + demuxer.stats().continuityErrors() + demuxer.stats().skippedBytes() > 0) {
                LOG.info("media:demux {}: ended ({}) with losses: {}", demuxer.path(), reason, demuxer.stats());
            }
        }
    }

    /** Frame records ({@code format=frames}), one per exchange, read under the object's lock. */
    private final class RecordDemux extends Demux {
        private final FrameRecordReader reader;

        RecordDemux(String path, StreamHub.Publisher publisher) {
            super(publisher);
            this.reader = new FrameRecordReader(path, events);
        }

        /** True when the record ended the stream. */
        synchronized boolean accept(FrameRecords.Parsed parsed, byte[] record) {
            lastChunk = System.nanoTime();
            return reader.accept(parsed, record);
        }

        @Override
        synchronized void close(String reason) {
            try {
                reader.end(reason);
            } finally {
                release();
            }
            if (reader.framesBeforeStart() + reader.framesOfUnknownTracks() > 0) {
                LOG.info("media:demux {}: ended ({}) having dropped {}", reader.path(), reason, reader.losses());
            }
        }
    }
}
