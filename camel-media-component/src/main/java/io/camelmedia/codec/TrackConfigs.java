package io.camelmedia.codec;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;

/**
 * Builds a {@link Track} from a codec configuration record: sets the record and what it tells
 * (width/height from the SPS, sample rate and channels from the AudioSpecificConfig or OpusHead...).
 */
public final class TrackConfigs {
    private TrackConfigs() {
    }

    /**
     * A track of {@code codec} described by {@code config} (ISO form: avcC, hvcC, av1C, vpcC,
     * AudioSpecificConfig, OpusHead; may be empty when the codec has none).
     *
     * @throws CodecException when {@code config} is malformed
     */
    public static Track track(int id, Codec codec, byte[] config) {
        // filled in by the codec work (issue 2); until then only the record itself is kept
        return Track.builder(id, codec).config(config).clockRate(codec.defaultClockRate() != 0 ? codec.defaultClockRate() : 1000).build();
    }
}
