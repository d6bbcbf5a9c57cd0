package io.camelmedia.format.flv;

import java.util.Map;

import io.camelmedia.frame.MediaListener;

/**
 * Turns the FLV tag bodies of one live stream (RTMP messages of type 8 audio / 9 video, or the tags of
 * an FLV file) into the stream's life: {@code started(StreamInfo)}, frames, {@code ended}.
 *
 * <p>Tracks: video is track id 1, audio is track id 2. Video pts/dts are on a 90 kHz clock
 * ({@code dts = ms * 90}, {@code pts = (ms + compositionTime) * 90}); audio is on its sample rate
 * ({@code round(ms * rate / 1000)}). H.264/H.265 frames are {@code AVCC} with 4-byte lengths.
 *
 * <p>STARTED is sent once every track that onMetaData announced has its sequence header (or, without
 * metadata, at the first coded frame), and before any frame; frames that arrive before that are held,
 * boundedly. Not thread-safe: one stream, one thread (its connection's event loop).
 */
public final class FlvStreamAssembler {

    /** Default bound on one frame's payload (8 MiB, mediacommon's MaxAccessUnitSize: a 50 Mb/s 2160p60 IDR). */
    public static final int DEFAULT_MAX_FRAME_SIZE = 8 * 1024 * 1024;

    private final String path;
    private final MediaListener listener;

    public FlvStreamAssembler(String path, MediaListener listener, int maxFrameSize) {
        this.path = path;
        this.listener = listener;
    }

    /** {@code @setDataFrame onMetaData} (or an FLV file's script tag): the object's properties. */
    public void metadata(Map<String, Object> properties) {
        throw new UnsupportedOperationException("FLV assembler: to be written (issue 2)");
    }

    /**
     * One video tag body.
     *
     * @param timestampMs the tag's timestamp in milliseconds, already extended (never wraps)
     * @throws FlvException when the body is malformed; the stream should then be closed
     */
    public void video(long timestampMs, byte[] body, int offset, int length) {
        throw new UnsupportedOperationException("FLV assembler: to be written (issue 2)");
    }

    /** One audio tag body; see {@link #video}. */
    public void audio(long timestampMs, byte[] body, int offset, int length) {
        throw new UnsupportedOperationException("FLV assembler: to be written (issue 2)");
    }

    /** The publisher is gone: flush what is held, then {@code ended(path, reason)} (only if started). */
    public void end(String reason) {
        throw new UnsupportedOperationException("FLV assembler: to be written (issue 2)");
    }
}
