package io.camelmedia.process.snapshot;

/** A key frame that could not be made into an image: FFmpeg's reason and the step that failed. */
public final class SnapshotException extends RuntimeException {
    public SnapshotException(String message) {
        super(message);
    }
}
