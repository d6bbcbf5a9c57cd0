package io.camelmedia.process.filein;

/** A media file that cannot be opened or read any further; the message is the demuxer's reason. */
public final class MediaFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MediaFileException(String message) {
        super(message);
    }

    public MediaFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
