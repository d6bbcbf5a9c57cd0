package io.camelmedia.format.fmp4;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.camelmedia.frame.Track;

/**
 * The {@code moov} box of an init segment (ISO/IEC 14496-12 8.2.1): {@code mvhd}, one {@code trak} per
 * track ({@link TrackBox}) with empty sample tables, and {@code mvex} with one {@code trex} per track
 * (8.8.1, 8.8.3), which is what makes the file fragmented. Durations are 0: the movie is live, its
 * length is the sum of the fragments (8.8.2 mehd is optional and left out).
 */
final class MovieBox {
    /** mvhd timescale: milliseconds. Only durations (all 0) use it; each track has its own clock. */
    static final int MOVIE_TIMESCALE = 1000;
    /** Tracks per init segment: a muxed HLS variant has one video and one or two audio tracks; 64 is ample. */
    static final int MAX_TRACKS = 64;
    /** 16.16 fixed-point 1.0 (rate) and the unity matrix of 8.2.2.3. */
    static final int FIXED_16_16_ONE = 0x0001_0000;
    private static final int[] UNITY_MATRIX = {FIXED_16_16_ONE, 0, 0, 0, FIXED_16_16_ONE, 0, 0, 0, 0x4000_0000};
    /** 8.8.3.1 trex and 8.8.7 tfhd: the first (only) sample entry of stsd. */
    static final int SAMPLE_DESCRIPTION_INDEX = 1;

    private MovieBox() {
    }

    static Box of(List<Track> tracks) {
        checkTracks(tracks);
        List<Box> children = new ArrayList<>(tracks.size() + 2);
        int nextTrackId = 1;
        for (Track t : tracks) {
            nextTrackId = Math.max(nextTrackId, t.id() + 1);
        }
        children.add(movieHeader(nextTrackId));
        for (Track t : tracks) {
            children.add(TrackBox.of(t));
        }
        List<Box> trex = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            trex.add(trackExtends(t.id()));
        }
        children.add(Box.container("mvex", trex));
        return Box.container("moov", children);
    }

    private static void checkTracks(List<Track> tracks) {
        if (tracks.isEmpty()) {
            throw new Fmp4Exception("moov: at least one track is needed");
        }
        if (tracks.size() > MAX_TRACKS) {
            throw Fmp4Exception.limit("moov", "track count", tracks.size(), MAX_TRACKS, tracks.get(0).id());
        }
        Set<Integer> ids = new HashSet<>();
        for (Track t : tracks) {
            checkTrackId(t.id());
            if (!ids.add(t.id())) {
                throw new Fmp4Exception("moov: track_ID " + t.id() + " appears twice");
            }
        }
    }

    /** 8.3.2.3: track_ID "cannot be zero"; it is an unsigned 32-bit field, and Java ids are int. */
    static void checkTrackId(int id) {
        if (id <= 0) {
            throw new Fmp4Exception("tkhd: track_ID " + id + " is invalid (must be 1 or more)");
        }
    }

    /** 8.2.2 mvhd, version 0: times 0, rate 1.0, volume 1.0, unity matrix, next_track_ID. */
    private static Box movieHeader(int nextTrackId) {
        return Box.full("mvhd", 0, 0, 96, w -> {
            w.u32(0).u32(0); // creation_time, modification_time: unknown
            w.u32(MOVIE_TIMESCALE).u32(0); // timescale, duration
            w.u32(FIXED_16_16_ONE).u16(0x0100); // rate 1.0, volume 1.0 (8.8)
            w.zeros(2 + 8); // reserved
            matrix(w);
            w.zeros(24); // pre_defined
            w.u32(nextTrackId);
        });
    }

    static void matrix(BoxWriter w) {
        for (int m : UNITY_MATRIX) {
            w.u32(m);
        }
    }

    /** 8.8.3 trex: no defaults; every fragment says what it means (tfhd / trun). */
    private static Box trackExtends(int trackId) {
        return Box.full("trex", 0, 0, 20, w -> w.u32(trackId).u32(SAMPLE_DESCRIPTION_INDEX).u32(0).u32(0).u32(0));
    }
}
