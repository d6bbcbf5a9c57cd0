package io.camelmedia.protocol.mjr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import io.camelmedia.format.ContainerTestSupport;

/** The corpus files copied to {@code src/test/resources/mjr/} and janus-pp-rec's views of them. */
final class MjrCorpus {
    private static final Pattern ORDERED = Pattern.compile("^\\[\\s*(\\d+)\\]\\[\\s*(\\d+)\\] seq=(\\d+), ts=(\\d+)");

    private MjrCorpus() {
    }

    static Path file(String name) {
        return ContainerTestSupport.mjr(name);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** One line of janus-pp-rec's ordered list (-d 7 --parse): "[offset][len] seq=N, ts=T". */
    record Ordered(long offset, int length, int seq, long ts) {
    }

    /** janus-pp-rec's ordered packet list of {@code <stem>.parse-d7.txt.gz}. */
    static List<Ordered> ordered(String stem) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file(stem + ".parse-d7.txt.gz")))) {
            return parseOrdered(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Ordered> parseOrdered(String text) {
        List<Ordered> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = ORDERED.matcher(line);
            if (m.find()) {
                out.add(new Ordered(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Long.parseLong(m.group(4))));
            }
        }
        return out;
    }
}
