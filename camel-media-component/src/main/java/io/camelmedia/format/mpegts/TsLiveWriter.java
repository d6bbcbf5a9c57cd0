package io.camelmedia.format.mpegts;

import java.util.List;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.netty.buffer.ByteBuf;

/**
 * One live stream as the continuous MPEG-TS that encoders send over SRT and UDP: each frame is muxed as it
 * comes (one PES, no waiting for a fragment), PAT and PMT before every video key frame (every second when there
 * is no video, and before the first frame), starting at a video key frame. Tracks MPEG-TS cannot carry are left
 * out ({@link #leftOut()}). The caller cuts the bytes into its transport's payloads (7 packets, 1316 bytes, for
 * SRT and UDP). One writer per stream, used from one thread at a time.
 */
public final class TsLiveWriter {
    /** Tables at least every second without video: players joining an audio-only stream wait at most that. */
    private static final long TABLES_INTERVAL_US = 1_000_000;

    private final TsMuxer muxer;
    private final List<Track> tracks;
    private final List<Track> leftOut;
    private final boolean hasVideo;
    private boolean waitingForKey;
    private long lastTablesUs = Long.MIN_VALUE;

    /** @throws TsException when none of {@code tracks} can go over MPEG-TS */
    public TsLiveWriter(List<Track> tracks) {
        this.tracks = tracks.stream().filter(t -> TsMuxer.supports(t.codec())).toList();
        this.leftOut = tracks.stream().filter(t -> !TsMuxer.supports(t.codec())).toList();
        if (this.tracks.isEmpty()) {
            throw new TsException("no track can go over MPEG-TS: " + tracks.stream().map(t -> t.codec().name()).toList());
        }
        this.muxer = new TsMuxer(this.tracks);
        this.hasVideo = this.tracks.stream().anyMatch(t -> t.mediaType() == MediaType.VIDEO);
        this.waitingForKey = hasVideo;
    }

    /** The tracks of the constructor this writer does not carry (VP8, VP9, AV1, G.711...). */
    public List<Track> leftOut() {
        return leftOut;
    }

    /**
     * Appends {@code f}'s packets (tables first when due) to {@code out}. Returns false, writing nothing, for a
     * frame of a track left out or a frame before the first video key frame.
     *
     * @throws TsException when the frame cannot be muxed (see {@link TsMuxer#writeFrame})
     */
    public boolean write(MediaFrame f, ByteBuf out) {
        if (tracks.stream().noneMatch(t -> t.id() == f.track().id())) {
            return false;
        }
        boolean videoKey = f.keyframe() && f.track().mediaType() == MediaType.VIDEO;
        if (waitingForKey && !videoKey) {
            return false;
        }
        waitingForKey = false;
        long us = f.dtsMicros();
        if (videoKey || lastTablesUs == Long.MIN_VALUE || (!hasVideo && us - lastTablesUs >= TABLES_INTERVAL_US)) {
            muxer.writeTables(out);
            lastTablesUs = us;
        }
        muxer.writeFrame(f, out);
        return true;
    }
}
