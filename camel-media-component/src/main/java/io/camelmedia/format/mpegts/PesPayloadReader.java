package io.camelmedia.format.mpegts;

import java.util.List;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * Turns the payload of one PES packet of an elementary stream into frames of its track (one access unit
 * for video, one or more audio frames). Implementations keep the track they learned and the next audio
 * time stamp; they throw {@link TsException} or {@code CodecException} for a payload they cannot use at all
 * and count partial damage in the stats.
 */
interface PesPayloadReader {
    /** The track once its configuration is known, else null (video before its first SPS/PPS). */
    Track track();

    /**
     * Reads {@code data[offset, offset+length)}.
     *
     * @param pts90k unwrapped 90 kHz PTS, or {@link PesHeader#NO_TIMESTAMP}
     * @param dts90k unwrapped 90 kHz DTS (equal to pts when the PES has none)
     * @param out    receives the frames, in order
     */
    void read(byte[] data, int offset, int length, long pts90k, long dts90k, List<MediaFrame> out);
}
