package io.camelmedia.format.frames;

/** A byte array that is not a frame record this version can read, with what is wrong and where. */
public final class FrameRecordException extends RuntimeException {
    public FrameRecordException(String message) {
        super(message);
    }
}
