package io.camelmedia.format.flv;

import static io.camelmedia.format.flv.FlvBytes.require;
import static io.camelmedia.format.flv.FlvBytes.u24;
import static io.camelmedia.format.flv.FlvBytes.u8;

/**
 * Multitrack bodies (Enhanced RTMP v2, "Multitrack Streaming via Enhanced RTMP", enum AvMultitrackType),
 * shared by audio and video. We carry one video and one audio track: the default track, trackId 0 (the spec
 * RECOMMENDS 0 for the highest priority track). Other tracks are stepped over.
 *
 * <pre>
 * while (body bytes remain) {
 *   if (multitrackType == ManyTracksManyCodecs) fourCc = FOURCC
 *   trackId = UI8
 *   if (multitrackType != OneTrack) sizeOfTrack = UI24   // bytes of this track after this field
 *   ... the track's packet (as for a single track) ...
 * }
 * </pre>
 */
final class AvMultitrack {
    static final int ONE_TRACK = 0;
    static final int MANY_TRACKS = 1;
    static final int MANY_TRACKS_MANY_CODECS = 2;

    /** The trackId we carry. */
    static final int DEFAULT_TRACK_ID = 0;

    private AvMultitrack() {
    }

    /**
     * The part of a multitrack body that belongs to trackId 0.
     *
     * @param fourCc    the track's FourCC
     * @param from      where the track's packet data starts
     * @param to        where it ends
     * @param skipped   how many other tracks were stepped over before it (or in all, when not found)
     * @param found     false when the message has no trackId 0
     */
    record DefaultTrack(int fourCc, int from, int to, int skipped, boolean found) {
    }

    static void requireType(int multitrackType, String structure, byte[] b, int start, int end) {
        if (multitrackType > MANY_TRACKS_MANY_CODECS) {
            throw new FlvException(structure + ": AvMultitrackType " + multitrackType
                    + " is reserved (0 OneTrack, 1 ManyTracks, 2 ManyTracksManyCodecs are defined) (body "
                    + FlvBytes.hex(b, start, end) + ")");
        }
    }

    /** Walks the track entries from {@code pos}; {@code sharedFourCc} is the header's FourCC (unused for ManyTracksManyCodecs). */
    static DefaultTrack findDefault(byte[] b, int start, int end, int pos, int multitrackType, int sharedFourCc,
                                    String structure) {
        int skipped = 0;
        while (pos < end) {
            int fourCc = sharedFourCc;
            if (multitrackType == MANY_TRACKS_MANY_CODECS) {
                require(b, start, end, pos, 4, structure, "multitrack FourCC");
                fourCc = FlvBytes.fourCc(b, pos);
                pos += 4;
            }
            require(b, start, end, pos, 1, structure, "multitrack trackId");
            int trackId = u8(b, pos);
            pos += 1;
            int trackEnd = end;
            if (multitrackType != ONE_TRACK) {
                require(b, start, end, pos, 3, structure, "multitrack sizeOfTrack");
                int size = u24(b, pos);
                pos += 3;
                require(b, start, end, pos, size, structure, "multitrack track " + trackId + " of " + size + " bytes");
                trackEnd = pos + size;
            }
            if (trackId == DEFAULT_TRACK_ID) {
                return new DefaultTrack(fourCc, pos, trackEnd, skipped, true);
            }
            skipped++;
            pos = trackEnd;
            if (multitrackType == ONE_TRACK) {
                break;
            }
        }
        return new DefaultTrack(sharedFourCc, end, end, skipped, false);
    }
}
