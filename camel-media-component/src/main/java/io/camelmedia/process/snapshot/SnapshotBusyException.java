package io.camelmedia.process.snapshot;

/** Every snapshot thread and queue slot is busy: try again later (HTTP 503). */
public final class SnapshotBusyException extends RuntimeException {
    public SnapshotBusyException() {
        super("snapshot: every decoding thread is busy, try again");
    }
}
