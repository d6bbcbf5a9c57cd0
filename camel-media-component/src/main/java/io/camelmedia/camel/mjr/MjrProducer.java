package io.camelmedia.camel.mjr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.mjr.MjrStreamWriter;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each stream ({@code CamelMediaStream}) into the endpoint's directory: STARTED opens one
 * {@code .mjr} per track ({@link MjrStreamWriter}; a stream path {@code live/cam1} gives
 * {@code live/cam1-video.mjr}), FRAME appends, ENDED closes. The ENDED exchange leaves with
 * {@link MjrConstants#FILES} naming what was written. Frames of a stream never STARTED here are ignored.
 */
final class MjrProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(MjrProducer.class);

    private final MjrEndpoint endpoint;
    private final Map<String, MjrStreamWriter> writers = new HashMap<>();

    MjrProducer(MjrEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String stream = exchange.getIn().getHeader(MediaHeaders.STREAM, "", String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        if (event == null) {
            return;
        }
        switch (event) {
            case STARTED -> start(stream, exchange.getIn().getMandatoryBody(StreamInfo.class));
            case FRAME -> {
                MjrStreamWriter w = writer(stream);
                if (w != null) {
                    w.write(exchange.getIn().getMandatoryBody(MediaFrame.class));
                }
            }
            case ENDED -> {
                MjrStreamWriter w = remove(stream);
                if (w != null) {
                    w.close();
                    exchange.getIn().setHeader(MjrConstants.FILES, w.files().stream().map(Path::toString).toList());
                }
            }
            default -> { }
        }
    }

    private void start(String stream, StreamInfo info) throws IOException {
        Path target = resolve(stream);
        MjrStreamWriter w = new MjrStreamWriter(target.getParent(), target.getFileName().toString(), info.tracks(),
                endpoint.naming(), System.currentTimeMillis() * 1000);
        MjrStreamWriter old;
        synchronized (writers) {
            old = writers.put(stream, w);
        }
        if (old != null) {
            old.close();
        }
        LOG.info("file-mjr: recording {} to {}", stream, w.files());
    }

    /** The directory plus the stream path; a path that would leave the directory is refused. */
    private Path resolve(String stream) {
        String s = stream.isEmpty() ? "stream" : stream;
        Path dir = endpoint.pathAsPath().toAbsolutePath().normalize();
        Path p = dir.resolve(s).normalize();
        if (!p.startsWith(dir) || p.equals(dir)) {
            throw new IllegalArgumentException("file-mjr: stream path '" + stream + "' leaves the directory " + dir);
        }
        return p;
    }

    private MjrStreamWriter writer(String stream) {
        synchronized (writers) {
            return writers.get(stream);
        }
    }

    private MjrStreamWriter remove(String stream) {
        synchronized (writers) {
            return writers.remove(stream);
        }
    }

    @Override
    protected void doStop() throws Exception {
        List<MjrStreamWriter> open;
        synchronized (writers) {
            open = List.copyOf(writers.values());
            writers.clear();
        }
        for (MjrStreamWriter w : open) {
            try {
                w.close();
            } catch (IOException e) {
                LOG.warn("file-mjr: closing {}: {}", w.files(), e.toString());
            }
        }
        super.doStop();
    }
}
