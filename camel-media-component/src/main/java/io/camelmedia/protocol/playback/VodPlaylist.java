package io.camelmedia.protocol.playback;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.camelmedia.format.fmp4.FragmentIndex;

/**
 * An HLS VOD media playlist (RFC 8216, fMP4 segments 3.3) of recordings: per file an {@code EXT-X-MAP} of its
 * init bytes, then one segment per run of fragments from a key frame to the next, each an
 * {@code EXT-X-BYTERANGE} into the file (a segment starts on a key frame, so a player can start on any). A file
 * whose init bytes equal the previous file's keeps that {@code EXT-X-MAP} (ffmpeg's HLS demuxer does not take a
 * new init section mid-stream; the recorder's files of one stream share theirs); {@code EXT-X-DISCONTINUITY}
 * comes where the init changes or the media timeline jumps by more than {@link #MAX_GAP_SECONDS} (a file that
 * restarts its clock, a gap in the recording, a span cut). Each file states its wall-clock time as
 * {@code EXT-X-PROGRAM-DATE-TIME}. Segments overlapping {@code [from, to)} are listed; a file still being
 * written contributes its complete fragments.
 */
final class VodPlaylist {
    /** One recording file with its index and the URI the playlist names it by. */
    record Source(Recording recording, FragmentIndex index, String uri, byte[] init) {
    }

    /** Timeline gap between files above which they are discontinuous: the same as where /get re-times. */
    static final double MAX_GAP_SECONDS = io.camelmedia.format.fmp4.FragmentRetimer.MAX_GAP_SECONDS;

    private record Segment(long offset, long length, double start, double duration) {
    }

    private VodPlaylist() {
    }

    /** The playlist, or null when no segment overlaps the span. */
    static String build(List<Source> sources, Instant from, Instant to) {
        StringBuilder body = new StringBuilder();
        double target = 1;
        int listed = 0;
        byte[] lastInit = null;
        double lastEnd = Double.NaN;
        for (Source s : sources) {
            List<Segment> segments = segments(s.index());
            double first = s.index().fragments().isEmpty() ? 0 : s.index().fragments().get(0).start();
            boolean opened = false;
            for (Segment seg : segments) {
                Instant segStart = s.recording().start().plusNanos((long) ((seg.start() - first) * 1e9));
                Instant segEnd = segStart.plusNanos((long) (seg.duration() * 1e9));
                if ((from != null && !segEnd.isAfter(from)) || (to != null && !segStart.isBefore(to))) {
                    continue;
                }
                if (!opened) {
                    boolean sameInit = lastInit != null && java.util.Arrays.equals(lastInit, s.init());
                    boolean continuous = sameInit && Math.abs(seg.start() - lastEnd) <= MAX_GAP_SECONDS;
                    if (listed > 0 && !continuous) {
                        body.append("#EXT-X-DISCONTINUITY\n");
                    }
                    if (!sameInit) {
                        body.append("#EXT-X-MAP:URI=\"").append(s.uri()).append("\",BYTERANGE=\"")
                                .append(s.index().initLength()).append("@0\"\n");
                    }
                    body.append("#EXT-X-PROGRAM-DATE-TIME:").append(segStart.truncatedTo(ChronoUnit.MILLIS)).append('\n');
                    lastInit = s.init();
                    opened = true;
                } else if (Math.abs(seg.start() - lastEnd) > MAX_GAP_SECONDS) {
                    body.append("#EXT-X-DISCONTINUITY\n");
                }
                body.append(String.format(Locale.ROOT, "#EXTINF:%.3f,%n", seg.duration()));
                body.append("#EXT-X-BYTERANGE:").append(seg.length()).append('@').append(seg.offset()).append('\n');
                body.append(s.uri()).append('\n');
                target = Math.max(target, Math.ceil(seg.duration()));
                lastEnd = seg.start() + seg.duration();
                listed++;
            }
        }
        if (listed == 0) {
            return null;
        }
        return "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-TARGETDURATION:" + (long) target + "\n#EXT-X-MEDIA-SEQUENCE:0\n" + body + "#EXT-X-ENDLIST\n";
    }

    /** Fragments joined from each key frame to the next (a byte run: fragments follow one another in the file). */
    private static List<Segment> segments(FragmentIndex index) {
        List<Segment> out = new ArrayList<>();
        Segment open = null;
        for (FragmentIndex.Fragment f : index.fragments()) {
            if (open != null && !f.keyframe() && open.offset() + open.length() == f.offset()) {
                open = new Segment(open.offset(), open.length() + f.length(), open.start(),
                        f.start() + f.duration() - open.start());
                continue;
            }
            if (open != null) {
                out.add(open);
            }
            open = new Segment(f.offset(), f.length(), f.start(), f.duration());
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }
}
