package io.camelmedia.protocol.srt;

import io.camelmedia.format.mpegts.TsException;
import io.camelmedia.format.mpegts.TsLiveWriter;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.ReaderListener;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream sent over one SRT connection as MPEG-TS, the way encoders send it ({@link TsLiveWriter}), cut into
 * payloads of 7 TS packets (1316 bytes); a frame's last payload goes out at once, shorter, so no frame waits for
 * the next. Tracks MPEG-TS cannot carry (VP8, VP9, AV1, G.711...) are left out, with one log line. Runs on the
 * connection's event loop (subscribe the hub reader with it).
 */
public final class SrtMediaEgress implements ReaderListener {
    private static final Logger LOG = LoggerFactory.getLogger(SrtMediaEgress.class);

    private final SrtConnection connection;
    private final boolean closeOnEnd;
    private TsLiveWriter writer;

    /** {@code closeOnEnd}: a stream's end also ends the connection (a reader's); else it waits for the next start. */
    public SrtMediaEgress(SrtConnection connection, boolean closeOnEnd) {
        this.connection = connection;
        this.closeOnEnd = closeOnEnd;
    }

    @Override
    public void started(StreamInfo info) {
        try {
            writer = new TsLiveWriter(info.tracks());
        } catch (TsException e) {
            writer = null;
            connection.close(info.path() + ": " + e.getMessage(), true);
            return;
        }
        if (!writer.leftOut().isEmpty()) {
            LOG.info("SRT {}: {} not carried over MPEG-TS", connection.peer(),
                    writer.leftOut().stream().map(t -> t.codec().name()).toList());
        }
    }

    @Override
    public void frame(MediaFrame f) {
        if (writer == null || !connection.isOpen()) {
            return;
        }
        ByteBuf out = connection.channel().alloc().buffer(f.payloadLength() + 1024);
        try {
            if (!writer.write(f, out)) {
                return;
            }
            while (out.isReadable()) {
                connection.send(out.readSlice(Math.min(SrtPacket.LIVE_PAYLOAD, out.readableBytes())));
            }
        } catch (TsException e) {
            LOG.debug("SRT {}: frame not sent: {}", connection.peer(), e.getMessage());
        } finally {
            out.release();
        }
    }

    @Override
    public void ended(String reason) {
        writer = null;
        if (closeOnEnd) {
            connection.closeAfterDrain("stream ended: " + reason);
        }
    }
}
