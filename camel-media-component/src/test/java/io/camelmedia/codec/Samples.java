package io.camelmedia.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The committed encoder output under {@code src/test/resources/codec/} (made by make-samples.py there):
 * configuration records, first packets with their ffprobe size/duration/flags.
 */
public final class Samples {
    private Samples() {
    }

    /** One packet of a sample: bytes, ffprobe duration (stream time base) and key flag. */
    public record Packet(byte[] data, long duration, boolean key) {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Samples.class.getResourceAsStream("/codec/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <name>.config.bin}. */
    public static byte[] config(String name) {
        return bytes(name + ".config.bin");
    }

    /** {@code <name>.packets} with {@code <name>.csv}. */
    public static List<Packet> packets(String name) {
        byte[] blob = bytes(name + ".packets");
        String[] rows = new String(bytes(name + ".csv"), StandardCharsets.US_ASCII).trim().split("\n");
        List<Packet> out = new ArrayList<>();
        int pos = 0;
        for (String row : rows) {
            String[] f = row.split(",");
            int n = ((blob[pos] & 0xFF) << 24) | ((blob[pos + 1] & 0xFF) << 16) | ((blob[pos + 2] & 0xFF) << 8)
                    | (blob[pos + 3] & 0xFF);
            pos += 4;
            byte[] data = java.util.Arrays.copyOfRange(blob, pos, pos + n);
            pos += n;
            out.add(new Packet(data, Long.parseLong(f[1]), f[2].startsWith("K")));
        }
        return out;
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s_]", ""));
    }

    /** {@code data} copied into a larger array at {@code offset}, with junk around it. */
    public static byte[] embed(byte[] data, int offset) {
        byte[] out = new byte[offset + data.length + 7];
        java.util.Arrays.fill(out, (byte) 0xA5);
        System.arraycopy(data, 0, out, offset, data.length);
        return out;
    }
}
