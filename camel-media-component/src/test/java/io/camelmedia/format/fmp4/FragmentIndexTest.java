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

    /**
     * Mutated files (flipped bytes, boundary values in box sizes and counts, cuts): indexed, or refused with an
     * Fmp4Exception; never another exception, never a read outside the file.
     */
    @Test
    void fuzzedFilesAreIndexedOrRefusedWithFmp4Exception() {
        java.util.Random random = new java.util.Random(11);
        byte[] seed = Arrays.copyOf(file, Math.min(file.length, 40_000));
        int[] boundary = {0, 1, 7, 8, 16, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};
        for (int i = 0; i < 3000; i++) {
            byte[] b = seed.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length - 4);
                if (random.nextBoolean()) {
                    b[at] = (byte) random.nextInt(256);
                } else {
                    ByteBuffer.wrap(b).putInt(at, boundary[random.nextInt(boundary.length)]);
                }
            }
            if (random.nextInt(4) == 0) {
                b = Arrays.copyOf(b, random.nextInt(b.length));
            }
            try {
                FragmentIndex.read(new Bytes(b), b.length);
            } catch (Fmp4Exception expected) {
                // allowed outcome
            } catch (Throwable t) {
                throw new AssertionError("iteration " + i + ": " + t, t);
            }
        }
    }

    /** A read-only channel over an array, refusing reads outside it as a file channel would not. */
    private static final class Bytes implements SeekableByteChannel {
        private final byte[] b;
        private long position;

        Bytes(byte[] b) {
            this.b = b;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position < 0) {
                throw new AssertionError("read at negative position " + position);
            }
            if (position >= b.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), b.length - position);
            dst.put(b, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long p) {
            if (p < 0) {
                throw new AssertionError("negative position " + p);
            }
            position = p;
            return this;
        }

        @Override
        public long size() {
            return b.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
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
