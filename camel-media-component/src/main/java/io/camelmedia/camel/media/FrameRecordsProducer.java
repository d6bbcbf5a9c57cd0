package io.camelmedia.camel.media;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.format.frames.FrameRecords;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code media:remux?format=frames}: every event becomes one frame record ({@link FrameRecords}) in place, the
 * body a byte[] and the media headers kept, for a transport of opaque messages (Kafka, MQTT, files);
 * {@code media:demux?format=frames} rebuilds the stream. A key frame of the stream's first video track (of its
 * first track without video) carries the stream's description at most once a second of media time, so a reader
 * that joins late starts there. One small state per stream (its description), bounded by maxStreams.
 */
final class FrameRecordsProducer extends DefaultProducer {
    private static final long DESCRIBE_EVERY_MICROS = TimeUnit.SECONDS.toMicros(1);

    private final Map<String, Described> streams;

    FrameRecordsProducer(MediaEndpoint endpoint) {
        super(endpoint);
        this.streams = StreamStates.bounded(endpoint.getMaxStreams());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        MediaEvent event = MediaExchanges.event(exchange);
        if (event == null) {
            throw new IllegalArgumentException("media:remux?format=frames: the exchange is not a stream event (no "
                    + MediaHeaders.EVENT + " header and the body is " + in.getBody() + ")");
        }
        String path = in.getHeader(MediaHeaders.STREAM, String.class);
        byte[] record = switch (event) {
            case STARTED -> {
                StreamInfo info = in.getMandatoryBody(StreamInfo.class);
                synchronized (streams) {
                    streams.put(info.path(), new Described(info));
                }
                yield FrameRecords.started(info);
            }
            case FRAME -> {
                MediaFrame frame = in.getMandatoryBody(MediaFrame.class);
                Described d;
                synchronized (streams) {
                    d = streams.get(path);
                }
                yield FrameRecords.frame(path, frame, d == null ? null : d.describeAt(frame));
            }
            case ENDED -> {
                synchronized (streams) {
                    streams.remove(path);
                }
                yield FrameRecords.ended(path, in.getHeader(MediaHeaders.REASON, String.class), in.getBody(StreamInfo.class));
            }
        };
        exchange.getMessage().setBody(record);
    }

    /** A stream's description and when a frame last carried it. */
    private static final class Described {
        private final StreamInfo info;
        private final int anchorTrack;
        private long lastMicros = Long.MIN_VALUE;

        Described(StreamInfo info) {
            this.info = info;
            this.anchorTrack = info.video().or(() -> info.tracks().stream().findFirst()).map(Track::id).orElse(-1);
        }

        /** The description when this frame should carry it, else null. */
        synchronized StreamInfo describeAt(MediaFrame frame) {
            if (!frame.keyframe() || frame.track().id() != anchorTrack || frame.track().mediaType() == MediaType.DATA) {
                return null;
            }
            long micros = frame.ptsMicros();
            if (lastMicros != Long.MIN_VALUE && micros - lastMicros < DESCRIBE_EVERY_MICROS && micros >= lastMicros) {
                return null;
            }
            lastMicros = micros;
            return info;
        }
    }
}
