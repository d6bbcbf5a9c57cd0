package io.camelmedia.process.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.process.annexb.AnnexbConverter;
import io.camelmedia.process.filein.MediaFileReader;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.Images;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Key frames of files the bundled ffmpeg wrote (testsrc2), made into images and checked by ffmpeg: ffprobe reads
 * the codec and size, the psnr filter compares with ffmpeg's own snapshot of the same frame.
 */
class KeyFrameSnapshotTest {
    private static final String HEVC_MP4 = "src/test/resources/codec/h265/x265-main-320x240.mp4";

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFiles() throws Exception {
        encode("h264-1080.mp4", "1920x1080", "-c:v", "libopenh264");
        encode("vp8.webm", "640x360", "-c:v", "libvpx", "-deadline", "realtime");
        encode("vp9.webm", "640x360", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8");
        encode("av1.mp4", "640x360", "-c:v", "libsvtav1", "-preset", "12");
    }

    private static void encode(String name, String size, String... codec) throws Exception {
        String[] head = {"-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25", "-frames:v", "3", "-g", "25"};
        String[] args = new String[head.length + codec.length + 2];
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(codec, 0, args, head.length, codec.length);
        args[args.length - 2] = "-y";
        args[args.length - 1] = dir.resolve(name).toString();
        Ffmpeg.run(120, args).requireSuccess();
    }

    static MediaFrame firstKeyFrame(Path file) {
        try (MediaFileReader r = MediaFileReader.open(file, Set.of(MediaType.VIDEO), 64 << 20)) {
            for (MediaFrame f = r.next(); f != null; f = r.next()) {
                if (f.keyframe()) {
                    return f;
                }
            }
        }
        throw new AssertionError("no key frame in " + file);
    }

    @Test
    void jpegAndPngHaveTheAskedSize() throws Exception {
        MediaFrame key = firstKeyFrame(dir.resolve("h264-1080.mp4"));
        assertEquals("mjpeg 320x180", Images.probe(write("a.jpg", KeyFrameSnapshot.make(key, spec(ImageFormat.JPEG, 320, 2)))));
        assertEquals("png 320x180", Images.probe(write("a.png", KeyFrameSnapshot.make(key, spec(ImageFormat.PNG, 320, 2)))));
        // odd widths round down to even; the height keeps the aspect ratio, even
        assertEquals("mjpeg 160x90", Images.probe(write("b.jpg", KeyFrameSnapshot.make(key, spec(ImageFormat.JPEG, 161, 2)))));
        assertEquals("mjpeg 1920x1080", Images.probe(write("c.jpg", KeyFrameSnapshot.make(key, spec(ImageFormat.JPEG, 0, 2)))));
    }

    @Test
    void matchesFfmpegsOwnSnapshotOfTheSameFrame() throws Exception {
        Path src = dir.resolve("h264-1080.mp4");
        MediaFrame key = firstKeyFrame(src);
        Path theirs = dir.resolve("theirs.png");
        Ffmpeg.run(60, "-i", src.toString(), "-frames:v", "1", "-vf", "scale=320:-2", "-y", theirs.toString()).requireSuccess();
        Path png = write("ours.png", KeyFrameSnapshot.make(key, spec(ImageFormat.PNG, 320, 2)));
        Path jpg = write("ours.jpg", KeyFrameSnapshot.make(key, spec(ImageFormat.JPEG, 320, 2)));
        double pngPsnr = Images.psnr(png, theirs);
        double jpgPsnr = Images.psnr(jpg, theirs);
        assertTrue(pngPsnr > 35, "PNG PSNR " + pngPsnr + " dB");
        assertTrue(jpgPsnr > 35, "JPEG (qscale 2) PSNR " + jpgPsnr + " dB");
        // a different frame of the pattern is far off: the comparison can fail
        Path other = dir.resolve("other.png");
        Ffmpeg.run(60, "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-ss", "3", "-frames:v", "1", "-y",
                other.toString()).requireSuccess();
        assertTrue(Images.psnr(other, theirs) < 30, "another frame compares at " + Images.psnr(other, theirs) + " dB");
    }

    @Test
    void higherQscaleMakesSmallerJpegsAndPngLevelsDecodeAlike() throws Exception {
        MediaFrame key = firstKeyFrame(dir.resolve("h264-1080.mp4"));
        int q2 = KeyFrameSnapshot.make(key, spec(ImageFormat.JPEG, 640, 2)).length;
        int q10 = KeyFrameSnapshot.make(key, spec(ImageFormat.JPEG, 640, 10)).length;
        int q31 = KeyFrameSnapshot.make(key, spec(ImageFormat.JPEG, 640, 31)).length;
        assertTrue(q2 > q10 && q10 > q31, "sizes q2 " + q2 + ", q10 " + q10 + ", q31 " + q31);
        byte[] stored = KeyFrameSnapshot.make(key, new SnapshotSpec(ImageFormat.PNG, 640, 2, 0));
        byte[] smallest = KeyFrameSnapshot.make(key, new SnapshotSpec(ImageFormat.PNG, 640, 2, 9));
        assertTrue(stored.length > smallest.length, "PNG level 0 " + stored.length + " vs 9 " + smallest.length);
        assertTrue(Images.psnr(write("l0.png", stored), write("l9.png", smallest)) == Double.POSITIVE_INFINITY,
                "PNG is lossless at every level");
    }

    @Test
    void annexBKeyFramesMakeTheSameImage() {
        MediaFrame avcc = firstKeyFrame(dir.resolve("h264-1080.mp4"));
        MediaFrame annexB = new AnnexbConverter().toAnnexB(avcc);
        assertEquals(BitstreamFormat.ANNEX_B, annexB.format());
        SnapshotSpec png = spec(ImageFormat.PNG, 320, 2);
        assertArrayEquals(KeyFrameSnapshot.make(avcc, png), KeyFrameSnapshot.make(annexB, png));
    }

    @ParameterizedTest
    @CsvSource({"vp8.webm, 320x180", "vp9.webm, 320x180", "av1.mp4, 320x180", "HEVC, 320x240"})
    void everyVideoCodecDecodes(String file, String size) throws Exception {
        Path src = file.equals("HEVC") ? Path.of(HEVC_MP4) : dir.resolve(file);
        MediaFrame key = firstKeyFrame(src);
        int width = Integer.parseInt(size.substring(0, size.indexOf('x')));
        Path jpg = write(file + ".jpg", KeyFrameSnapshot.make(key, spec(ImageFormat.JPEG, width, 3)));
        assertEquals("mjpeg " + size, Images.probe(jpg));
        Path theirs = dir.resolve(file + "-theirs.png");
        Ffmpeg.run(60, "-i", src.toString(), "-frames:v", "1", "-vf", "scale=" + width + ":-2", "-y", theirs.toString())
                .requireSuccess();
        double p = Images.psnr(write(file + ".png", KeyFrameSnapshot.make(key, spec(ImageFormat.PNG, width, 3))), theirs);
        assertTrue(p > 35, file + " PSNR " + p + " dB");
    }

    @Test
    void badInputIsAClearError() {
        MediaFrame key = firstKeyFrame(dir.resolve("h264-1080.mp4"));
        MediaFrame garbage = MediaFrame.of(key.track(), 0, 0, true, key.format(), new byte[] {0, 0, 0, 3, 9, 9, 9});
        SnapshotException e = assertThrows(SnapshotException.class, () -> KeyFrameSnapshot.make(garbage, spec(ImageFormat.JPEG, 320, 2)));
        assertTrue(e.getMessage().startsWith("snapshot: "), e.getMessage());
        MediaFrame delta = MediaFrame.of(key.track(), 0, 0, false, key.format(), key.payloadBytes());
        assertThrows(IllegalArgumentException.class, () -> KeyFrameSnapshot.make(delta, spec(ImageFormat.JPEG, 320, 2)));
        assertThrows(IllegalArgumentException.class, () -> spec(ImageFormat.JPEG, 320, 32));
        assertThrows(IllegalArgumentException.class, () -> spec(ImageFormat.JPEG, 8, 2));
    }

    static SnapshotSpec spec(ImageFormat format, int width, int quality) {
        return new SnapshotSpec(format, width, quality, SnapshotSpec.DEFAULT_COMPRESSION_LEVEL);
    }

    static Path write(String name, byte[] image) throws Exception {
        return Files.write(dir.resolve(name), image);
    }
}
