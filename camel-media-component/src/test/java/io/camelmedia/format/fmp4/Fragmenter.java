package io.camelmedia.format.fmp4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * Test helper playing the HLS origin's part: cuts a recorded stream into fragments of one second of decode
 * time (every track's frames with dts in [n s, n+1 s) go into fragment n, one run per track), sample
 * durations from the next frame's dts (the last repeats the previous), and concatenates init + fragments.
 */
final class Fragmenter {
    private static final long FRAGMENT_MICROS = 1_000_000;

    private Fragmenter() {
    }

    /** The whole file: init segment for {@code tracks}, then one fragment per second, sequence numbers from 1. */
    static byte[] file(List<Track> tracks, List<MediaFrame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Fmp4Writer.initSegment(tracks));
        fragments(tracks, frames, 1).forEach(out::writeBytes);
        return out.toByteArray();
    }

    static List<byte[]> fragments(List<Track> tracks, List<MediaFrame> frames, long firstSequenceNumber) {
        Map<Integer, List<Sample>> samples = new LinkedHashMap<>();
        for (Track t : tracks) {
            samples.put(t.id(), samplesOf(frames.stream().filter(f -> f.track().id() == t.id()).toList()));
        }
        TreeMap<Long, List<TrackRun>> byFragment = new TreeMap<>();
        for (Track t : tracks) {
            Map<Long, List<Sample>> cut = new LinkedHashMap<>();
            for (Sample s : samples.get(t.id())) {
                cut.computeIfAbsent(s.frame().dtsMicros() / FRAGMENT_MICROS, k -> new ArrayList<>()).add(s);
            }
            cut.forEach((n, list) -> byFragment.computeIfAbsent(n, k -> new ArrayList<>())
                    .add(new TrackRun(t, list.get(0).frame().dts(), list)));
        }
        List<byte[]> out = new ArrayList<>();
        long seq = firstSequenceNumber;
        for (List<TrackRun> runs : byFragment.values()) {
            out.add(Fmp4Writer.fragment(seq++, runs));
        }
        return out;
    }

    /** Durations from the next frame's dts; the last sample repeats the one before (0 for a lone frame). */
    static List<Sample> samplesOf(List<MediaFrame> frames) {
        List<Sample> out = new ArrayList<>(frames.size());
        long last = 0;
        for (int i = 0; i < frames.size(); i++) {
            long d = i + 1 < frames.size() ? frames.get(i + 1).dts() - frames.get(i).dts() : last;
            out.add(new Sample(frames.get(i), d));
            last = d;
        }
        return out;
    }
}
