package io.camelmedia.process.transcode;

/** A transcode that cannot go on: an input FFmpeg refuses, or an encoder that is missing or fails. */
public final class AudioTranscodeException extends RuntimeException {
    public AudioTranscodeException(String message) {
        super(message);
    }
}
