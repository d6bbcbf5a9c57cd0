package io.camelmedia.frame;

/** What kind of media a track carries. */
public enum MediaType {
    VIDEO,
    AUDIO,
    DATA
}
