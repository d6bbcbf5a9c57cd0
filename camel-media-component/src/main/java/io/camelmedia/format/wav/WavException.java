package io.camelmedia.format.wav;

/** The WAV writer was given something it cannot write (a codec it does not decode, a RIFF size limit reached). */
public class WavException extends IllegalArgumentException {
    public WavException(String message) {
        super(message);
    }
}
