package io.camelmedia.protocol.srt;

import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.StreamHub;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection that carries one stream of a fan-out out as MPEG-TS ({@link SrtMediaEgress}): subscribes when the
 * connection opens, with the connection's event loop as the reader's executor, and leaves when it ends. Used by a
 * listener's readers ({@code read:path}) and by a caller pushing a stream.
 */
public final class SrtStreamReader implements SrtConnection.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(SrtStreamReader.class);
    private final StreamHub fanOut;
    private final String path;
    private final String remote;
    private final ReaderConfig config;
    private final boolean closeOnEnd;
    private StreamHub.Reader reader;

    /** {@code closeOnEnd}: the stream's end closes the connection (a reader's); a push waits for the next start. */
    public SrtStreamReader(StreamHub fanOut, String path, String remote, ReaderConfig config, boolean closeOnEnd) {
        this.fanOut = fanOut;
        this.path = path;
        this.remote = remote;
        this.config = config;
        this.closeOnEnd = closeOnEnd;
    }

    @Override
    public void opened(SrtConnection c) {
        StreamHub.SubscribeResult r = fanOut.subscribe(path, config, new SrtMediaEgress(c, closeOnEnd),
                c.channel().eventLoop());
        if (r.reader() == null) {
            c.close("cannot read " + path + ": " + r.status(), true);
            return;
        }
        reader = r.reader();
        LOG.info("SRT {} reads {}", remote, path);
    }

    @Override
    public void payload(SrtConnection c, ByteBuf payload) {
        // a reader sends nothing we use
    }

    @Override
    public void closed(SrtConnection c, String reason) {
        if (reader != null) {
            reader.close();
            LOG.info("SRT {} stopped reading {}: {} ({}; {} frames, {} skipped in the hub)", remote, path, reason,
                    c.stats(), reader.delivered(), reader.skippedFrames());
        }
    }
}
