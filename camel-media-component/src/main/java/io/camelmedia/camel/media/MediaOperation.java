package io.camelmedia.camel.media;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The processing steps {@code media:} offers. */
public enum MediaOperation {
    /** H.264/H.265 between AVCC (length-prefixed) and Annex B (start codes), parameter sets handled. */
    annexb,
    /** Frames to complete segments (MPEG-TS or fMP4), one exchange per segment. */
    segment,
    /** Frames to a continuous container stream (fMP4: init then fragments; MPEG-TS), one exchange per fragment. */
    remux,
    /** Each stream into ONE complete file (mp4, webm, opus, wav), emitted on ENDED. */
    record,
    /** Chunks of a container byte stream (MPEG-TS from UDP) into a stream's STARTED, FRAME and ENDED exchanges. */
    demux,
    /** Each stream's audio re-encoded (Opus or AAC) on a bounded pool; video and other frames pass through. */
    transcode,
    /** JPEG/PNG of video key frames: every interval as the route's exchange, or (serve=true) over HTTP on request. */
    snapshot;

    static MediaOperation of(String name) {
        try {
            return valueOf(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("media: unknown operation '" + name + "', expected one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")), e);
        }
    }
}
