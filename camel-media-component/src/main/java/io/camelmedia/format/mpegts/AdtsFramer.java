package io.camelmedia.format.mpegts;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.aac.AdtsHeader;
import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * Raw AAC frames to ADTS frames (ISO/IEC 14496-3 1.A.2), the form stream_type 0x0F carries
 * (ITU-T H.222.0 2.4.4.9, ISO/IEC 13818-7 ADTS): a 7-byte header (no CRC) built from the track's
 * AudioSpecificConfig, then the raw frame. HE-AAC is signalled implicitly: the header carries the core
 * object type and rate, as ffmpeg's ADTS muxer writes.
 */
final class AdtsFramer {
    private Track configuredFor;
    private AudioSpecificConfig asc;

    byte[] frame(MediaFrame frame) {
        AudioSpecificConfig config = config(frame.track());
        int length = frame.payloadLength();
        byte[] out = new byte[AdtsHeader.HEADER_LENGTH + length];
        try {
            AdtsHeader.of(config, length).encode(out, 0);
        } catch (CodecException e) {
            throw new TsException("ADTS header for track " + frame.track().id() + ": " + e.getMessage(), e);
        }
        frame.copyPayload(0, out, AdtsHeader.HEADER_LENGTH, length);
        return out;
    }

    private AudioSpecificConfig config(Track track) {
        if (configuredFor != null && (configuredFor == track || configuredFor.sameConfig(track))) {
            return asc;
        }
        if (!track.hasConfig()) {
            throw new TsException("AAC track " + track.id() + " has no AudioSpecificConfig: ADTS needs one");
        }
        try {
            asc = AudioSpecificConfig.decode(track.config());
        } catch (CodecException e) {
            throw new TsException("AudioSpecificConfig of track " + track.id() + ": " + e.getMessage(), e);
        }
        configuredFor = track;
        return asc;
    }
}
