package io.camelmedia.camel.mjr;

import org.apache.camel.spi.Metadata;

/**
 * Headers of {@code file-mjr:} exchanges, on top of the {@code CamelMedia*} ones every media consumer sets.
 * The info header of each recording of the session is exposed on STARTED and ENDED as
 * {@code CamelMjr<Kind><Field>}, Kind one of Audio, Video, Data and Field one of Codec ({@code c}), Fmtp
 * ({@code f}), Data ({@code d}), Extensions ({@code x}, a Map), Created ({@code s}, µs), FirstPacket
 * ({@code u}, µs), OpusRed ({@code or}), E2ee ({@code e}), Json (the raw JSON), File (the file name).
 */
public final class MjrConstants {
    @Metadata(description = "STARTED and ENDED: the recordings of the session (file names).", javaType = "java.util.List<String>")
    public static final String FILES = "CamelMjrFiles";

    @Metadata(description = "STARTED and ENDED: the session name (the files' common name without the suffix).", javaType = "String")
    public static final String SESSION = "CamelMjrSession";

    @Metadata(description = "The video recording's codec (info header c), e.g. h264, vp8.", javaType = "String")
    public static final String VIDEO_CODEC = "CamelMjrVideoCodec";

    @Metadata(description = "The audio recording's codec (info header c), e.g. opus, pcmu.", javaType = "String")
    public static final String AUDIO_CODEC = "CamelMjrAudioCodec";

    @Metadata(description = "The video recording's creation time (info header s), µs since the epoch.", javaType = "Long")
    public static final String VIDEO_CREATED = "CamelMjrVideoCreated";

    @Metadata(description = "The audio recording's creation time (info header s), µs since the epoch.", javaType = "Long")
    public static final String AUDIO_CREATED = "CamelMjrAudioCreated";

    @Metadata(description = "ENDED: the stream's duration in seconds, first to last frame.", javaType = "Double")
    public static final String DURATION = "CamelMjrDuration";

    @Metadata(description = "ENDED: frames delivered over all tracks.", javaType = "Long")
    public static final String FRAMES = "CamelMjrFrames";

    @Metadata(description = "ENDED: RTP packets missing in the recordings (sequence gaps).", javaType = "Long")
    public static final String LOST = "CamelMjrLost";

    @Metadata(description = "ENDED: frames the depacketizers dropped (loss, incomplete frames, waiting for a key frame).",
              javaType = "Long")
    public static final String DROPPED = "CamelMjrDropped";

    @Metadata(description = "ENDED: the damage that ended reading (file, byte offset, what), when there was any.",
              javaType = "String")
    public static final String ERROR = "CamelMjrError";

    @Metadata(description = "ENDED: the byte offset of the damage in its file, -1 when not known.", javaType = "Long")
    public static final String ERROR_OFFSET = "CamelMjrErrorOffset";

    @Metadata(description = "ENDED: the file the damage was found in.", javaType = "String")
    public static final String ERROR_FILE = "CamelMjrErrorFile";

    private MjrConstants() {
    }
}
