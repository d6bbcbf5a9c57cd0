package io.camelmedia.camel.mjr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.PolledFiles;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.mjr.MjrDepacketizers;
import io.camelmedia.protocol.mjr.MjrException;
import io.camelmedia.protocol.mjr.MjrHeader;
import io.camelmedia.protocol.mjr.MjrNaming;
import io.camelmedia.protocol.mjr.MjrReader;
import io.camelmedia.protocol.mjr.MjrSession;
import io.camelmedia.protocol.mjr.MjrSessionResult;
import io.camelmedia.protocol.mjr.Pacer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the endpoint's file or directory; every session whose files are all stable is replayed through
 * {@link MjrSession} on this poll thread, one exchange per event, then its files are moved/deleted (or
 * remembered, so they are not read again). A failing exchange goes to the exception handler; damage in a
 * file ends its stream with ENDED carrying the reason; nothing is thrown out of the poll.
 */
final class MjrConsumer extends ScheduledPollConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(MjrConsumer.class);

    private final MjrEndpoint endpoint;
    private final MjrNaming naming;
    private final MjrDepacketizers depacketizers;
    private final PolledFiles files;
    private final PolledFiles.Disposal disposal;

    MjrConsumer(MjrEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.naming = endpoint.naming();
        this.depacketizers = new MjrDepacketizers(endpoint.getMaxFrameSize());
        this.files = new PolledFiles("file-mjr", endpoint.getInclude(), endpoint.getReadLockMinAge(),
                endpoint.getIdempotentCacheSize());
        this.disposal = new PolledFiles.Disposal(endpoint.getMove(), endpoint.getMoveFailed(), endpoint.isDelete());
    }

    @Override
    protected int poll() throws Exception {
        Path root = endpoint.pathAsPath();
        List<Path> candidates = files.candidates(root);
        Map<Path, Boolean> stable = new HashMap<>();
        for (Path f : candidates) {
            stable.put(f, files.checkStable(f));
        }
        int sessions = 0;
        Set<Path> handled = new java.util.HashSet<>();
        for (Path f : candidates) {
            if (!isRunAllowed()) {
                break;
            }
            if (handled.contains(f) || !stable.get(f) || files.isProcessed(f)) {
                continue;
            }
            MjrSession session = MjrSession.find(f, naming);
            handled.addAll(session.files());
            boolean allStable = session.files().stream().allMatch(p -> Boolean.TRUE.equals(stable.get(p))
                    || files.isProcessed(p) || (!stable.containsKey(p) && files.checkStable(p)));
            if (!allStable) {
                continue;
            }
            List<Path> todo = session.files().stream().filter(p -> !files.isProcessed(p)).toList();
            if (todo.isEmpty()) {
                continue;
            }
            replay(MjrSession.of(session.name(), todo));
            sessions++;
        }
        return sessions;
    }

    private void replay(MjrSession session) {
        String stream = endpoint.getStreamPrefix() + session.name();
        Map<String, Object> headers = fileHeaders(session);
        Listener listener = new Listener(stream, headers);
        Pacer pacer = "realtime".equals(endpoint.getReplay()) ? stoppable(Pacer.realTime()) : stoppable(Pacer.asFastAsPossible());
        MjrSessionResult result = null;
        MjrException error = null;
        try {
            result = session.play(listener, depacketizers, pacer);
        } catch (MjrException e) {
            LOG.warn("file-mjr: {}: {}", stream, e.getMessage());
            error = e;
        } catch (IOException e) {
            LOG.warn("file-mjr: {}: cannot read: {}", stream, e.toString());
            error = MjrException.header(session.files().get(0).getFileName().toString(), -1, "cannot read: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.end(null, null);
            return; // stopping: the files stay for the next start
        }
        // like file:, the files are moved/deleted when the session is done; ENDED then reports it
        finish(session, error != null && !listener.started);
        listener.end(result, error);
    }

    private Pacer stoppable(Pacer p) {
        return t -> {
            if (!isRunAllowed()) {
                throw new InterruptedException("consumer stopping");
            }
            p.await(t);
        };
    }

    private Map<String, Object> fileHeaders(MjrSession session) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(MjrConstants.SESSION, session.name());
        h.put(MjrConstants.FILES, session.files().stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : session.files()) {
            try (MjrReader r = MjrReader.open(f)) {
                MjrHeader m = r.header();
                String kind = m.kind().name().charAt(0) + m.kind().name().substring(1).toLowerCase(Locale.ROOT);
                String p = "CamelMjr" + kind;
                h.put(p + "File", f.getFileName().toString());
                h.put(p + "Codec", m.codecName());
                putIf(h, p + "Fmtp", m.fmtp());
                putIf(h, p + "Data", m.data());
                if (!m.extensions().isEmpty()) {
                    h.put(p + "Extensions", m.extensions());
                }
                if (m.createdMicros() >= 0) {
                    h.put(p + "Created", m.createdMicros());
                }
                if (m.firstPacketMicros() >= 0) {
                    h.put(p + "FirstPacket", m.firstPacketMicros());
                }
                if (m.opusRedPayloadType() != 0) {
                    h.put(p + "OpusRed", m.opusRedPayloadType());
                }
                h.put(p + "E2ee", m.e2ee());
                putIf(h, p + "Json", m.rawJson());
            } catch (IOException | RuntimeException e) {
                // the replay reports it with the offset
            }
        }
        return h;
    }

    private static void putIf(Map<String, Object> h, String name, Object v) {
        if (v != null) {
            h.put(name, v);
        }
    }

    private void finish(MjrSession session, boolean failed) {
        files.finish(session.files(), failed, disposal);
    }

    /** Turns one session's events into exchanges; ENDED is sent by {@link #end} once the result is known. */
    private final class Listener implements MediaListener {
        final String stream;
        final Map<String, Object> headers;
        boolean started;
        StreamInfo info;
        String reason;
        long frames;
        long firstMicros = Long.MAX_VALUE;
        long lastMicros = Long.MIN_VALUE;
        boolean ended;

        Listener(String stream, Map<String, Object> headers) {
            this.stream = stream;
            this.headers = headers;
        }

        @Override
        public void started(StreamInfo i) {
            StreamInfo renamed = new StreamInfo(stream, i.tracks(), i.metadata());
            info = renamed;
            started = true;
            Exchange e = createExchange(false);
            MediaExchanges.started(e, renamed);
            e.getIn().getHeaders().putAll(headers);
            MediaExchanges.process(MjrConsumer.this, e);
        }

        @Override
        public void frame(String path, MediaFrame frame) {
            frames++;
            long us = frame.pts() * 1_000_000L / Math.max(1, frame.track().clockRate());
            firstMicros = Math.min(firstMicros, us);
            lastMicros = Math.max(lastMicros, us);
            Exchange e = createExchange(false);
            MediaExchanges.frame(e, stream, frame);
            MediaExchanges.process(MjrConsumer.this, e);
        }

        @Override
        public void ended(String path, String r) {
            reason = r;
        }

        void end(MjrSessionResult result, MjrException damage) {
            if (ended) {
                return;
            }
            ended = true;
            String why = reason != null ? reason
                    : damage != null ? "recording unusable: " + damage.getMessage() : "consumer stopped";
            Exchange e = createExchange(false);
            MediaExchanges.ended(e, stream, why, info);
            Message m = e.getIn();
            m.getHeaders().putAll(headers);
            m.setHeader(MjrConstants.FRAMES, frames);
            m.setHeader(MjrConstants.DURATION, frames < 2 ? 0.0 : (lastMicros - firstMicros) / 1e6);
            MjrException d = damage;
            if (result != null) {
                long lost = 0;
                long dropped = 0;
                for (MjrSessionResult.TrackResult t : result.tracks()) {
                    lost += t.recording().stats().lost();
                    dropped += t.depacketizer() == null ? 0 : t.depacketizer().dropped();
                }
                m.setHeader(MjrConstants.LOST, lost);
                m.setHeader(MjrConstants.DROPPED, dropped);
                d = result.damage().orElse(null);
            }
            if (d != null) {
                m.setHeader(MjrConstants.ERROR, d.getMessage());
                m.setHeader(MjrConstants.ERROR_OFFSET, d.offset());
                m.setHeader(MjrConstants.ERROR_FILE, d.file());
            }
            MediaExchanges.process(MjrConsumer.this, e);
        }
    }

    /** For tests: sessions remembered. */
    List<String> processedKeys() {
        return files.processedKeys();
    }
}
