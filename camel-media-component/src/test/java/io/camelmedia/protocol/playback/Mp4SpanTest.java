package io.camelmedia.protocol.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which fragments a /get span takes (each 50 bytes after a 1-byte init): a.mp4 at 0 s and b.mp4 at 2 s share an
 * init and a timeline (fragments of 1 s, a key frame every 2 s), c.mp4 at 10 s, after a gap, has another init.
 */
class Mp4SpanTest {
    @ParameterizedTest(name = "from {0} s for {1} s: {2}")
    @CsvSource(delimiter = '|', value = {
        "0.5  | 1   | 2  | the key frame at 0, to the fragment starting before 1.5",
        "1.5  | 1   | 3  | back to the key frame at 0 (its run covers 1.5), on into b.mp4",
        "2    | 0.5 | 1  | a key frame right at the start",
        "4.5  | 2   | -1 | in the gap, nothing before the end",
        "4.5  | 6   | 1  | in the gap: the first key frame after it (c.mp4, its own init)",
        "3.5  | 10  | 2  | b.mp4 from its key frame, stopping where the init changes",
        "-5   | 1   | -1 | before every recording",
        "-0.5 | 1   | 1  | just before the first recording: its first key frame",
    })
    void takesTheFragmentsFromTheKeyFrameAtOrBeforeTheStart(double from, double duration, int fragments, String what) {
        Instant t0 = Instant.parse("2026-01-02T03:04:05Z");
        List<VodPlaylist.Source> sources = List.of(VodPlaylistTest.file("a.mp4", t0, 0, new byte[] {1}),
                VodPlaylistTest.file("b.mp4", t0.plusSeconds(2), 2, new byte[] {1}),
                VodPlaylistTest.file("c.mp4", t0.plusSeconds(10), 0, new byte[] {2}));
        Instant f = t0.plusMillis((long) (from * 1000));
        StreamedBody body = Mp4Span.of(sources, f, f.plusMillis((long) (duration * 1000)));
        assertEquals(fragments, body == null ? -1 : (body.length() - 1) / 50, what);
    }
}
