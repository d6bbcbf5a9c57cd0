package io.camelmedia.frame;

/**
 * Receives the life of live streams from an ingest protocol. For one stream, calls come in order
 * (started, frames, ended) on one thread at a time; different streams may be on different threads.
 * Implementations must not block: they run on the connection's event loop.
 */
public interface MediaListener {

    /** A stream begins; {@code info} lists every track known before the first frame. */
    void started(StreamInfo info);

    /** One frame of {@code path}. A frame whose Track differs from before announces a parameter change. */
    void frame(String path, MediaFrame frame);

    /** The stream ended; {@code reason} says why in a few words (e.g. "publisher disconnected"). */
    void ended(String path, String reason);
}
