package io.camelmedia.hub;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;

/** What a reader of the fan-out receives, in order, on the executor it subscribed with (never the publisher's). */
public interface ReaderListener {
    /** The stream's tracks; again after the publisher restarted the stream. */
    void started(StreamInfo info);

    /** A frame: first the cached GOP from its key frame, then live. */
    void frame(MediaFrame f);

    /** The stream ended, or this reader was dropped (too slow); nothing follows. */
    void ended(String reason);
}
