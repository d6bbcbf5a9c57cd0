package io.camelmedia.protocol.mjr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recording, read and ordered: its header, its RTP packets in play-out order (or its data messages),
 * what was found, and the damage that ended the reading early, if any.
 *
 * @param name     the file name
 * @param header   the info header
 * @param codec    the header's codec, checked
 * @param packets  RTP packets ordered by extended timestamp then sequence number (empty for data recordings)
 * @param messages data messages in file order (empty for audio/video)
 * @param stats    counters
 * @param damage   the error that stopped reading (every complete record before it is in {@code packets}), or null
 */
public record MjrTrack(String name, MjrHeader header, MjrCodec codec, List<MjrPacket> packets,
                       List<MjrDataMessage> messages, MjrTrackStats stats, MjrException damage) {
    public MjrTrack {
        Objects.requireNonNull(header, "header");
        packets = List.copyOf(packets);
        messages = List.copyOf(messages);
    }

    public Optional<MjrException> damageIfAny() {
        return Optional.ofNullable(damage);
    }

    /** RTP clock rate of the packets. */
    public int clockRate() {
        return codec.clockRate();
    }
}
