package io.camelmedia.process.record;

import java.util.List;
import java.util.Locale;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;

/**
 * The complete-file containers a stream can be recorded into, one writer each in {@code format/}:
 * MP4 ({@code Mp4FileWriter}), WebM ({@code WebmWriter}), Ogg Opus ({@code OggOpusWriter}), WAV
 * ({@code WavWriter}). {@link #AUTO} picks by the stream's tracks, the way a Janus user would convert a
 * session by hand: mp4 for H.264/H.265/AV1 video, webm for VP8/VP9, opus for Opus-only audio, wav for
 * G.711/G.722/L16.
 */
public enum RecordFormat {
    MP4("mp4"), WEBM("webm"), OPUS("opus"), WAV("wav"), AUTO("");

    private final String extension;

    RecordFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension (no dot); empty for AUTO. */
    public String extension() {
        return extension;
    }

    /** The format for an option value: mp4, webm, opus (or ogg), wav, auto (case-insensitive). */
    public static RecordFormat of(String name) {
        String n = name == null ? "auto" : name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "mp4" -> MP4;
            case "webm" -> WEBM;
            case "opus", "ogg" -> OPUS;
            case "wav" -> WAV;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("record format must be mp4, webm, opus, wav or auto, was '" + name + "'");
        };
    }

    /** AUTO resolved for {@code tracks}; other formats as they are. */
    public RecordFormat resolve(List<Track> tracks) {
        if (this != AUTO) {
            return this;
        }
        Track video = tracks.stream().filter(t -> t.mediaType() == MediaType.VIDEO).findFirst().orElse(null);
        if (video != null) {
            return video.codec() == Codec.VP8 || video.codec() == Codec.VP9 ? WEBM : MP4;
        }
        Track audio = tracks.stream().filter(t -> t.mediaType() == MediaType.AUDIO).findFirst().orElse(null);
        if (audio == null) {
            throw new IllegalArgumentException("no audio or video track to record");
        }
        return switch (audio.codec()) {
            case OPUS -> OPUS;
            case PCMU, PCMA, G722, L16 -> WAV;
            default -> MP4;
        };
    }

    /** Whether this container carries {@code codec}. */
    public boolean carries(Codec codec) {
        return switch (this) {
            case MP4 -> codec == Codec.H264 || codec == Codec.H265 || codec == Codec.AV1 || codec == Codec.VP9
                    || codec == Codec.AAC || codec == Codec.MP3 || codec == Codec.OPUS;
            case WEBM -> codec == Codec.VP8 || codec == Codec.VP9 || codec == Codec.AV1 || codec == Codec.OPUS;
            case OPUS -> codec == Codec.OPUS;
            case WAV -> codec == Codec.PCMU || codec == Codec.PCMA || codec == Codec.G722 || codec == Codec.L16;
            case AUTO -> false;
        };
    }
}
