package io.camelmedia.protocol.playback;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A multipart/byteranges body (RFC 9110 14.6) of several ranges of one file: per part a boundary line, its
 * {@code Content-Type} and {@code Content-Range}, a blank line and the range's bytes (streamed from the file), then
 * the closing boundary. The boundary is random per answer (24 hex digits): a recording that happens to hold it is
 * as unlikely as a guess of it.
 */
final class MultipartByteRanges {
    private MultipartByteRanges() {
    }

    static String boundary() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%08x", r.nextLong(), r.nextInt());
    }

    static StreamedBody body(Path file, List<ByteRanges.Part> parts, long length, String contentType, String boundary) {
        List<StreamedBody.Piece> pieces = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            ByteRanges.Part p = parts.get(i);
            pieces.add(ascii((i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Range: bytes " + p.first() + "-" + p.last() + "/" + length + "\r\n\r\n"));
            pieces.add(StreamedBody.file(file, p.first(), p.length()));
        }
        pieces.add(ascii("\r\n--" + boundary + "--\r\n"));
        return new StreamedBody(pieces);
    }

    private static StreamedBody.Piece ascii(String s) {
        return StreamedBody.bytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
