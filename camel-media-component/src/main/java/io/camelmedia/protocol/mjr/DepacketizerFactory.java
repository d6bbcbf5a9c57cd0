package io.camelmedia.protocol.mjr;

import io.camelmedia.protocol.rtp.payload.Depacketizer;

/**
 * Gives the {@link Depacketizer} for a recording's codec (one new instance per track), or null when the
 * codec is not supported: the session then refuses the recording with an {@link MjrException}.
 */
@FunctionalInterface
public interface DepacketizerFactory {
    Depacketizer create(MjrCodec codec, MjrHeader header);
}
