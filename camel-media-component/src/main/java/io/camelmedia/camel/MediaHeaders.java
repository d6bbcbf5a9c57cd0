package io.camelmedia.camel;

import org.apache.camel.spi.Metadata;

/**
 * The headers every Camel Media exchange carries. One exchange is one event of one stream:
 * {@code STARTED} (body: {@link io.camelmedia.frame.StreamInfo}), {@code FRAME} (body:
 * {@link io.camelmedia.frame.MediaFrame}) or {@code ENDED} (body: the last StreamInfo).
 */
public final class MediaHeaders {

    @Metadata(description = "The stream path, e.g. live/cam1: tells the streams of one consumer apart.",
              javaType = "String")
    public static final String STREAM = "CamelMediaStream";

    @Metadata(description = "STARTED, FRAME or ENDED.", javaType = "String", enums = "STARTED,FRAME,ENDED")
    public static final String EVENT = "CamelMediaEvent";

    @Metadata(description = "The id of the frame's track within its stream.", javaType = "Integer")
    public static final String TRACK = "CamelMediaTrack";

    @Metadata(description = "The codec of the frame (H264, H265, AV1, VP9, AAC, OPUS...).", javaType = "String")
    public static final String CODEC = "CamelMediaCodec";

    @Metadata(description = "VIDEO, AUDIO or DATA.", javaType = "String")
    public static final String MEDIA_TYPE = "CamelMediaType";

    @Metadata(description = "True when a decoder can start at this frame.", javaType = "Boolean")
    public static final String KEYFRAME = "CamelMediaKeyframe";

    @Metadata(description = "Presentation timestamp in ticks of the track's clock rate.", javaType = "Long")
    public static final String PTS = "CamelMediaPts";

    @Metadata(description = "Decoding timestamp in ticks of the track's clock rate.", javaType = "Long")
    public static final String DTS = "CamelMediaDts";

    @Metadata(description = "Ticks per second of CamelMediaPts / CamelMediaDts.", javaType = "Integer")
    public static final String CLOCK_RATE = "CamelMediaClockRate";

    @Metadata(description = "On ENDED: why the stream ended, e.g. publisher disconnected.", javaType = "String")
    public static final String REASON = "CamelMediaReason";

    @Metadata(description = "media:segment / media:remux: the segment's number in its stream, from 0.", javaType = "Long")
    public static final String SEGMENT_SEQUENCE = "CamelMediaSegmentSequence";

    @Metadata(description = "media:segment / media:remux: the segment's media duration in seconds.", javaType = "Double")
    public static final String SEGMENT_DURATION = "CamelMediaSegmentDuration";

    @Metadata(description = "media:segment / media:remux: presentation time of the segment's first frame, microseconds.",
              javaType = "Long")
    public static final String SEGMENT_FIRST_PTS = "CamelMediaSegmentFirstPts";

    @Metadata(description = "media:segment / media:remux: the first segment after a reconnect or parameter change.",
              javaType = "Boolean")
    public static final String SEGMENT_DISCONTINUITY = "CamelMediaSegmentDiscontinuity";

    @Metadata(description = "media:segment with fmp4: the initialization segment (ftyp + moov) the segment needs.",
              javaType = "byte[]")
    public static final String INIT_SEGMENT = "CamelMediaInitSegment";

    @Metadata(description = "media:record on ENDED: the container written (mp4, webm, opus, wav); live, on each finished"
                          + " file: fmp4, mpegts or webm.", javaType = "String")
    public static final String RECORD_FORMAT = "CamelMediaRecordFormat";

    @Metadata(description = "media:record on ENDED: frames written to the file.", javaType = "Long")
    public static final String RECORD_FRAMES = "CamelMediaRecordFrames";

    @Metadata(description = "media:record on ENDED: seconds from the first to the last frame written.", javaType = "Double")
    public static final String RECORD_DURATION = "CamelMediaRecordDuration";

    @Metadata(description = "media:record on ENDED: frames of tracks the file does not carry (data, other codecs).",
              javaType = "Long")
    public static final String RECORD_SKIPPED = "CamelMediaRecordSkipped";

    @Metadata(description = "media:record live: wall-clock time of the file's first frame, epoch milliseconds (its name says the"
                            + " same, UTC).", javaType = "Long")
    public static final String RECORD_START = "CamelMediaRecordStart";

    @Metadata(description = "media:record live: bytes of the finished file.", javaType = "Long")
    public static final String RECORD_SIZE = "CamelMediaRecordSize";

    @Metadata(description = "media:record live: parts left out of the file because the disk was behind.", javaType = "Long")
    public static final String RECORD_DROPPED_PARTS = "CamelMediaRecordDroppedParts";

    @Metadata(description = "media:record live: the file is an unfinished one found at start (after a crash) and made"
                            + " playable; duration and frames are then 0 (unknown).", javaType = "Boolean")
    public static final String RECORD_RECOVERED = "CamelMediaRecordRecovered";

    private MediaHeaders() {
    }
}
