package io.camelmedia.format.mpegts;

import java.util.Arrays;
import java.util.List;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * The loop shared by audio whose frames start with a syncword and say their own length (ADTS, MPEG audio):
 * frames back to back in a PES. The first frame of a PES takes its PTS (converted to the sample-rate clock,
 * the inverse of the muxer's rounding); each next one, and the first of a PES without PTS, follows the
 * previous by its duration. Bytes that are not a frame are skipped to the next syncword and counted; a
 * frame cut short by the end of the PES is dropped and counted (muxers align audio frames to PES packets).
 */
abstract class FramedAudioPesReader implements PesPayloadReader {
    /** One frame found by {@link #header}: bytes to strip, bytes of the frame (0: the rest of the PES), duration. */
    record Frame(int headerLength, int frameLength, int samples) {
    }

    protected final int trackId;
    protected final TsDemuxerStats stats;
    protected Track track;
    private final String structure;
    private final int syncMask;
    private long nextPts;

    /** @param syncMask bits of the second byte that are ones in the syncword after 0xFF */
    FramedAudioPesReader(int trackId, TsDemuxerStats stats, String structure, int syncMask) {
        this.trackId = trackId;
        this.stats = stats;
        this.structure = structure;
        this.syncMask = syncMask;
    }

    @Override
    public Track track() {
        return track;
    }

    /** Decodes the header at {@code data[pos, end)} and keeps {@link #track} up to date with it. */
    abstract Frame header(byte[] data, int pos, int end);

    @Override
    public void read(byte[] data, int offset, int length, long pts90k, long dts90k, List<MediaFrame> out) {
        int end = offset + length;
        int pos = offset;
        boolean first = true;
        while (pos < end) {
            int sync = nextSync(data, pos, end);
            if (sync != pos) {
                fail(((sync < 0 ? end : sync) - pos) + " bytes without a syncword");
                if (sync < 0) {
                    return;
                }
                pos = sync;
            }
            Frame f;
            try {
                f = header(data, pos, end);
            } catch (IllegalArgumentException e) { // CodecException
                stats.elementaryStreamErrors++;
                stats.error(e.getMessage());
                pos++;
                continue;
            }
            int frameLength = f.frameLength() == 0 ? end - pos : f.frameLength();
            if (frameLength > end - pos) {
                fail("a frame of " + frameLength + " bytes runs past the PES (" + (end - pos) + " bytes left)");
                return;
            }
            if (first && pts90k != PesHeader.NO_TIMESTAMP) {
                nextPts = SystemClock.from90k(pts90k, track.clockRate());
            }
            first = false;
            byte[] frame = Arrays.copyOfRange(data, pos + f.headerLength(), pos + frameLength);
            out.add(MediaFrame.of(track, nextPts, nextPts, true, BitstreamFormat.RAW, frame));
            nextPts += f.samples();
            pos += frameLength;
        }
    }

    private void fail(String what) {
        stats.elementaryStreamErrors++;
        stats.error(structure + ": " + what + " on track " + trackId);
    }

    /** Index of the first 0xFF followed by a byte with the syncMask bits set in {@code b[from, end)}, or -1. */
    private int nextSync(byte[] b, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & syncMask) == syncMask) {
                return i;
            }
        }
        return -1;
    }
}
