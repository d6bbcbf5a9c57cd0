package io.camelmedia.protocol.mjr;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * A Janus {@code .mjr} recording is damaged or unusable. The message names the file, the byte offset and
 * what is wrong, e.g. {@code "rec.mjr: record at byte 123456: length 61234 past the end of the file (40 bytes
 * left)"}. Readers that meet damage first deliver every complete record before it, then throw this.
 */
public class MjrException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    public MjrException(String file, long offset, String what) {
        super(file + ": " + (offset >= 0 ? "at byte " + offset + ": " : "") + what);
        this.file = file;
        this.offset = offset;
    }

    private MjrException(String file, long offset, String message, boolean raw) {
        super(message);
        this.file = file;
        this.offset = offset;
    }

    /** "file: record at byte N: what" — a record's own damage. */
    public static MjrException record(String file, long offset, String what) {
        return new MjrException(file, offset, file + ": record at byte " + offset + ": " + what, true);
    }

    /** "file: header: what" — the file or info header is unusable (nothing to keep). */
    public static MjrException header(String file, long offset, String what) {
        return new MjrException(file, offset, file + ": header at byte " + offset + ": " + what, true);
    }

    /** The file name (or the label the caller gave an in-memory recording). */
    public String file() {
        return file;
    }

    /** Byte offset in the file where the damage starts, or -1 when the problem is not at a place in the file. */
    public long offset() {
        return offset;
    }
}
