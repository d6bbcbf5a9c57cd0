package io.camelmedia.protocol.srt;

import io.camelmedia.format.mpegts.TsDemuxer;
import io.camelmedia.frame.MediaListener;
import io.netty.buffer.ByteBuf;

/**
 * A publishing SRT connection's payloads, an MPEG-TS byte stream, demuxed into one stream of {@code path}: STARTED
 * once the PMT's tracks are known, frames, ENDED when the connection ends (with its reason).
 */
public final class SrtMediaIngest implements SrtConnection.Handler {
    private final TsDemuxer demuxer;
    private final Runnable onClosed;

    /** {@code onClosed} runs after ENDED (e.g. releasing the path's claim). */
    public SrtMediaIngest(String path, MediaListener sink, Runnable onClosed) {
        this.demuxer = new TsDemuxer(path, sink);
        this.onClosed = onClosed;
    }

    @Override
    public void payload(SrtConnection connection, ByteBuf payload) {
        demuxer.feed(payload);
    }

    @Override
    public void closed(SrtConnection connection, String reason) {
        try {
            demuxer.close(reason);
        } finally {
            onClosed.run();
        }
    }
}
