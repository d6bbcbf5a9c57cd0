package io.camelmedia.process.filein;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.mjr.Pacer;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.MediaFiles;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written by the bundled ffmpeg 8, played by {@link MediaFilePlayer}: every packet equals what ffmpeg itself
 * demuxes from the file (framemd5 of {@code -c copy}: count, dts, pts, key flag, payload MD5) and the tracks carry
 * the container's configuration record. H.265 comes from the x265 files in the test resources (this ffmpeg build
 * has no software HEVC encoder), remuxed.
 */
class MediaFilePlayerTest {
    static final Options BOTH = new Options(Set.of(MediaType.VIDEO, MediaType.AUDIO), false);
    private static final String HEVC_MP4 = "src/test/resources/codec/h265/x265-main-320x240.mp4";

    @TempDir
    static Path dir;

    /** Options without the record boilerplate. */
    record Options(Set<MediaType> types, boolean loop) {
        MediaFilePlayer.Options toPlayer() {
            return new MediaFilePlayer.Options(types, loop, MediaFilePlayer.DEFAULT_MAX_FRAME_SIZE);
        }
    }

    @BeforeAll
    static void writeFiles() throws Exception {
        String[] av = MediaFiles.testSource(2);
        for (String name : List.of("h264-aac.mp4", "h264-aac.mkv", "h264-aac.flv", "h264-aac.ts")) {
            MediaFiles.h264Aac(dir.resolve(name), 2);
        }
        ffmpeg(av, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "25", "-c:a", "libopus",
                "vp9-opus.webm");
        ffmpeg(av, "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-g", "25", "-c:a", "libopus",
                "vp8-opus.mkv");
        ffmpeg(av, "-c:v", "libsvtav1", "-preset", "12", "-g", "25", "-c:a", "libopus", "av1-opus.mp4");
        ffmpeg(av, "-map", "1:a", "-c:a", "libopus", "opus.ogg");
        ffmpeg(av, "-map", "1:a", "-c:a", "libmp3lame", "mp3.mp3");
        ffmpeg(av, "-map", "1:a", "-ar", "8000", "-ac", "1", "-c:a", "pcm_mulaw", "pcmu.wav");
        ffmpeg(av, "-map", "1:a", "-ar", "8000", "-ac", "1", "-c:a", "pcm_alaw", "pcma.mov");
        String[] hevc = {"-i", Path.of(HEVC_MP4).toAbsolutePath().toString()};
        ffmpeg(hevc, "-c", "copy", "h265.mkv");
        ffmpeg(hevc, "-c", "copy", "h265.flv");
        ffmpeg(hevc, "-c", "copy", "-f", "mpegts", "h265.ts");
    }

    private static void ffmpeg(String[] input, String... output) throws Exception {
        MediaFiles.write(dir.resolve(output[output.length - 1]), input,
                java.util.Arrays.copyOf(output, output.length - 1));
    }

