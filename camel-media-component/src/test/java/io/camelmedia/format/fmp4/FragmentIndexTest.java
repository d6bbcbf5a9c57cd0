package io.camelmedia.format.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.camelmedia.testing.MediaFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fragment index of real fragmented MP4 written by ffmpeg 8, of a cut copy (a file being written), and of junk. */
class FragmentIndexTest {
    @TempDir
    static Path dir;
    static byte[] file;

    @BeforeAll
    static void write() throws Exception {
        Path mp4 = MediaFiles.write(dir.resolve("rec.mp4"), MediaFiles.testSource(6), "-c:v", "libopenh264", "-g", "25",
                "-c:a", "aac", "-movflags", "+frag_keyframe+empty_moov+default_base_moof");
        file = Files.readAllBytes(mp4);
    }

    static FragmentIndex index(byte[] bytes) throws Exception {
        Path p = Files.write(Files.createTempFile(dir, "f", ".mp4"), bytes);
        try (SeekableByteChannel ch = FileChannel.open(p)) {
            return FragmentIndex.read(ch, bytes.length);
        }
    }

    @Test
    void ffmpegFragmentedMp4IsIndexedFragmentByFragment() throws Exception {
        FragmentIndex index = index(file);
        assertTrue(index.complete());
        assertEquals(file.length, index.indexedLength());
        assertEquals(2, index.tracks().size());
        assertTrue(index.tracks().stream().anyMatch(FragmentIndex.TrackInfo::isVideo));
        assertEquals(6, index.fragments().size(), "a fragment per key frame (one a second)");
        assertEquals(6.0, index.duration(), 0.05);
        long expectedOffset = index.initLength();
        for (FragmentIndex.Fragment f : index.fragments()) {
            assertEquals(expectedOffset, f.offset(), "fragments follow one another");
            assertTrue(f.keyframe(), "ffmpeg's frag_keyframe starts every fragment on a key frame");
            assertEquals("moof", new String(file, (int) f.offset() + 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
            expectedOffset = f.end();
        }
        assertEquals(0.0, index.fragments().get(0).start(), 1e-9);
    }

    /** What this project's own writer produces (media:remux?format=fmp4, the HLS origin, the recorder). */
    @Test
    void ownFmp4WriterOutputIsIndexed() throws Exception {
        io.camelmedia.testing.RecordingMediaListener rec = io.camelmedia.testing.SampleFrames.read(
                io.camelmedia.testing.SampleFrames.writeH264Aac(dir.resolve("own.flv"), 4));
        byte[] own = Fragmenter.file(Fmp4FfmpegInteropTest.tracksOf(rec), rec.frames());
        FragmentIndex index = index(own);
        assertTrue(index.complete());
        // a fragment per second of decode time, and a last one of the audio frame past the last picture
        assertEquals(5, index.fragments().size());
        assertEquals(4.0, index.duration(), 0.1);
        assertTrue(index.fragments().subList(0, 4).stream().allMatch(FragmentIndex.Fragment::keyframe),
                "1 s GOPs: each starts on one");
        assertFalse(index.fragments().get(4).keyframe(), "audio only: not a place to start video");
        assertEquals(own.length, index.fragments().get(4).end());
    }

    @Test
    void aFileCutInsideAFragmentIsIndexedUpToItsLastCompleteFragment() throws Exception {
        FragmentIndex whole = index(file);
        FragmentIndex.Fragment third = whole.fragments().get(2);
        FragmentIndex cut = index(Arrays.copyOf(file, (int) (third.offset() + third.length() / 2)));
        assertFalse(cut.complete());
        assertEquals(2, cut.fragments().size());
        assertEquals(third.offset(), cut.indexedLength());
        FragmentIndex initOnly = index(Arrays.copyOf(file, (int) whole.initLength() + 3));
        assertEquals(0, initOnly.fragments().size());
        assertEquals(whole.initLength(), initOnly.initLength());
    }

    @Test
    void malformedInputIsRefusedWithTheBoxAndOffset() throws Exception {
        byte[] small = Arrays.copyOf(file, file.length);
        ByteBuffer.wrap(small).putInt(0, 4); // ftyp size 4 < 8-byte header
        Fmp4Exception e = assertThrows(Fmp4Exception.class, () -> index(small));
        assertTrue(e.getMessage().contains("offset 0"), e.getMessage());

        byte[] noMoov = new byte[64];
        ByteBuffer.wrap(noMoov).putInt(64).put("free".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThrows(Fmp4Exception.class, () -> index(noMoov));

        FragmentIndex whole = index(file);
        byte[] bigTrun = Arrays.copyOf(file, file.length);
        int moof = (int) whole.fragments().get(0).offset();
        int trun = indexOf(bigTrun, "trun", moof);
        ByteBuffer.wrap(bigTrun).putInt(trun + 8, 0x7FFFFFFF); // sample_count
        e = assertThrows(Fmp4Exception.class, () -> index(bigTrun));
        assertTrue(e.getMessage().contains("sample_count"), e.getMessage());
    }

    private static int indexOf(byte[] b, String type, int from) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = from; i < b.length - 4; i++) {
            if (b[i] == t[0] && b[i + 1] == t[1] && b[i + 2] == t[2] && b[i + 3] == t[3]) {
                return i;
            }
        }
        throw new AssertionError(type);
    }
}
