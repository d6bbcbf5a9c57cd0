package io.camelmedia.format.flv;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.camelmedia.testing.Ffmpeg;

/** Real FLV files made by the bundled ffmpeg 8, and a splitter into tags, for the reader and fuzz tests. */
final class FlvTestFiles {
    /** One tag of a file. */
    record Tag(int type, long timestampMs, byte[] body) {
    }

    private FlvTestFiles() {
    }

    /** 1 s of libopenh264 + aac, 320x240 25 fps, 44.1 kHz. */
    static Path h264Aac(Path dir) throws Exception {
        Path out = dir.resolve("h264-aac.flv");
        Ffmpeg.run(60, "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=44100", "-t", "1", "-c:v", "libopenh264", "-g", "25",
                "-c:a", "aac", out.toString()).requireSuccess();
        return out;
    }

    /** 1 s of libvpx-vp9 + libopus (enhanced FLV). */
    static Path vp9Opus(Path dir) throws Exception {
        Path out = dir.resolve("vp9-opus.flv");
        Ffmpeg.run(60, "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000", "-t", "1", "-c:v", "libvpx-vp9", "-deadline", "realtime",
                "-cpu-used", "8", "-g", "25", "-c:a", "libopus", out.toString()).requireSuccess();
        return out;
    }

    /** The committed x265 sample stream-copied to enhanced FLV (hvc1, B-frames) with AAC. */
    static Path hevcAac(Path dir) throws Exception {
        Path sample = Path.of(FlvTestFiles.class.getResource("/flv/hevc-aac-320x240-25fps.mp4").toURI());
        Path out = dir.resolve("hevc-aac.flv");
        Ffmpeg.run(60, "-y", "-loglevel", "error", "-i", sample.toString(), "-c", "copy", out.toString()).requireSuccess();
        return out;
    }

    /** The tags of a well-formed file (test helper: no validation beyond what it needs). */
    static List<Tag> tags(Path file) throws Exception {
        byte[] d = Files.readAllBytes(file);
        List<Tag> tags = new ArrayList<>();
        int p = FlvHeader.SIZE + FlvReader.PREVIOUS_TAG_SIZE_SIZE;
        while (p + FlvTagHeader.SIZE <= d.length) {
            FlvTagHeader h = FlvTagHeader.decode(d, p);
            byte[] body = java.util.Arrays.copyOfRange(d, p + FlvTagHeader.SIZE, p + FlvTagHeader.SIZE + h.dataSize());
            tags.add(new Tag(h.tagType(), h.timestampMs(), body));
            p += FlvTagHeader.SIZE + h.dataSize() + FlvReader.PREVIOUS_TAG_SIZE_SIZE;
        }
        return tags;
    }

    /** Builds an FLV file: header (audio+video flags), PreviousTagSize0, then tags with correct sizes. */
    static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Builder() {
            out.writeBytes(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
        }

        Builder tag(int type, long ms, byte[] body) {
            out.write(type);
            u24(body.length);
            u24((int) ms & 0xFFFFFF);
            out.write((int) (ms >>> 24) & 0xFF);
            u24(0);
            out.writeBytes(body);
            int size = FlvTagHeader.SIZE + body.length;
            out.write(size >>> 24);
            u24(size);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void u24(int v) {
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }
    }
}
