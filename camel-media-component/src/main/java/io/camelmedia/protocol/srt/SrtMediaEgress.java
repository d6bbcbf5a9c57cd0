package io.camelmedia.protocol.srt;

import java.util.List;

import io.camelmedia.format.mpegts.TsException;
import io.camelmedia.format.mpegts.TsMuxer;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.hub.ReaderListener;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream sent over one SRT connection as MPEG-TS, the way encoders send it: PAT and PMT before every video key
 * frame (and each second for audio only), one PES per frame, cut into payloads of 7 TS packets (1316 bytes); a
 * frame's last payload goes out at once, shorter, so no frame waits for the next. Starts at a video key frame.
 * Tracks MPEG-TS cannot carry (VP8, VP9, AV1, G.711...) are left out, with one log line. Runs on the connection's
 * event loop (subscribe the hub reader with it).
 */
public final class SrtMediaEgress implements ReaderListener {
    private static final Logger LOG = LoggerFactory.getLogger(SrtMediaEgress.class);
    private static final long TABLES_INTERVAL_US = 1_000_000;

    private final SrtConnection connection;
    private final boolean closeOnEnd;
    private TsMuxer muxer;
    private List<Track> tracks = List.of();
    private boolean hasVideo;
    private boolean waitingForKey;
    private long lastTablesUs = Long.MIN_VALUE;
    private long frames;
    private long skipped;

    /** {@code closeOnEnd}: a stream's end also ends the connection (a reader's); else it waits for the next start. */
    public SrtMediaEgress(SrtConnection connection, boolean closeOnEnd) {
        this.connection = connection;
        this.closeOnEnd = closeOnEnd;
    }

    @Override
    public void started(StreamInfo info) {
        List<Track> carried = info.tracks().stream().filter(t -> TsMuxer.supports(t.codec())).toList();
        if (carried.size() < info.tracks().size()) {
            LOG.info("SRT {}: {} not carried over MPEG-TS", connection.peer(), info.tracks().stream()
                    .filter(t -> !TsMuxer.supports(t.codec())).map(t -> t.codec().name()).toList());
        }
        if (carried.isEmpty()) {
            connection.close("no track of " + info.path() + " can go over MPEG-TS (" + info.describe() + ")", true);
            return;
        }
        tracks = carried;
        muxer = new TsMuxer(carried);
        hasVideo = carried.stream().anyMatch(t -> t.mediaType() == MediaType.VIDEO);
        waitingForKey = hasVideo;
        lastTablesUs = Long.MIN_VALUE;
    }

    @Override
    public void frame(MediaFrame f) {
        if (muxer == null || !connection.isOpen() || tracks.stream().noneMatch(t -> t.id() == f.track().id())) {
            return;
        }
        boolean videoKey = f.keyframe() && f.track().mediaType() == MediaType.VIDEO;
        if (waitingForKey && !videoKey) {
            skipped++;
            return;
        }
        waitingForKey = false;
        ByteBuf out = connection.channel().alloc().buffer(f.payloadLength() + 1024);
        try {
            long us = f.dtsMicros();
            if (videoKey || (!hasVideo && us - lastTablesUs >= TABLES_INTERVAL_US) || lastTablesUs == Long.MIN_VALUE) {
                muxer.writeTables(out);
                lastTablesUs = us;
            }
            muxer.writeFrame(f, out);
            while (out.isReadable()) {
                connection.send(out.readSlice(Math.min(SrtPacket.LIVE_PAYLOAD, out.readableBytes())));
            }
            frames++;
        } catch (TsException e) {
            skipped++;
            LOG.debug("SRT {}: frame not sent: {}", connection.peer(), e.getMessage());
        } finally {
            out.release();
        }
    }

    @Override
    public void ended(String reason) {
        muxer = null;
        if (closeOnEnd) {
            connection.closeAfterDrain("stream ended: " + reason);
        }
    }

    public long frames() {
        return frames;
    }

    public long skipped() {
        return skipped;
    }
}
