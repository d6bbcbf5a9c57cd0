package io.camelmedia.camel.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.process.record.RecordFormat;
import io.camelmedia.process.record.StreamRecorder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code media:record}: one {@link StreamRecorder} per stream, writing to a temporary file next to the
 * target (or in the JVM's temp directory) from STARTED; ENDED finishes it and continues with the file.
 * STARTED and FRAME exchanges stop here. At most maxStreams streams at once (the least recently active one
 * is closed and dropped).
 */
final class RecordProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(RecordProducer.class);

    private final MediaEndpoint endpoint;
    private final RecordFormat format;
    private final Map<String, StreamRecorder> streams;

    RecordProducer(MediaEndpoint endpoint, RecordFormat format) {
        super(endpoint);
        this.endpoint = endpoint;
        this.format = format;
        int max = endpoint.getMaxStreams();
        this.streams = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StreamRecorder> eldest) {
                if (size() > max) {
                    LOG.warn("media:record: more than {} streams; dropping {}", max, eldest.getKey());
                    discard(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String path = in.getHeader(MediaHeaders.STREAM, "", String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        if (event == MediaEvent.STARTED) {
            start(path, in.getMandatoryBody(StreamInfo.class));
            exchange.setRouteStop(true);
        } else if (event == MediaEvent.FRAME) {
            StreamRecorder r = get(path);
            if (r != null) {
                r.write(in.getMandatoryBody(MediaFrame.class));
            }
            exchange.setRouteStop(true);
        } else if (event == MediaEvent.ENDED) {
            StreamRecorder r;
            synchronized (streams) {
                r = streams.remove(path);
            }
            if (r == null) {
                exchange.setRouteStop(true);
                return;
            }
            finish(exchange, path, r);
        } else {
            exchange.setRouteStop(true);
        }
    }

    private void start(String path, StreamInfo info) throws IOException {
        RecordFormat f = format.resolve(info.tracks());
        Path tmp = Files.createTempFile(tempDir(), "record-", "." + f.extension() + ".part");
        StreamRecorder r;
        try {
            r = new StreamRecorder(tmp, info.tracks(), f, endpoint.isFaststart());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        StreamRecorder old;
        synchronized (streams) {
            old = streams.put(path, r);
        }
        if (old != null) {
            discard(old);
        }
    }

    private Path tempDir() throws IOException {
        if (endpoint.getDirectory() == null) {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }
        Path d = Path.of(endpoint.getDirectory());
        Files.createDirectories(d);
        return d;
    }

    private StreamRecorder get(String path) {
        synchronized (streams) {
            return streams.get(path);
        }
    }

    private void finish(Exchange exchange, String path, StreamRecorder r) throws IOException {
        String name = (path.isEmpty() ? "stream" : path) + "." + r.format().extension();
        Message out = exchange.getMessage();
        try {
            r.close();
            if (endpoint.getDirectory() != null) {
                Path dir = Path.of(endpoint.getDirectory()).toAbsolutePath().normalize();
                Path target = dir.resolve(name).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalArgumentException("media:record: stream path '" + path + "' leaves " + dir);
                }
                Files.createDirectories(target.getParent());
                Files.move(r.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out.setBody(target.toFile());
            } else {
                out.setBody(Files.readAllBytes(r.file()));
            }
        } finally {
            Files.deleteIfExists(r.file());
        }
        out.setHeader(Exchange.FILE_NAME, name);
        out.setHeader(MediaHeaders.RECORD_FORMAT, r.format().extension());
        out.setHeader(MediaHeaders.RECORD_FRAMES, r.frames());
        out.setHeader(MediaHeaders.RECORD_DURATION, r.spanMicros() / 1e6);
        out.setHeader(MediaHeaders.RECORD_SKIPPED, r.skipped());
    }

    private static void discard(StreamRecorder r) {
        try {
            r.close();
        } catch (IOException | RuntimeException e) {
            // dropped anyway
        }
        try {
            Files.deleteIfExists(r.file());
        } catch (IOException e) {
            // temp file; the OS cleans up
        }
    }

    @Override
    protected void doStop() throws Exception {
        List<StreamRecorder> open;
        synchronized (streams) {
            open = List.copyOf(streams.values());
            streams.clear();
        }
        open.forEach(RecordProducer::discard);
        super.doStop();
    }
}
