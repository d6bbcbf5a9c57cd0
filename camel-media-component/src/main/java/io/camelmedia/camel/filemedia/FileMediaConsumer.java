package io.camelmedia.camel.filemedia;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.MediaHubs;
import io.camelmedia.camel.PolledFiles;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.PublishingListener;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.process.filein.MediaFilePlayer;
import io.camelmedia.protocol.mjr.Pacer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the endpoint's file or directory and hands every stable, unread file to a thread of its own bounded pool
 * ({@code maxConcurrentFiles}), where {@link MediaFilePlayer} plays it, one exchange per event, in order. The
 * stream claims its path in the context's {@link StreamHub} like every ingest (live in {@code /v1/streams}, served
 * by the hub's readers); a path already live elsewhere leaves the file waiting. A file
 * that never started is logged once and moved to {@code moveFailed}; a played one is moved/deleted (or
 * remembered, so it is not read again) before its ENDED goes out; a file whose playback the consumer's stop cut
 * stays for the next start. A failing exchange goes to the exception handler; nothing is thrown out of the poll.
 */
final class FileMediaConsumer extends ScheduledPollConsumer implements ShutdownAware {
    private static final Logger LOG = LoggerFactory.getLogger(FileMediaConsumer.class);
    /** How long stop waits for the files being read to end their streams. */
    private static final long STOP_WAIT_SECONDS = 5;

    private final FileMediaEndpoint endpoint;
    private final PolledFiles files;
    private final PolledFiles.Disposal disposal;
    private final MediaFilePlayer.Options options;
    /** Files being played: never handed out twice, and at most maxConcurrentFiles. */
    private final Set<Path> playing = ConcurrentHashMap.newKeySet();
    /** Files whose stream path was taken (live from another ingest), each logged once. */
    private final Set<Path> refusedLogged = ConcurrentHashMap.newKeySet();
    private ExecutorService pool;
    private volatile boolean stopping;

    FileMediaConsumer(FileMediaEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.files = new PolledFiles("file-media", endpoint.getInclude(), endpoint.getReadLockMinAge(),
                endpoint.getIdempotentCacheSize());
        this.disposal = new PolledFiles.Disposal(endpoint.getMove(), endpoint.getMoveFailed(), endpoint.isDelete());
        this.options = new MediaFilePlayer.Options(endpoint.mediaTypeSet(), endpoint.isLoop(), endpoint.getMaxFrameSize());
    }