    static RecordingMediaListener play(Path file, Options o) throws InterruptedException {
        RecordingMediaListener l = new RecordingMediaListener();
        MediaFilePlayer.Result r = MediaFilePlayer.play(file, "files/x", o.toPlayer(), Pacer.asFastAsPossible(), () -> true, l);
        assertTrue(r.started(), file + ": " + r);
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "h264-aac.mp4, H264, AAC",
        "h264-aac.mkv, H264, AAC",
        "h264-aac.flv, H264, AAC",
        "vp9-opus.webm, VP9, OPUS",
        "vp8-opus.mkv, VP8, OPUS",
        "av1-opus.mp4, AV1, OPUS",
        "h265.mkv, H265, ",
        "h265.flv, H265, ",
        "opus.ogg, , OPUS",
        "mp3.mp3, , MP3",
        "pcmu.wav, , PCMU",
        "pcma.mov, , PCMA",
    })
    void everyPacketIsTheContainersOwn(String name, Codec video, Codec audio) throws Exception {
        Path file = dir.resolve(name);
        RecordingMediaListener l = play(file, BOTH);
        FrameMd5 ref = FrameMd5.ofPackets(file);
        StreamInfo info = l.info();
        assertEquals(List.of("end of file"), l.endReasons());
        int stream = 0;
        if (video != null) {
            Track v = info.video().orElseThrow();
            assertEquals(video, v.codec());
            assertEquals(90_000, v.clockRate());
            assertTrue(v.width() > 0 && v.height() > 0, v.toString());
            FrameMd5Comparator.assertMatches(ref, stream, l.frames(1));
            if (video == Codec.H264 || video == Codec.H265 || video == Codec.AV1) {
                FrameMd5Comparator.assertConfigMatches(ref, stream, v);
            }
            stream++;
        }
        if (audio != null) {
            Track a = info.audio().orElseThrow();
            assertEquals(audio, a.codec());
            assertEquals(a.codec() == Codec.OPUS ? 48_000 : a.sampleRate(), a.clockRate());
            FrameMd5Comparator.assertMatches(ref, stream, l.frames(2));
            if (audio == Codec.AAC || audio == Codec.OPUS) {
                FrameMd5Comparator.assertConfigMatches(ref, stream, a);
            }
        }
        assertEquals(info.tracks().size(), (video != null ? 1 : 0) + (audio != null ? 1 : 0));
    }

    /**
     * MPEG-TS carries Annex B video with access unit delimiters and ADTS audio: our frames are the same NAL units
     * as AVCC without the delimiters and the raw AAC frames, which is exactly what ffmpeg's own TS-to-MP4 remux
     * writes (with the delimiters filtered out); timestamps are the TS's.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"h264-aac.ts, 9, H264", "h265.ts, 35, H265"})
    void mpegTsBecomesAvccAndRawAac(String name, int audType, Codec video) throws Exception {
        Path ts = dir.resolve(name);
        Path asMp4 = dir.resolve(name + ".mp4");
        Ffmpeg.run(120, "-y", "-v", "error", "-i", ts.toString(), "-map", "0", "-c", "copy", "-bsf:v",
                "filter_units=remove_types=" + audType, asMp4.toString()).requireSuccess();
        RecordingMediaListener l = play(ts, BOTH);
        FrameMd5 payloads = FrameMd5.ofPackets(asMp4);
        FrameMd5 timing = FrameMd5.ofPackets(ts);
        assertEquals(video, l.info().video().orElseThrow().codec());
        Track v = l.info().video().orElseThrow();
        if (video == Codec.H264) {
            FrameMd5Comparator.assertConfigMatches(payloads, 0, v);
        } else {
            // the hvcC is built from the in-band VPS/SPS/PPS as the TS ingest builds it: the same parameter sets
            // as ffmpeg's record (its header fields are derived by another implementation)
            assertEquals(payloads.stream(0).extradataSize(), v.configLength());
            byte[] theirs = hvcC(asMp4);
            io.camelmedia.codec.h265.HevcDecoderConfigurationRecord a =
                    io.camelmedia.codec.h265.HevcDecoderConfigurationRecord.decode(theirs);
            io.camelmedia.codec.h265.HevcDecoderConfigurationRecord b =
                    io.camelmedia.codec.h265.HevcDecoderConfigurationRecord.decode(v.config());
            System.out.println("hvcC ffmpeg " + java.util.HexFormat.of().formatHex(theirs, 0, 23)
                    + "\nhvcC ours   " + java.util.HexFormat.of().formatHex(v.config(), 0, 23));
            for (int type : new int[] {32, 33, 34}) {
                assertEquals(a.nalUnits(type).stream().map(FrameMd5Comparator::md5).toList(),
                        b.nalUnits(type).stream().map(FrameMd5Comparator::md5).toList(), "NAL type " + type);
            }
        }
        for (int stream = 0; stream < timing.streams().size(); stream++) {
            List<MediaFrame> ours = l.frames(stream + 1);
            List<FrameMd5.Packet> md5 = payloads.packets(stream);
            List<FrameMd5.Packet> times = timing.packets(stream);
            assertEquals(times.size(), ours.size(), "stream " + stream);
            FrameMd5.StreamHeader h = timing.stream(stream);
            for (int i = 0; i < ours.size(); i++) {
                MediaFrame f = ours.get(i);
                assertEquals(md5.get(i).md5(), FrameMd5Comparator.md5(f.payloadBytes()), "stream " + stream + " #" + i);
                assertEquals(times.get(i).pts(), FrameMd5Comparator.toTimebase(f.pts(), f.track().clockRate(),
                        h.tbNum(), h.tbDen()), "pts of stream " + stream + " #" + i);
                assertEquals(times.get(i).dts(), FrameMd5Comparator.toTimebase(f.dts(), f.track().clockRate(),
                        h.tbNum(), h.tbDen()), "dts of stream " + stream + " #" + i);
            }
        }
    }

    /** The payload of the first hvcC box of an MP4 file. */
    private static byte[] hvcC(Path mp4) throws java.io.IOException {
        byte[] d = Files.readAllBytes(mp4);
        for (int i = 4; i + 4 <= d.length; i++) {
            if (d[i] == 'h' && d[i + 1] == 'v' && d[i + 2] == 'c' && d[i + 3] == 'C') {
                int size = java.nio.ByteBuffer.wrap(d, i - 4, 4).getInt();
                return java.util.Arrays.copyOfRange(d, i + 4, i - 4 + size);
            }
        }
        throw new AssertionError("no hvcC in " + mp4);
    }

    @Test
    void mediaTypesKeepsOnlyWhatIsAskedFor() throws Exception {
        Path file = dir.resolve("h264-aac.mp4");
        RecordingMediaListener video = play(file, new Options(Set.of(MediaType.VIDEO), false));
        assertEquals(List.of(Codec.H264), video.info().tracks().stream().map(Track::codec).toList());
        assertTrue(video.frames().stream().allMatch(f -> f.track().id() == 1));
        RecordingMediaListener audio = play(file, new Options(Set.of(MediaType.AUDIO), false));
        assertEquals(List.of(Codec.AAC), audio.info().tracks().stream().map(Track::codec).toList());
        assertEquals(2, audio.info().tracks().get(0).id());
        FrameMd5Comparator.assertMatches(FrameMd5.ofPackets(file), 1, audio.frames(2));
    }

    @Test
    void aFileThatIsNoMediaFailsWithoutStarting() throws Exception {
        Path junk = Files.write(dir.resolve("junk.mp4"), "this is not a media file at all".repeat(100).getBytes());
        RecordingMediaListener l = new RecordingMediaListener();
        MediaFilePlayer.Result r = MediaFilePlayer.play(junk, "files/junk", BOTH.toPlayer(), Pacer.asFastAsPossible(),
                () -> true, l);
        assertFalse(r.started());
        assertTrue(r.failed());
        assertTrue(r.reason().startsWith("cannot open: "), r.reason());
        assertEquals(List.of(), l.events());
    }

    /** A faststart MP4 cut in the middle: what is there plays, then the demuxer's reason ends the stream. */
    @Test
    void aTruncatedFileEndsWithTheDemuxersReason() throws Exception {
        Path whole = dir.resolve("faststart.mp4");
        Ffmpeg.run(120, "-y", "-v", "error", "-i", dir.resolve("h264-aac.mp4").toString(), "-c", "copy", "-movflags",
                "+faststart", whole.toString()).requireSuccess();
        byte[] b = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(b, b.length / 2));
        RecordingMediaListener l = new RecordingMediaListener();
        MediaFilePlayer.Result r = MediaFilePlayer.play(cut, "files/cut", BOTH.toPlayer(), Pacer.asFastAsPossible(),
                () -> true, l);
        assertTrue(r.started(), r.toString());
        assertFalse(l.frames().isEmpty());
        assertEquals(1, l.endReasons().size());
        String reason = l.endReasons().get(0);
        assertTrue(reason.startsWith("file truncated: end of file after "), reason);
        System.out.println("truncated mp4 ended with: " + reason + " after " + l.frames().size() + " frames");
    }

    @Test
    void loopKeepsTheTimelineGoing() throws Exception {
        Path file = dir.resolve("h264-aac.flv");
        RecordingMediaListener once = play(file, BOTH);
        RecordingMediaListener l = new RecordingMediaListener();
        int[] frames = {0};
        int twice = once.frames().size() * 2;
        MediaFilePlayer.Result r = MediaFilePlayer.play(file, "files/loop", new Options(BOTH.types(), true).toPlayer(),
                Pacer.asFastAsPossible(), () -> frames[0] < twice, new io.camelmedia.frame.MediaListener() {
                    @Override
                    public void started(StreamInfo info) {
                        l.started(info);
                    }

                    @Override
                    public void frame(String path, MediaFrame frame) {
                        frames[0]++;
                        l.frame(path, frame);
                    }

                    @Override
                    public void ended(String path, String reason) {
                        l.ended(path, reason);
                    }
                });
        assertEquals(List.of(MediaFilePlayer.STOPPED), l.endReasons());
        assertEquals(1, r.loops());
        List<MediaFrame> video = l.frames(1);
        List<MediaFrame> first = once.frames(1);
        assertEquals(first.size() * 2, video.size());
        long span = video.get(first.size()).dts() - first.get(0).dts();
        assertTrue(span >= first.get(first.size() - 1).dts() - first.get(0).dts(), "second pass after the first: " + span);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(FrameMd5Comparator.md5(first.get(i).payloadBytes()),
                    FrameMd5Comparator.md5(video.get(first.size() + i).payloadBytes()));
            assertEquals(first.get(i).dts() + span, video.get(first.size() + i).dts());
        }
    }
}
