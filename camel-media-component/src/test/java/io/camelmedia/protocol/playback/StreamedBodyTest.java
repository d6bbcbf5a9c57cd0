package io.camelmedia.protocol.playback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamed bodies over a real file: exact length and bytes, multipart framing, an abort that closes the file. */
class StreamedBodyTest {
    @TempDir
    Path dir;

    private Path file(int size) throws Exception {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31);
        }
        return Files.write(dir.resolve("2026-01-02_03-04-05-000.mp4"), b);
    }

    @Test
    void multipartBodyIsTheRangesFramedAsRfc9110Says() throws Exception {
        Path f = file(1000);
        byte[] all = Files.readAllBytes(f);
        StreamedBody body = MultipartByteRanges.body(f, List.of(new ByteRanges.Part(20, 29), new ByteRanges.Part(0, 9)),
                1000, "video/mp4", "XYZ");
        byte[] got;
        try (StreamedBody.Reader r = body.open()) {
            got = r.readAllBytes();
        }
        String expected = "--XYZ\r\nContent-Type: video/mp4\r\nContent-Range: bytes 20-29/1000\r\n\r\n"
                + new String(all, 20, 10, StandardCharsets.ISO_8859_1)
                + "\r\n--XYZ\r\nContent-Type: video/mp4\r\nContent-Range: bytes 0-9/1000\r\n\r\n"
                + new String(all, 0, 10, StandardCharsets.ISO_8859_1) + "\r\n--XYZ--\r\n";
        assertEquals(expected, new String(got, StandardCharsets.ISO_8859_1));
        assertEquals(got.length, body.length());
    }

    @Test
    void anAbortStopsTheReadingAndClosesTheFile() throws Exception {
        Path f = file(1 << 20);
        StreamedBody body = StreamedBody.of(f, 100, (1 << 20) - 100);
        StreamedBody.Reader r = body.open();
        byte[] first = new byte[1000];
        assertEquals(1000, r.read(first));
        assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(f), 100, 1100), first);
        assertEquals(1, openFiles(f));
        r.abort();
        assertEquals(-1, r.read(new byte[10]));
        assertTrue(r.isClosed());
        assertEquals(1000, r.bytesRead());
        assertEquals(0, openFiles(f));
    }

    private static long openFiles(Path f) throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(f.toRealPath());
                } catch (Exception e) {
                    return false;
                }
            }).count();
        }
    }
}