    @Override
    protected void doStart() throws Exception {
        stopping = false;
        pool = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "file-media", endpoint.getMaxConcurrentFiles());
        super.doStart();
    }

    /**
     * Graceful shutdown: this consumer is stopped after the route's in-flight work is done, and its playbacks are
     * that work. The shutdown strategy asks for it (below) while the route still runs: every file being read then
     * ends its stream ("stopped"), so its ENDED exchange still reaches the route (a recording is finalized).
     */
    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return true;
    }

    /** Called by the shutdown strategy only: ends the playbacks, then counts those not ended yet. */
    @Override
    public int getPendingExchangesSize() {
        if (!stopping) {
            stopping = true;
            ExecutorService p = pool;
            if (p != null) {
                p.shutdownNow(); // interrupts paced playbacks
            }
        }
        return playing.size();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        stopping = true;
    }

    @Override
    protected void doStop() throws Exception {
        stopping = true;
        super.doStop();
        endPlaybacks();
    }

    private void endPlaybacks() throws InterruptedException {
        ExecutorService p = pool;
        if (p != null) {
            // interrupts paced playbacks; each ends its stream ("stopped") and leaves its file in place. Waits a
            // little for those ENDED exchanges, so they pass while the route is still up.
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(p);
            if (!p.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("file-media: {} file(s) still being read {} s after stop", playing.size(), STOP_WAIT_SECONDS);
            }
            pool = null;
        }
    }

    @Override
    protected int poll() throws Exception {
        List<Path> candidates = files.candidates(endpoint.pathAsPath());
        int handed = 0;
        for (Path f : candidates) {
            if (!running() || playing.size() >= endpoint.getMaxConcurrentFiles()) {
                break;
            }
            if (playing.contains(f) || !files.checkStable(f) || files.isProcessed(f)) {
                continue;
            }
            playing.add(f);
            pool.execute(() -> play(f));
            handed++;
        }
        return handed;
    }

    private boolean running() {
        return !stopping && isRunAllowed();
    }

    private void play(Path file) {
        try {
            String name = file.getFileName().toString();
            String stream = endpoint.streamOf(name);
            StreamHub.ClaimResult claim = MediaHubs.of(getEndpoint().getCamelContext()).claimAuthorized(stream, file);
            if (claim.publisher() == null) {
                if (refusedLogged.add(file)) {
                    LOG.warn("file-media: {}: stream {} cannot be published: {}; the file waits", file, stream, claim.status());
                }
                return;
            }
            refusedLogged.remove(file);
            Listener listener = new Listener(stream, name);
            Pacer pacer = endpoint.isRealtime() ? Pacer.realTime() : Pacer.asFastAsPossible();
            MediaFilePlayer.Result result;
            try {
                result = MediaFilePlayer.play(file, stream, options, pacer, this::running,
                        new PublishingListener(claim.publisher(), listener));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // stopping: the stream was ended, the file stays for the next start
            } finally {
                claim.publisher().release();
            }
            if (MediaFilePlayer.STOPPED.equals(result.reason())) {
                return;
            }
            if (result.failed()) {
                LOG.warn("file-media: {}: {}", file, result.reason());
            }
            files.finish(List.of(file), result.failed(), disposal);
            listener.sendEnded(result);
        } catch (RuntimeException e) {
            LOG.warn("file-media: {}: {}", file, e.toString(), e);
        } finally {
            playing.remove(file);
        }
    }

    /** Turns one file's events into exchanges; ENDED is held until the file is moved, then sent by sendEnded. */
    private final class Listener implements MediaListener {
        final String stream;
        final String file;
        StreamInfo info;
        String reason;
        long frames;

        Listener(String stream, String file) {
            this.stream = stream;
            this.file = file;
        }

        @Override
        public void started(StreamInfo i) {
            info = i;
            Exchange e = createExchange(false);
            MediaExchanges.started(e, i);
            e.getIn().setHeader(FileMediaConstants.FILE, file);
            e.getIn().setHeader(FileMediaConstants.FORMAT, i.metadata().get("format"));
            MediaExchanges.process(FileMediaConsumer.this, e);
        }

        @Override
        public void frame(String path, MediaFrame frame) {
            frames++;
            Exchange e = createExchange(false);
            MediaExchanges.frame(e, stream, frame);
            MediaExchanges.process(FileMediaConsumer.this, e);
        }

        @Override
        public void ended(String path, String why) {
            reason = why;
            if (MediaFilePlayer.STOPPED.equals(why)) {
                send(why, null); // the consumer is stopping: no result will follow
            }
        }

        void sendEnded(MediaFilePlayer.Result result) {
            if (info != null) {
                send(reason != null ? reason : result.reason(), result);
            }
        }

        private void send(String why, MediaFilePlayer.Result result) {
            Exchange e = createExchange(false);
            MediaExchanges.ended(e, stream, why, info);
            Message m = e.getIn();
            m.setHeader(FileMediaConstants.FILE, file);
            m.setHeader(FileMediaConstants.FRAMES, frames);
            if (info != null) {
                m.setHeader(FileMediaConstants.FORMAT, info.metadata().get("format"));
            }
            if (result != null) {
                m.setHeader(FileMediaConstants.BYTES, result.bytes());
                m.setHeader(FileMediaConstants.LOOPS, result.loops());
            }
            MediaExchanges.process(FileMediaConsumer.this, e);
        }
    }
}
