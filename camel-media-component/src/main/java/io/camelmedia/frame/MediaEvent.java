package io.camelmedia.frame;

/** Where in its life a stream is; carried by every exchange in the {@code CamelMediaEvent} header. */
public enum MediaEvent {
    /** Before the first frame; carries the {@link StreamInfo}. */
    STARTED,
    /** One {@link MediaFrame}. */
    FRAME,
    /** After the last frame (publisher left, or the stream was stopped). */
    ENDED
}
