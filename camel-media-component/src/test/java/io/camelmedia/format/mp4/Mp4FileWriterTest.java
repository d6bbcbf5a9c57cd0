package io.camelmedia.format.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.format.ContainerTestSupport;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MP4 files against the real peer: every FLV sample with video (H.264+AAC, H.265+AAC with B-frames,
 * AV1+AAC, VP9+Opus) written as a file, faststart or not, to a file or to a stream; ffmpeg's MP4 demuxer
 * reads back the FLV's packets (count, pts, size, MD5, key flags), decodes them without errors, and the
 * top-level boxes are in the promised order.
 */
class Mp4FileWriterTest {
    @TempDir
    Path dir;

    enum Mode { FASTSTART, MOOV_AT_END, STREAM }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (FlvSamples.Sample s : FlvSamples.all()) {
            if (s.video() != null) {
                for (Mode m : Mode.values()) {
                    cases.add(Arguments.of(s, m));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void ffmpegReadsBackTheSourcePackets(FlvSamples.Sample sample, Mode mode) throws Exception {
        Path flv = sample.writeFlv(dir.resolve("in.flv"));
        RecordingMediaListener rec = ContainerTestSupport.readFlv(flv);
        List<Track> tracks = List.of(ContainerTestSupport.track(rec, 1), ContainerTestSupport.track(rec, 2));
        Path mp4 = dir.resolve("out.mp4");
        write(mp4, tracks, rec.frames(), mode);

        FrameMd5 source = FrameMd5.ofPackets(flv);
        FrameMd5 ours = FrameMd5.ofPackets(mp4);
        for (String type : List.of("video", "audio")) {
            ContainerTestSupport.assertSamePackets(source, source.streamOf(type).orElseThrow().index(), ours,
                    ours.streamOf(type).orElseThrow().index(), 0);
        }
        ContainerTestSupport.assertDecodesLikeFfmpegsRemux(mp4, flv);
        List<String> top = topLevelBoxes(Files.readAllBytes(mp4));
        assertEquals(mode == Mode.MOOV_AT_END ? List.of("ftyp", "mdat", "moov") : List.of("ftyp", "moov", "mdat"), top);
    }

    /** A/V start offsets survive: a track starting 1.5 s late gets an empty edit, and ffmpeg sees it there. */
    @Test
    void lateTrackKeepsItsStartThroughTheEditList() throws Exception {
        FlvSamples.Sample h264 = FlvSamples.all().get(0);
        Path flv = h264.writeFlv(dir.resolve("in.flv"));
        RecordingMediaListener rec = ContainerTestSupport.readFlv(flv);
        List<Track> tracks = List.of(ContainerTestSupport.track(rec, 1), ContainerTestSupport.track(rec, 2));
        List<MediaFrame> frames = new ArrayList<>();
        for (MediaFrame f : rec.frames()) {
            long shift = f.track().mediaType() == MediaType.VIDEO ? 135_000 : 0; // video 1.5 s late
            frames.add(MediaFrame.of(f.track(), f.pts() + shift, f.dts() + shift, f.keyframe(), f.format(), f.payloadBytes()));
        }
        Path mp4 = dir.resolve("late.mp4");
        write(mp4, tracks, frames, Mode.FASTSTART);
        String out = Ffmpeg.probe(30, "-v", "error", "-select_streams", "v", "-show_entries", "stream=start_time",
                "-of", "csv=p=0", mp4.toString()).requireSuccess().stdout().strip();
        double expected = 1.5 + rec.frames(1).get(0).pts() / 90000.0;
        assertEquals(expected, Double.parseDouble(out), 0.0011, "video start_time");
    }

    /** Annex B input is re-framed with 4-byte lengths: same samples as the AVCC frames. */
    @Test
    void annexBFramesBecomeAvcc() throws Exception {
        Path flv = FlvSamples.all().get(0).writeFlv(dir.resolve("in.flv"));
        RecordingMediaListener rec = ContainerTestSupport.readFlv(flv);
        Track video = ContainerTestSupport.track(rec, 1);
        List<MediaFrame> annexB = new ArrayList<>();
        for (MediaFrame f : rec.frames(1)) {
            byte[] p = f.payloadBytes();
            io.camelmedia.codec.h264.NalUnits nals = Avcc.split(p);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < nals.count(); i++) {
                b.write(new byte[] {0, 0, 0, 1});
                b.write(nals.buffer(), nals.offset(i), nals.length(i));
            }
            assertTrue(AnnexB.startsWithStartCode(b.toByteArray(), 0, b.size()));
            annexB.add(MediaFrame.of(video, f.pts(), f.dts(), f.keyframe(), BitstreamFormat.ANNEX_B, b.toByteArray()));
        }
        Path mp4 = dir.resolve("annexb.mp4");
        write(mp4, List.of(video), annexB, Mode.FASTSTART);
        FrameMd5 source = FrameMd5.ofPackets(flv);
        ContainerTestSupport.assertSamePackets(source, source.streamOf("video").orElseThrow().index(),
                FrameMd5.ofPackets(mp4), 0, 0);
    }

    @Test
    void rejectsWhatItCannotWrite() throws Exception {
        Track vp8 = Track.builder(1, Codec.VP8).clockRate(90000).build();
        assertThrows(Mp4Exception.class, () -> new Mp4FileWriter(Channels.newChannel(new ByteArrayOutputStream()),
                List.of(vp8), Mp4FileWriter.Options.defaults()));
        Track h264 = Track.builder(1, Codec.H264).clockRate(90000).build(); // no avcC
        assertThrows(Mp4Exception.class, () -> new Mp4FileWriter(Channels.newChannel(new ByteArrayOutputStream()),
                List.of(h264), Mp4FileWriter.Options.defaults()));
        Track opus = Track.builder(2, Codec.OPUS).clockRate(48000).config(
                io.camelmedia.codec.opus.OpusHead.of(2, 312, 48000).encode()).build();
        Mp4FileWriter w = new Mp4FileWriter(Channels.newChannel(new ByteArrayOutputStream()), List.of(opus),
                new Mp4FileWriter.Options(true, 1000));
        byte[] packet = new byte[600];
        packet[0] = (byte) 0xFC; // 20 ms CELT, one frame
        w.write(MediaFrame.of(opus, 0, 0, true, BitstreamFormat.RAW, packet));
        assertThrows(Mp4Exception.class, () -> w.write(MediaFrame.of(opus, 960, 960, true, BitstreamFormat.RAW, packet)),
                "the in-memory bound");
        assertThrows(Mp4Exception.class, () -> w.write(MediaFrame.of(opus, -960, -960, true, BitstreamFormat.RAW,
                new byte[] {(byte) 0xFC})), "dts going back");
    }

    static void write(Path mp4, List<Track> tracks, List<MediaFrame> frames, Mode mode) throws Exception {
        List<MediaFrame> ordered = new ArrayList<>(frames);
        ordered.sort(java.util.Comparator.comparingLong((MediaFrame f) -> f.track().toMicros(f.dts())));
        if (mode == Mode.STREAM) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Mp4FileWriter w = new Mp4FileWriter(Channels.newChannel(bytes), tracks, Mp4FileWriter.Options.defaults())) {
                for (MediaFrame f : ordered) {
                    w.write(f);
                }
            }
            Files.write(mp4, bytes.toByteArray());
            return;
        }
        try (Mp4FileWriter w = Mp4FileWriter.create(mp4, tracks,
                Mp4FileWriter.Options.defaults().withFaststart(mode == Mode.FASTSTART))) {
            for (MediaFrame f : ordered) {
                w.write(f);
            }
        }
    }

    static List<String> topLevelBoxes(byte[] file) {
        List<String> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file);
        long pos = 0;
        while (pos + 8 <= file.length) {
            long size = b.getInt((int) pos) & 0xFFFF_FFFFL;
            types.add(new String(file, (int) pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
            if (size == 1) {
                size = b.getLong((int) pos + 8);
            }
            assertTrue(size >= 8, "box size at " + pos);
            pos += size;
        }
        assertEquals(file.length, pos, "boxes cover the file");
        return types;
    }
}
