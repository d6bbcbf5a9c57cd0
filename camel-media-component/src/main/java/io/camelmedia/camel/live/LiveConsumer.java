package io.camelmedia.camel.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.camelmedia.camel.MediaStreamConsumer;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.ReaderListener;
import io.camelmedia.hub.StreamHub;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream of a {@code live:} set: subscribes when the path is live (at start, or when its publisher starts
 * it later), emits STARTED, the frames from a key frame on and ENDED, then waits for the next start. The route runs
 * on the component's reader threads, one drain of this reader at a time, so the frames stay in order.
 */
final class LiveConsumer extends MediaStreamConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConsumer.class);
    private final LiveEndpoint endpoint;
    private final String path;
    private final Set<MediaType> mediaTypes;
    private final ReaderConfig readerConfig;
    private final Consumer<String> onStart = this::streamStarted;
    private StreamHub fanOut;
    private StreamHub.Reader reader;

    LiveConsumer(LiveEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.path = endpoint.getPath();
        this.mediaTypes = endpoint.mediaTypeSet();
        this.readerConfig = endpoint.readerConfig();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        fanOut = endpoint.getComponent().fanOut(endpoint.getName());
        fanOut.onStreamStarted(onStart);
        subscribe();
    }

    @Override
    protected void doStop() throws Exception {
        if (fanOut != null) {
            fanOut.removeStreamStartedListener(onStart);
        }
        StreamHub.Reader r;
        synchronized (this) {
            r = reader;
            reader = null;
        }
        if (r != null) {
            r.close();
            ended(path, "reader stopped");
        }
        super.doStop();
    }

    private void streamStarted(String startedPath) {
        if (path.equals(startedPath)) {
            // told under the publisher's lock: subscribe from a reader thread (taking our lock here could deadlock)
            endpoint.getComponent().readerExecutor().execute(this::subscribe);
        }
    }

    private synchronized void subscribe() {
        if (reader != null || !isRunAllowed() || !fanOut.isLive(path)) {
            return;
        }
        StreamHub.SubscribeResult r = fanOut.subscribe(path, readerConfig, new Reading(),
                endpoint.getComponent().readerExecutor());
        if (r.reader() != null) {
            reader = r.reader();
        } else if (r.status() != StreamHub.Status.NOT_FOUND) {
            LOG.warn("live:{} cannot read {}: {}", endpoint.getName(), path, r.status());
        }
    }

    private synchronized void readerEnded() {
        reader = null;
    }

    /** The reader's events as exchanges, with only the kept tracks. */
    private final class Reading implements ReaderListener {
        private Set<Integer> kept = Set.of();

        @Override
        public void started(StreamInfo info) {
            List<Track> tracks = new ArrayList<>();
            for (Track t : info.tracks()) {
                if (mediaTypes.contains(t.mediaType())) {
                    tracks.add(t);
                }
            }
            kept = tracks.stream().map(Track::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
            LiveConsumer.this.started(tracks.size() == info.tracks().size() ? info
                    : new StreamInfo(info.path(), tracks, info.metadata()));
        }

        @Override
        public void frame(MediaFrame f) {
            if (kept.contains(f.track().id())) {
                LiveConsumer.this.frame(path, f);
            }
        }

        @Override
        public void ended(String reason) {
            readerEnded();
            LiveConsumer.this.ended(path, reason);
            subscribe();   // restarted meanwhile (the fan-out told us while this reader still held the path)
        }
    }
}
