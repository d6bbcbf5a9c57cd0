package io.camelmedia.protocol.playback;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Range} header (RFC 9110 14.1.2, 14.2) resolved against a representation of {@code length} bytes.
 *
 * <pre>
 * Range = "bytes=" range-spec *( OWS "," OWS range-spec )
 * range-spec = first-pos "-" [ last-pos ] / "-" suffix-length
 * </pre>
 *
 * Choices (each allowed by RFC 9110 14.2): a header that is not a valid bytes ranges-specifier (another unit,
 * {@code bytes=500-100}, junk) is ignored and the whole representation is sent; none satisfiable is 416; one
 * satisfiable is a single-part 206; several are {@link Parts} (multipart/byteranges, 14.6) in the order asked,
 * unless two of them overlap, which is answered with the whole representation (a few overlapping ranges of a
 * large file would otherwise send it many times over).
 */
public final class ByteRanges {
    /** Range specs parsed from one header: 100, above any player's and far below a header's size limit. */
    static final int MAX_RANGES = 100;

    private ByteRanges() {
    }

    /** The answer to a Range header. */
    public sealed interface Decision permits Whole, Part, Parts, Unsatisfiable {
    }

    /** Send everything (no Range, an ignored one, or overlapping ones). */
    public record Whole() implements Decision {
    }

    /** Send bytes {@code first..last} (inclusive), 206. */
    public record Part(long first, long last) implements Decision {
        public long length() {
            return last - first + 1;
        }
    }

    /** Send these parts as multipart/byteranges, in this order (at least two, none overlapping). */
    public record Parts(List<Part> parts) implements Decision {
    }

    /** 416 with {@code Content-Range: bytes *}{@code /length}. */
    public record Unsatisfiable() implements Decision {
    }

    public static Decision resolve(String header, long length) {
        if (header == null) {
            return new Whole();
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String[] specs = h.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return new Whole();
        }
        List<Part> satisfiable = new ArrayList<>();
        for (String s : specs) {
            long[] spec = parse(s.trim());
            if (spec == null) {
                return new Whole();
            }
            Part p = clip(spec, length);
            if (p != null) {
                satisfiable.add(p);
            }
        }
        if (satisfiable.isEmpty()) {
            return new Unsatisfiable();
        }
        if (satisfiable.size() == 1) {
            return satisfiable.get(0);
        }
        List<Part> sorted = new ArrayList<>(satisfiable);
        sorted.sort((a, b) -> Long.compare(a.first(), b.first()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first() <= sorted.get(i - 1).last()) {
                return new Whole();
            }
        }
        return new Parts(List.copyOf(satisfiable));
    }

    /** {first, last} with -1 for an absent last; {-1, suffix} for a suffix range; null when invalid. */
    private static long[] parse(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf('-', dash + 1) >= 0) {
            return null;
        }
        String first = spec.substring(0, dash);
        String last = spec.substring(dash + 1);
        if (first.isEmpty()) {
            long suffix = digits(last);
            return suffix < 0 ? null : new long[] {-1, suffix};
        }
        long f = digits(first);
        long l = last.isEmpty() ? -1 : digits(last);
        if (f < 0 || (!last.isEmpty() && (l < 0 || l < f))) {
            return null;
        }
        return new long[] {f, l};
    }

    private static Part clip(long[] spec, long length) {
        if (spec[0] < 0) {
            long n = Math.min(spec[1], length);
            return n == 0 ? null : new Part(length - n, length - 1);
        }
        if (spec[0] >= length) {
            return null;
        }
        long last = spec[1] < 0 || spec[1] >= length ? length - 1 : spec[1];
        return new Part(spec[0], last);
    }

    /** A non-negative decimal of at most 18 digits (no overflow), or -1. */
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }
}
