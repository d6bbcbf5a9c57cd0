package io.camelmedia.process.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import io.camelmedia.format.mpegts.TsFile;
import io.camelmedia.format.segment.SegmentFormat;
import io.camelmedia.format.webm.LiveWebmFile;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.process.filein.MediaFilePlayer;
import io.camelmedia.protocol.mjr.Pacer;
import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.MediaFiles;
import io.camelmedia.testing.RecordingMediaListener;
import io.camelmedia.testing.SampleFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LiveRecorder on real frames (an ffmpeg FLV read as an ingest would), without Camel: file layout and names,
 * mediaTypes, a torn tail cut by recovery, retention by size and age, an unwritable folder failing only its recording;
 * MPEG-TS and live WebM files (VP9 + Opus from a libvpx/libopus WebM read by the file ingest), their recovery, and the
 * codecs each refuses at start.
 */
class LiveRecorderTest {
    @TempDir
    Path tmp;
    private final ExecutorService lane = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        lane.shutdownNow();
    }

    private List<RecordedFile> record(Path dir, String stream, EnumSet<MediaType> types, int seconds) throws Exception {
        RecordingMediaListener frames = SampleFrames.read(SampleFrames.writeH264Aac(tmp.resolve(stream.replace('/', '_') + ".flv"), seconds));
        return record(frames, new LiveRecordConfig(dir, Duration.ofSeconds(2), Duration.ofSeconds(1), types, 64, false), stream);
    }

    private List<RecordedFile> record(RecordingMediaListener frames, LiveRecordConfig config, String stream) throws Exception {
        List<RecordedFile> done = new CopyOnWriteArrayList<>();
        LiveRecorder r = new LiveRecorder(config, stream, lane, done::add);
        r.start(frames.info().tracks(), 1_764_000_000_123L);
        for (MediaFrame f : frames.frames()) {
            r.frame(f);
        }
        r.end();
        assertTrue(r.awaitWritten(10_000));
        return done;
    }

    @Test
    void filesNamedByStartEachStartsWithInitAndHoldsOnlyTheKeptTracks() throws Exception {
        Path dir = tmp.resolve("rec");
        List<RecordedFile> files = record(dir, "live/a", EnumSet.of(MediaType.VIDEO), 5);
        assertTrue(files.size() >= 2, "files " + files);
        assertEquals("live/a/2025-11-24_16-00-00-123.mp4", files.get(0).relativePath());
        for (RecordedFile f : files) {
            assertEquals(Files.size(f.file()), f.size());
            assertEquals(f.size(), FragmentedFile_playable(f.file()));
            assertEquals("ftyp", new String(Files.readAllBytes(f.file()), 4, 4));
            assertTrue(f.frames() > 0 && f.durationSeconds() > 0);
        }
        long frames = files.stream().mapToLong(RecordedFile::frames).sum();
        assertEquals(5 * 25, frames, "video only, every frame");
        assertTrue(RecordingFiles.startOf(files.get(1).file()) > RecordingFiles.startOf(files.get(0).file()));
    }

    private static long FragmentedFile_playable(Path f) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(f)) {
            return io.camelmedia.format.fmp4.FragmentedFile.playableLength(ch);
        }
    }

    @Test
    void recoveryCutsATornTailAndRenamesNeverDeletes() throws Exception {
        Path dir = tmp.resolve("rec");
        RecordedFile f = record(dir, "live/b", EnumSet.allOf(MediaType.class), 3).get(0);
        byte[] whole = Files.readAllBytes(f.file());
        Path part = f.file().resolveSibling(f.file().getFileName() + ".part");
        byte[] torn = java.util.Arrays.copyOf(whole, whole.length + 1000);
        System.arraycopy(whole, whole.length - 1000 - 200, torn, whole.length, 1000); // a cut-off copy of the last fragment's bytes
        Files.delete(f.file());
        Files.write(part, torn);
        Path initOnly = dir.resolve("live/c/2025-01-01_00-00-00-000.mp4.part");
        Files.createDirectories(initOnly.getParent());
        Files.write(initOnly, new byte[] {0, 0, 0, 8});
        List<RecordedFile> rec = RecordingFiles.recover(dir);
        assertEquals(2, rec.size());
        assertEquals(whole.length, Files.size(f.file()));
        assertTrue(java.util.Arrays.equals(whole, Files.readAllBytes(f.file())));
        assertFalse(Files.exists(part));
        assertTrue(Files.exists(dir.resolve("live/c/2025-01-01_00-00-00-000.mp4")), "kept, even with nothing playable");
    }

    private LiveRecordConfig config(Path dir, SegmentFormat format) {
        return new LiveRecordConfig(dir, Duration.ofSeconds(2), Duration.ofMillis(500), EnumSet.allOf(MediaType.class), 64,
                false, format);
    }

    /** A VP9 + Opus WebM (libvpx, libopus; a key frame a second) read as the file ingest reads it. */
    private RecordingMediaListener vp9Opus(int seconds) throws Exception {
        Path webm = MediaFiles.write(tmp.resolve("vp9-opus.webm"), MediaFiles.testSource(seconds), "-c:v", "libvpx-vp9",
                "-deadline", "realtime", "-cpu-used", "8", "-g", "25", "-c:a", "libopus");
        RecordingMediaListener l = new RecordingMediaListener();
        MediaFilePlayer.Result r = MediaFilePlayer.play(webm, "files/w", new MediaFilePlayer.Options(
                EnumSet.of(MediaType.VIDEO, MediaType.AUDIO), false, MediaFilePlayer.DEFAULT_MAX_FRAME_SIZE),
                Pacer.asFastAsPossible(), () -> true, l);
        assertTrue(r.started(), r.toString());
        return l;
    }

    @Test
    void mpegTsFilesAreWholePacketsStartingWithTablesAndRecoverToTheLastWholePacket() throws Exception {
        Path dir = tmp.resolve("rec");
        RecordingMediaListener frames = SampleFrames.read(SampleFrames.writeH264Aac(tmp.resolve("ts.flv"), 5));
        List<RecordedFile> files = record(frames, config(dir, SegmentFormat.MPEGTS), "live/ts");
        assertTrue(files.size() >= 2, "files " + files);
        assertEquals("live/ts/2025-11-24_16-00-00-123.ts", files.get(0).relativePath());
        for (RecordedFile f : files) {
            byte[] b = Files.readAllBytes(f.file());
            assertEquals(0, b.length % 188, f + " is whole packets");
            assertEquals(0x47, b[0] & 0xFF);
            assertEquals(0, (b[1] & 0x1F) << 8 | b[2] & 0xFF, "the PAT first");
            assertEquals(b.length, tsPlayable(f.file()));
            Ffmpeg.run(60, "-v", "error", "-i", f.file().toString(), "-f", "null", "-").requireSuccess();
        }
        assertEquals(frames.frames().size(), files.stream().mapToLong(RecordedFile::frames).sum(), "every frame, once");

        RecordedFile first = files.get(0);
        byte[] whole = Files.readAllBytes(first.file());
        Path part = first.file().resolveSibling(first.file().getFileName() + ".part");
        Files.delete(first.file());
        byte[] torn = java.util.Arrays.copyOf(whole, whole.length + 100); // a packet cut after 100 bytes
        torn[whole.length] = 0x47;
        Files.write(part, torn);
        List<RecordedFile> rec = RecordingFiles.recover(dir);
        assertEquals(1, rec.size());
        assertEquals(first.file().toAbsolutePath(), rec.get(0).file().toAbsolutePath());
        assertTrue(java.util.Arrays.equals(whole, Files.readAllBytes(first.file())), "cut to the whole packets");
        assertFalse(Files.exists(part));
    }

    private static long tsPlayable(Path f) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(f)) {
            return TsFile.playableLength(ch);
        }
    }

    private static long webmPlayable(Path f) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(f)) {
            return LiveWebmFile.playableLength(ch);
        }
    }

    @Test
    void webmFilesPlayDecodeAsTheSourceAndRecoverToTheLastCompleteCluster() throws Exception {
        Path dir = tmp.resolve("rec");
        RecordingMediaListener frames = vp9Opus(5);
        List<RecordedFile> files = record(frames, config(dir, SegmentFormat.WEBM), "live/w");
        assertTrue(files.size() >= 2, "files " + files);
        List<String> video = new java.util.ArrayList<>();
        for (RecordedFile f : files) {
            assertTrue(f.relativePath().matches("live/w/[-_0-9]+\\.webm"), f.relativePath());
            assertEquals(Files.size(f.file()), webmPlayable(f.file()), "every cluster complete");
            Ffmpeg.run(60, "-v", "error", "-i", f.file().toString(), "-f", "null", "-").requireSuccess();
            video.addAll(DecodedMd5.of(f.file().toString(), "0:v"));
        }
        assertEquals(frames.frames().size(), files.stream().mapToLong(RecordedFile::frames).sum(), "every frame, once");
        DecodedMd5.assertSameFrames(DecodedMd5.of(tmp.resolve("vp9-opus.webm").toString(), "0:v"), video, "video");

        // a crash mid-part: the file ends inside a cluster's last block; recovery keeps the complete clusters only
        RecordedFile first = files.get(0);
        byte[] whole = Files.readAllBytes(first.file());
        byte[] cluster = {0x1F, 0x43, (byte) 0xB6, 0x75, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xE7, (byte) 0x81, 0x10, (byte) 0xA3, (byte) 0x88, (byte) 0x81, 0, 0};
        Path part = first.file().resolveSibling(first.file().getFileName() + ".part");
        Files.delete(first.file());
        byte[] torn = java.util.Arrays.copyOf(whole, whole.length + cluster.length);
        System.arraycopy(cluster, 0, torn, whole.length, cluster.length);
        Files.write(part, torn);
        Path headerOnly = dir.resolve("live/v/2025-01-01_00-00-00-000.webm.part");
        Files.createDirectories(headerOnly.getParent());
        Files.write(headerOnly, java.util.Arrays.copyOf(whole, 20));
        List<RecordedFile> rec = RecordingFiles.recover(dir);
        assertEquals(2, rec.size());
        assertTrue(java.util.Arrays.equals(whole, Files.readAllBytes(first.file())), "cut to the complete clusters");
        assertEquals(0, Files.size(dir.resolve("live/v/2025-01-01_00-00-00-000.webm")), "kept, even with nothing playable");
        DecodedMd5.assertSameFrames(video.subList(0, DecodedMd5.of(first.file().toString(), "0:v").size()),
                DecodedMd5.of(first.file().toString(), "0:v"), "recovered file");
    }

    @Test
    void aFullQueueNeverDropsTheHeaderOfAWebmFile() throws Exception {
        RecordingMediaListener frames = vp9Opus(6);
        List<Runnable> stuck = new CopyOnWriteArrayList<>();
        List<RecordedFile> done = new CopyOnWriteArrayList<>();
        LiveRecordConfig small = new LiveRecordConfig(tmp.resolve("rec"), Duration.ofSeconds(2), Duration.ofMillis(200),
                EnumSet.allOf(MediaType.class), 4, false, SegmentFormat.WEBM);
        LiveRecorder r = new LiveRecorder(small, "live/slow", stuck::add, done::add);
        r.start(frames.info().tracks(), 1_764_000_000_000L);
        for (MediaFrame f : frames.frames()) {
            r.frame(f);
        }
        r.end();
        assertTrue(r.dropped() > 10, "dropped " + r.dropped());
        stuck.get(0).run(); // the disk comes back
        assertTrue(done.size() >= 3, "files " + done);
        for (RecordedFile f : done) {
            byte[] b = Files.readAllBytes(f.file());
            assertEquals(0x1A45DFA3, java.nio.ByteBuffer.wrap(b).getInt(), f + " starts with its EBML header");
            assertEquals(b.length, webmPlayable(f.file()));
            Ffmpeg.run(60, "-v", "error", "-i", f.file().toString(), "-f", "null", "-").requireSuccess();
        }
    }

    @Test
    void mpegTsRefusesVp9AndWebmRefusesH264AtStart() throws Exception {
        RecordingMediaListener vp9 = vp9Opus(1);
        LiveRecorder ts = new LiveRecorder(config(tmp.resolve("rec"), SegmentFormat.MPEGTS), "live/v", lane, f -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ts.start(vp9.info().tracks(), 0));
        assertTrue(e.getMessage().contains("ts cannot carry VP9"), e.getMessage());
        RecordingMediaListener h264 = SampleFrames.read(SampleFrames.writeH264Aac(tmp.resolve("h.flv"), 1));
        LiveRecorder webm = new LiveRecorder(config(tmp.resolve("rec"), SegmentFormat.WEBM), "live/h", lane, f -> { });
        e = assertThrows(IllegalArgumentException.class, () -> webm.start(h264.info().tracks(), 0));
        assertTrue(e.getMessage().contains("webm cannot carry H264"), e.getMessage());
    }

    /** {@code <tmp>/rec} with 100-byte files of these names in its folder {@code s}. */
    private Path folderOf(String... names) throws Exception {
        Path dir = tmp.resolve("rec");
        Files.createDirectories(dir.resolve("s"));
        for (String n : names) {
            Files.write(dir.resolve("s").resolve(n), new byte[100]);
        }
        return dir;
    }

    @Test
    void retentionDeletesOldestFinishedFirstNeverPartFilesOrOtherFiles() throws Exception {
        Path dir = folderOf("2025-01-01_00-00-00-000.mp4", "2025-01-02_00-00-00-000.mp4", "2025-01-03_00-00-00-000.mp4",
                "2025-01-01_00-00-00-000.mp4.part", "notes.mp4");
        List<Path> deleted = RecordingFiles.applyRetention(dir, Duration.ZERO, 300, System.currentTimeMillis());
        assertEquals(List.of(dir.resolve("s/2025-01-01_00-00-00-000.mp4").toAbsolutePath()), deleted);
        long jan3 = RecordingFiles.startOf(dir.resolve("s/2025-01-03_00-00-00-000.mp4"));
        deleted = RecordingFiles.applyRetention(dir, Duration.ofHours(12), 0, jan3 + Duration.ofHours(1).toMillis());
        assertEquals(List.of(dir.resolve("s/2025-01-02_00-00-00-000.mp4").toAbsolutePath()), deleted);
        try (Stream<Path> s = Files.list(dir.resolve("s"))) {
            assertEquals(3, s.count(), "the newest, the .part and notes.mp4 stay");
        }
    }

    @Test
    void retentionTakesEveryFormatOldestFirst() throws Exception {
        Path dir = folderOf("2025-01-01_00-00-00-000.webm", "2025-01-02_00-00-00-000.ts", "2025-01-03_00-00-00-000.mp4",
                "2025-01-04_00-00-00-000.ts.part", "2025-01-05_00-00-00-000.mkv");
        List<Path> deleted = RecordingFiles.applyRetention(dir, Duration.ZERO, 200, System.currentTimeMillis());
        assertEquals(List.of(dir.resolve("s/2025-01-01_00-00-00-000.webm").toAbsolutePath(),
                dir.resolve("s/2025-01-02_00-00-00-000.ts").toAbsolutePath()), deleted, "the .part counts, the .mkv is not ours");
        assertEquals(RecordingFiles.startOf(dir.resolve("s/2025-01-04_00-00-00-000.ts.part")),
                RecordingFiles.startOf(dir.resolve("s/2025-01-04_00-00-00-000.ts")));
        assertEquals(-1, RecordingFiles.startOf(dir.resolve("s/2025-01-05_00-00-00-000.mkv")));
    }

    @Test
    void anUnwritableFolderFailsThatRecordingOnly() throws Exception {
        Path blocked = tmp.resolve("blocked");
        Files.writeString(blocked, "a file where the directory should be");
        List<RecordedFile> none = record(blocked, "live/x", EnumSet.allOf(MediaType.class), 3);
        assertTrue(none.isEmpty());
        List<RecordedFile> ok = record(tmp.resolve("ok"), "live/y", EnumSet.allOf(MediaType.class), 3);
        assertFalse(ok.isEmpty());
    }

    @Test
    void aFullQueueDropsPartsOfThatRecordingOnly() throws Exception {
        RecordingMediaListener frames = SampleFrames.read(SampleFrames.writeH264Aac(tmp.resolve("q.flv"), 6));
        List<Runnable> stuck = new CopyOnWriteArrayList<>();
        LiveRecordConfig small = new LiveRecordConfig(tmp.resolve("rec"), Duration.ofSeconds(30), Duration.ofMillis(200),
                EnumSet.allOf(MediaType.class), 4, false);
        LiveRecordCounters counters = new LiveRecordCounters();
        LiveRecorder slow = new LiveRecorder(small, "live/slow", stuck::add, f -> { }, counters);
        List<RecordedFile> done = new CopyOnWriteArrayList<>();
        // the burst (6 s of frames at once) must fit the healthy recording's queue whatever its lane's pace
        LiveRecordConfig roomy = new LiveRecordConfig(tmp.resolve("rec"), Duration.ofSeconds(30), Duration.ofMillis(200),
                EnumSet.allOf(MediaType.class), 64, false);
        LiveRecorder fine = new LiveRecorder(roomy, "live/fine", lane, done::add);
        slow.start(frames.info().tracks(), 1_764_000_000_000L);
        fine.start(frames.info().tracks(), 1_764_000_000_000L);
        for (MediaFrame f : frames.frames()) {
            slow.frame(f);
            fine.frame(f);
        }
        slow.end();
        fine.end();
        assertTrue(fine.awaitWritten(10_000));
        assertEquals(1, stuck.size(), "one drain task queued for the stuck lane");
        assertTrue(slow.dropped() > 10, "dropped " + slow.dropped());
        assertEquals(0, fine.dropped());
        assertEquals(1, done.size());
        assertEquals(0, done.get(0).droppedParts());
        assertEquals(slow.dropped(), counters.droppedParts());
        assertEquals(0, counters.finishedFiles());
        stuck.get(0).run(); // the disk comes back: what was queued is written, in order, and the file finishes
        assertTrue(Files.exists(tmp.resolve("rec/live/slow/2025-11-24_16-00-00-000.mp4")));
        assertEquals(1, counters.finishedFiles());
    }
}
