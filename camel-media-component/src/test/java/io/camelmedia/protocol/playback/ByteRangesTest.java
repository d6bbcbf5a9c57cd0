package io.camelmedia.protocol.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 14.1.2 ranges (several: 14.6 parts, unless they overlap) against a 1000-byte file, and the request paths that are refused. */
class ByteRangesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-          | 0-999",
        "bytes=-500        | 500-999",
        "bytes=100-199     | 100-199",
        "BYTES = 100-199   | whole",
        "bytes= 100-199    | 100-199",
        "bytes=990-5000    | 990-999",
        "bytes=-5000       | 0-999",
        "bytes=999-        | 999-999",
        "bytes=1000-       | 416",
        "bytes=-0          | 416",
        "bytes=1000-1001, 2000- | 416",
        "bytes=0-1,5-6     | 0-1;5-6",
        "bytes=20-29, 0-9  | 20-29;0-9",
        "bytes=0-1,2000-   | 0-1",
        "bytes=0-9,5-20    | whole",
        "bytes=0-9,-995    | whole",
        "bytes=0-9,10-19   | 0-9;10-19",
        "bytes=500-100     | whole",
        "bytes=abc         | whole",
        "bytes=--1         | whole",
        "items=0-1         | whole",
        "bytes=1-2-3       | whole",
        "bytes=99999999999999999999- | whole",
    })
    void resolves(String header, String expected) {
        ByteRanges.Decision d = ByteRanges.resolve(header.trim(), 1000);
        String got = d instanceof ByteRanges.Part p ? p.first() + "-" + p.last()
                : d instanceof ByteRanges.Parts ps ? String.join(";", ps.parts().stream()
                        .map(p -> p.first() + "-" + p.last()).toList())
                : d instanceof ByteRanges.Unsatisfiable ? "416" : "whole";
        assertEquals(expected, got, header);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/..", "/a/../b", "/%2e%2e/x", "/%2E./x", "/a%2fb", "/a%5Cb", "/a\\b", "/a//b", "/./a",
        "/a/%00", "/a/%zz", "/a/%2"})
    void refusesPathsThatCouldLeaveTheFolder(String raw) {
        assertThrows(RequestPath.BadPath.class, () -> RequestPath.segments(raw));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"/live/cam1/list | live,cam1,list", "/a%20b/c+d | a b,c+d", "'' | ''"})
    void splitsAndDecodesThePath(String raw, String segments) throws Exception {
        assertEquals(segments.isEmpty() ? List.of() : List.of(segments.split(",")), RequestPath.segments(raw));
    }
}
