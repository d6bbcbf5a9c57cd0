package io.camelmedia.protocol.mjr;

import java.util.Objects;

/**
 * One data-channel message of a data recording ({@code t=d}): Janus writes the wall-clock time before it.
 *
 * @param wallMicros    when Janus received it (µs since the Unix epoch)
 * @param arrivalMillis MJR00002 arrival offset, -1 if unknown
 * @param fileOffset    byte offset of the record's data in the file
 * @param data          the message (UTF-8 text for {@code c=text}), owned by this object
 */
public record MjrDataMessage(long wallMicros, long arrivalMillis, long fileOffset, byte[] data) {
    public MjrDataMessage {
        Objects.requireNonNull(data, "data");
    }
}
