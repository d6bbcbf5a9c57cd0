package io.camelmedia.protocol.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.camelmedia.format.fmp4.FragmentIndex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EXT-X-MAP and EXT-X-DISCONTINUITY between two files: by their init bytes and their timelines. */
class VodPlaylistTest {
    static VodPlaylist.Source file(String name, Instant start, double mediaStart, byte[] init) {
        List<FragmentIndex.Fragment> fragments = List.of(
                new FragmentIndex.Fragment(100, 50, mediaStart, 1, true),
                new FragmentIndex.Fragment(150, 50, mediaStart + 1, 1, false));
        FragmentIndex index = new FragmentIndex(100, List.of(new FragmentIndex.TrackInfo(1, 90000, "vide")), fragments,
                200, true);
        return new VodPlaylist.Source(new Recording("live/x", name, Path.of(name), start, 200, 0, false), index, name, init);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "same init, one timeline (the recorder)   | 1 | 2 | 0 | 1",
        "other init                                | 2 | 2 | 1 | 1",
        "same init, the clock restarts             | 1 | 0 | 1 | 1",
        "same init, a 10 s gap                     | 1 | 12 | 1 | 1",
    })
    void mapsAndDiscontinuities(String what, int secondInit, double secondMediaStart, int discontinuities,
                                int firstInit) {
        Instant t0 = Instant.parse("2026-01-02T03:04:05Z");
        String text = VodPlaylist.build(List.of(file("a.mp4", t0, 0, new byte[] {(byte) firstInit}),
                file("b.mp4", t0.plusSeconds(2), secondMediaStart, new byte[] {(byte) secondInit})), null, null);
        assertEquals(secondInit == firstInit ? 1 : 2, text.lines().filter(l -> l.startsWith("#EXT-X-MAP:")).count(), text);
        assertEquals(discontinuities, text.lines().filter(l -> l.equals("#EXT-X-DISCONTINUITY")).count(), text);
        assertEquals(2, text.lines().filter(l -> l.startsWith("#EXT-X-BYTERANGE:100@100")).count(), text);
    }

    @ParameterizedTest(name = "{0} s")
    @CsvSource({"2026-01-02T03:04:05Z, 4, 2", "2026-01-02T03:04:06Z, 0.5, 1", "2026-01-02T03:05:00Z, 1, -1"})
    void aSpanKeepsTheSegmentsOverlappingIt(String from, double duration, int segments) {
        Instant t0 = Instant.parse("2026-01-02T03:04:05Z");
        Instant f = Instant.parse(from);
        String text = VodPlaylist.build(List.of(file("a.mp4", t0, 0, new byte[] {1}),
                file("b.mp4", t0.plusSeconds(2), 2, new byte[] {1})), f, f.plusMillis((long) (duration * 1000)));
        if (segments < 0) {
            assertNull(text);
            return;
        }
        assertEquals(segments, text.lines().filter(l -> l.startsWith("#EXTINF:")).count(), text);
    }
}
