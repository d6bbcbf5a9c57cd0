package io.camelmedia.camel.media;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.format.segment.Segment;
import io.camelmedia.format.segment.SegmentFormat;
import io.camelmedia.format.segment.SegmentSink;
import io.camelmedia.format.segment.Segmenter;
import io.camelmedia.format.segment.SegmenterConfig;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code media:segment} and {@code media:remux}: one {@link Segmenter} per stream (bounded by maxStreams,
 * least recently used dropped; dropped on ENDED). An exchange that completes nothing stops here.
 */
final class SegmentProducer extends DefaultProducer {
    private final boolean remux;
    private final SegmenterConfig config;
    private final Map<String, StreamState> streams;

    /** A stream's segmenter and what its last call produced. */
    private static final class StreamState implements SegmentSink {
        final Segmenter segmenter;
        byte[] init;
        boolean initFresh;
        Segment done;

        StreamState(SegmenterConfig config) {
            segmenter = new Segmenter(config, this);
        }

        @Override
        public void init(byte[] initSegment, List<Track> tracks) {
            init = initSegment;
            initFresh = true;
        }

        @Override
        public void segment(Segment segment) {
            done = segment;
        }
    }

    SegmentProducer(MediaEndpoint endpoint, SegmentFormat format, Duration duration) {
        super(endpoint);
        this.remux = endpoint.getOperation() == MediaOperation.remux;
        this.config = new SegmenterConfig(format, duration, Duration.ZERO);
        this.streams = StreamStates.bounded(endpoint.getMaxStreams());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String path = in.getHeader(MediaHeaders.STREAM, "", String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        StreamState s;
        synchronized (streams) {
            s = event == MediaEvent.STARTED ? streams.computeIfAbsent(path, p -> new StreamState(config)) : streams.get(path);
            if (event == MediaEvent.ENDED) {
                streams.remove(path);
            }
        }
        if (s == null || event == null) {
            exchange.setRouteStop(true);
            return;
        }
        s.done = null;
        switch (event) {
            case STARTED -> s.segmenter.start(in.getMandatoryBody(StreamInfo.class).tracks(), System.currentTimeMillis());
            case FRAME -> s.segmenter.frame(in.getMandatoryBody(MediaFrame.class));
            case ENDED -> s.segmenter.end();
            default -> { }
        }
        Message out = exchange.getMessage();
        if (remux && s.initFresh) {
            s.initFresh = false;
            if (s.done == null) {
                out.setBody(s.init);
                out.setHeader(Exchange.FILE_NAME, path + "/init.mp4");
                return;
            }
        }
        if (s.done == null) {
            exchange.setRouteStop(true);
            return;
        }
        Segment seg = s.done;
        out.setBody(seg.data());
        out.setHeader(MediaHeaders.SEGMENT_SEQUENCE, seg.sequence());
        out.setHeader(MediaHeaders.SEGMENT_DURATION, seg.durationSeconds());
        out.setHeader(MediaHeaders.SEGMENT_FIRST_PTS, seg.firstPtsMicros());
        out.setHeader(MediaHeaders.SEGMENT_DISCONTINUITY, seg.discontinuity());
        if (s.init != null && !remux) {
            out.setHeader(MediaHeaders.INIT_SEGMENT, s.init);
        }
        out.setHeader(Exchange.FILE_NAME, path + "/seg-" + seg.sequence() + "." + config.format().extension());
    }
}
