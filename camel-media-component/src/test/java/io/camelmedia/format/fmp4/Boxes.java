package io.camelmedia.format.fmp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Test-only ISO BMFF walker: finds boxes by path ("moov/trak/mdia/mdhd") in what the writer produced. */
final class Boxes {
    /** Boxes whose payload is only boxes. */
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "dinf", "stbl", "mvex",
            "moof", "traf");
    /** Boxes with fields before their child boxes, and how many bytes of them. */
    private static final java.util.Map<String, Integer> FIELDS_BEFORE_CHILDREN = java.util.Map.of(
            "stsd", 8, "avc1", 78, "hvc1", 78, "av01", 78, "vp09", 78, "mp4a", 28, "Opus", 28);

    /** One box: its type and its whole bytes (header included). */
    record Found(String type, byte[] bytes) {
        /** Bytes after the 8-byte header. */
        byte[] payload() {
            return Arrays.copyOfRange(bytes, 8, bytes.length);
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes);
        }
    }

    private Boxes() {
    }

    /** The top-level boxes of {@code data}, checking that their sizes tile it exactly. */
    static List<Found> top(byte[] data) {
        return children(data, 0, data.length);
    }

    static List<Found> children(byte[] data, int from, int to) {
        List<Found> out = new ArrayList<>();
        int p = from;
        while (p < to) {
            int size = ByteBuffer.wrap(data, p, 4).getInt();
            if (size < 8 || p + size > to) {
                throw new AssertionError("box at " + p + " has size " + size + ", parent ends at " + to);
            }
            out.add(new Found(new String(data, p + 4, 4, StandardCharsets.US_ASCII), Arrays.copyOfRange(data, p, p + size)));
            p += size;
        }
        return out;
    }

    /** All boxes at {@code path} (types separated by '/') under the top level of {@code data}. */
    static List<Found> find(byte[] data, String path) {
        List<Found> level = top(data);
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            String type = parts[i];
            List<Found> matching = level.stream().filter(f -> f.type().equals(type)).toList();
            if (i == parts.length - 1) {
                return matching;
            }
            List<Found> next = new ArrayList<>();
            for (Found f : matching) {
                int skip = CONTAINERS.contains(type) ? 0 : FIELDS_BEFORE_CHILDREN.getOrDefault(type, -1);
                if (skip < 0) {
                    throw new AssertionError("not a container: " + type);
                }
                next.addAll(children(f.bytes(), 8 + skip, f.bytes().length));
            }
            level = next;
        }
        return level;
    }

    static Found one(byte[] data, String path) {
        List<Found> all = find(data, path);
        if (all.size() != 1) {
            throw new AssertionError(path + ": expected one box, found " + all.size());
        }
        return all.get(0);
    }
}
