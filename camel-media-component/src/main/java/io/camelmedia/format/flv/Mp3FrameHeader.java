package io.camelmedia.format.flv;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.mpa.MpegAudioFrameHeader;

/**
 * The sample rate and channel count of an MP3 track, from the MPEG audio frame header at the start of a
 * tag's data ({@link MpegAudioFrameHeader}): the FLV SoundRate field cannot say 48 kHz, and ffmpeg writes
 * 48 kHz MP3 as "44 kHz".
 *
 * @param sampleRate samples per second
 * @param channels   1 for single channel, else 2
 */
record Mp3FrameHeader(int sampleRate, int channels) {
    static final String STRUCTURE = "MP3 frame header";

    /** Reads the header at the start of {@code b[start, end)} (an MP3 tag's data). */
    static Mp3FrameHeader decode(byte[] b, int start, int end) {
        try {
            MpegAudioFrameHeader h = MpegAudioFrameHeader.decode(b, start, end - start);
            return new Mp3FrameHeader(h.sampleRate(), h.channels());
        } catch (CodecException e) {
            throw new FlvException(STRUCTURE + ": " + e.getMessage() + " of the MP3 data ("
                    + FlvBytes.hex(b, start, end) + ")", e);
        }
    }
}
