package io.camelmedia.camel.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.process.transcode.AudioTranscodeConfig;
import io.camelmedia.process.transcode.AudioTranscodeException;
import io.camelmedia.process.transcode.AudioTranscoder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code media:transcode}: rewrites each stream's audio to {@code codec} in the route. STARTED continues with the new
 * track list, video and other frames continue unchanged, ENDED continues with the new track list.
 *
 * <p>The calling thread (often a protocol's event loop) never runs FFmpeg: an audio exchange hands its frame to the
 * stream's lane on the endpoint's pool and continues with a packet the pool finished earlier (or stops here when none
 * is ready). So audio leaves about one frame later than it came, and video is never held back. Audio already in
 * {@code codec}, or in a codec FFmpeg cannot decode here, passes through; so does everything when the stream has no audio.
 *
 * <p>With {@code output} the route's exchange continues untouched and a copy, transcoded, goes to that endpoint on the
 * calling thread (a tee: the app bridges WHEP or MPEG-TS HLS without changing what the pipeline's other steps get);
 * a failure there is logged and never reaches the route.
 */
final class TranscodeProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(TranscodeProducer.class);

    private final MediaEndpoint endpoint;
    private final Codec codec;
    private final Map<String, StreamTranscode> streams;
    private final AtomicLong dropped;
    /** Streams whose audio could not be transcoded: their audio frames stop here (the STARTED list left it out). */
    private final Map<String, Boolean> audioDropped;
    private ExecutorService pool;
    private Producer output;
    private LoggingExceptionHandler errors;

    TranscodeProducer(MediaEndpoint endpoint, Codec codec) {
        super(endpoint);
        this.endpoint = endpoint;
        this.codec = codec;
        this.dropped = endpoint.transcodeDropped();
        int max = endpoint.getMaxStreams();
        this.audioDropped = StreamStates.bounded(max);
        this.streams = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StreamTranscode> eldest) {
                if (size() > max) {
                    eldest.getValue().end();
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        pool = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "CamelMediaTranscode", endpoint.getTranscodeThreads());
        if (endpoint.getOutput() != null && !endpoint.getOutput().isBlank()) {
            errors = new LoggingExceptionHandler(endpoint.getCamelContext(), getClass());
            output = endpoint.getCamelContext().getEndpoint(endpoint.getOutput()).createProducer();
            ServiceHelper.startService(output);
        }
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (streams) {
            streams.values().forEach(StreamTranscode::end);
            streams.clear();
        }
        if (pool != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(pool);
            pool = null;
        }
        ServiceHelper.stopService(output);
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) {
        if (output == null) {
            transcode(exchange);
            return;
        }
        Exchange copy = exchange.copy();
        transcode(copy);
        if (copy.isRouteStop()) {
            return;
        }
        try {
            output.process(copy);
        } catch (Exception e) {
            copy.setException(e);
        }
        if (copy.getException() != null) {
            errors.handleException("media:transcode: " + endpoint.getOutput() + " failed on " + copy.getIn().getHeader(MediaHeaders.STREAM)
                    + " " + copy.getIn().getHeader(MediaHeaders.EVENT), copy, copy.getException());
        }
    }

    private void transcode(Exchange exchange) {
        Message in = exchange.getIn();
        String path = in.getHeader(MediaHeaders.STREAM, "", String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        if (event == MediaEvent.STARTED && in.getBody() instanceof StreamInfo info) {
            in.setBody(started(path, info));
        } else if (event == MediaEvent.FRAME && in.getBody() instanceof MediaFrame frame) {
            frame(exchange, path, frame);
        } else if (event == MediaEvent.ENDED) {
            StreamTranscode s;
            synchronized (streams) {
                s = streams.remove(path);
                audioDropped.remove(path);
            }
            if (s != null) {
                s.end();
                if (in.getBody() instanceof StreamInfo last) {
                    in.setBody(replaced(last, s));
                }
            }
        }
    }

    private StreamInfo started(String path, StreamInfo info) {
        StreamTranscode old;
        synchronized (streams) {
            old = streams.remove(path);
            audioDropped.remove(path);
        }
        if (old != null) {
            old.end();
        }
        Track audio = info.audio().orElse(null);
        if (audio == null || audio.codec() == codec || !AudioTranscoder.canDecode(audio.codec())) {
            return info;
        }
        try {
            AudioTranscoder tx = new AudioTranscoder(audio, config(audio));
            StreamTranscode s = new StreamTranscode(path, new TranscodeLane(pool, endpoint.getMaxQueuedFrames()), tx, dropped);
            synchronized (streams) {
                streams.put(path, s);
            }
            LOG.info("media:transcode {}: {} -> {}", path, audio, tx.outputTrack());
            return replaced(info, s);
        } catch (AudioTranscodeException e) {
            LOG.warn("media:transcode {}: cannot transcode {} to {}, its audio is dropped: {}", path, audio, codec, e.getMessage());
            synchronized (streams) {
                audioDropped.put(path, Boolean.TRUE);
            }
            List<Track> tracks = new ArrayList<>(info.tracks());
            tracks.remove(audio);
            return new StreamInfo(info.path(), tracks, info.metadata());
        }
    }

    /** Opus frames at least as long as the input's, so one input never makes more than one packet. */
    private AudioTranscodeConfig config(Track audio) {
        int bitrate = endpoint.getBitrate() != 0 ? endpoint.getBitrate() : codec == Codec.OPUS ? 64_000 : 128_000;
        int frameMillis = codec == Codec.OPUS && (audio.codec() == Codec.AAC || audio.codec() == Codec.MP3) ? 40 : 0;
        return new AudioTranscodeConfig(codec, bitrate, endpoint.getSampleRate(), endpoint.getChannels(), frameMillis);
    }

    private static StreamInfo replaced(StreamInfo info, StreamTranscode s) {
        List<Track> tracks = new ArrayList<>(info.tracks().size());
        for (Track t : info.tracks()) {
            tracks.add(t.mediaType() == MediaType.AUDIO && t.id() == s.input().id() ? s.output() : t);
        }
        return new StreamInfo(info.path(), tracks, info.metadata());
    }

    private void frame(Exchange exchange, String path, MediaFrame frame) {
        if (frame.track().mediaType() != MediaType.AUDIO) {
            return;
        }
        StreamTranscode s;
        synchronized (streams) {
            s = streams.get(path);
            if (s == null && audioDropped.containsKey(path)) {
                dropped.incrementAndGet();
                exchange.setRouteStop(true);
                return;
            }
        }
        if (s == null || frame.track().id() != s.input().id()) {
            return;
        }
        s.submit(frame);
        MediaFrame out = s.take();
        if (out == null) {
            exchange.setRouteStop(true);
        } else {
            MediaExchanges.frame(exchange, path, out);
        }
    }
}
