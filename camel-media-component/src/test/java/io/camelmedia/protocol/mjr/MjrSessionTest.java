package io.camelmedia.protocol.mjr;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairing and the common timeline, on real recordings and on copies shifted in time by our writer. */
class MjrSessionTest {
    @TempDir
    Path dir;

    private Path copyPair(String item) throws Exception {
        for (String kind : List.of("audio", "video")) {
            Files.copy(MjrCorpus.file(item + "-" + kind + ".mjr"), dir.resolve(item + "-" + kind + ".mjr"));
        }
        return dir.resolve(item + "-video.mjr");
    }

    @Test
    void pairsAudioAndVideoIntoOneStreamInTimeOrder() throws Exception {
        MjrSession s = MjrSession.find(copyPair("a-h264-opus"), MjrNaming.DEFAULT);
        assertEquals("a-h264-opus", s.name());
        assertEquals(2, s.files().size());
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSessionResult r = s.play(l, MjrDepacketizers.DEFAULT);
        StreamInfo info = l.info();
        assertEquals("a-h264-opus", info.path());
        assertEquals(List.of(Codec.H264, Codec.OPUS), info.tracks().stream().map(t -> t.codec()).toList());
        assertEquals(List.of(1, 2), info.tracks().stream().map(t -> t.id()).toList());
        assertEquals("a-h264-opus-audio.mjr", info.metadata().get("mjr.audio"));
        assertEquals(600, l.frames(MjrSession.VIDEO_TRACK_ID).size());
        assertEquals(1001, l.frames(MjrSession.AUDIO_TRACK_ID).size());
        long last = Long.MIN_VALUE;
        for (MediaFrame f : l.frames()) {
            assertTrue(f.ptsMicros() >= last, "merged in time order at " + f);
            last = f.ptsMicros();
        }
        // The corpus tracks began together (u differ by 0.022 ms): video frame n and the audio packet of the
        // same source second line up.
        long videoStart = r.track(MjrSession.VIDEO_TRACK_ID).orElseThrow().startMicros();
        long audioStart = r.track(MjrSession.AUDIO_TRACK_ID).orElseThrow().startMicros();
        assertTrue(Math.abs(videoStart - audioStart) < 1000, videoStart + " vs " + audioStart);
        assertEquals(30 * 3000, l.frames(1).get(30).pts() - l.frames(1).get(0).pts());
        assertEquals(List.of("started"), l.events().subList(0, 1));
        assertEquals(MjrSession.END_OF_RECORDING, l.endReasons().get(0));
    }

    /**
     * Audio that started recording 500 ms after the video (its u and MEET times shifted by our writer): the
     * audio track is placed 500 ms in, so the beeps stay on the video frames they belong to.
     */
    @Test
    void laterTrackIsPlacedAtItsOffset() throws Exception {
        long shift = 500_000;
        Path video = dir.resolve("late-video.mjr");
        Files.copy(MjrCorpus.file("a-h264-opus-video.mjr"), video);
        Path audio = dir.resolve("late-audio.mjr");
        Path src = MjrCorpus.file("a-h264-opus-audio.mjr");
        long created;
        try (MjrReader r = MjrReader.open(src)) {
            created = r.header().createdMicros();
        }
        List<Object[]> packets = MjrWriterTest.packets(src);
        try (MjrWriter w = MjrWriter.create(audio, MjrHeader.builder(MjrMediaKind.AUDIO, "opus").createdMicros(created).build())) {
            for (Object[] p : packets.subList(25, packets.size())) { // the sender's first 500 ms were not recorded
                w.write((RtpPacket) p[0], (Long) p[1] + shift);
            }
        }
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSessionResult r = MjrSession.find(audio, MjrNaming.DEFAULT).play(l, MjrDepacketizers.DEFAULT);
        long audioStart = r.track(MjrSession.AUDIO_TRACK_ID).orElseThrow().startMicros();
        // packet 25 arrived 500 ms later than it did, at the arrival Janus saw for packet 25 (ms resolution)
        long expected = (Long) packets.get(25)[1] + shift - r.track(1).orElseThrow().recording().header().firstPacketMicros();
        assertEquals(expected, audioStart);
        MediaFrame firstAudio = l.frames(MjrSession.AUDIO_TRACK_ID).get(0);
        assertEquals(Math.round(expected * 48 / 1000.0), firstAudio.pts());
        assertTrue(l.frames().get(0).track().id() == MjrSession.VIDEO_TRACK_ID);
    }

    @Test
    void dataTrackJoinsTheTimeline() throws Exception {
        copyPair("a-h264-opus");
        long u;
        try (MjrReader r = MjrReader.open(dir.resolve("a-h264-opus-video.mjr"))) {
            u = r.header().firstPacketMicros();
        }
        try (MjrWriter w = MjrWriter.create(dir.resolve("a-h264-opus-data.mjr"), MjrHeader.builder(MjrMediaKind.DATA, "text").build())) {
            w.writeData("at one second".getBytes(StandardCharsets.UTF_8), u + 1_000_000);
        }
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSession.find(dir.resolve("a-h264-opus-audio.mjr"), MjrNaming.DEFAULT).play(l, MjrDepacketizers.DEFAULT);
        assertEquals(3, l.info().tracks().size());
        List<MediaFrame> data = l.frames(MjrSession.DATA_TRACK_ID);
        assertEquals(1, data.size());
        assertEquals(1000, data.get(0).pts());
        assertEquals("at one second", new String(data.get(0).payloadBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void customNamingAndSingleFiles() throws Exception {
        Files.copy(MjrCorpus.file("d-pcmu-audio.mjr"), dir.resolve("call42.a.mjr"));
        MjrNaming naming = new MjrNaming(".a.mjr", ".v.mjr", ".d.mjr");
        MjrSession s = MjrSession.find(dir.resolve("call42.a.mjr"), naming);
        assertEquals("call42", s.name());
        assertEquals(1, s.files().size());
        MjrSession lone = MjrSession.find(MjrCorpus.file("d-pcmu-audio.mjr"), new MjrNaming("-x.mjr", "-y.mjr", "-z.mjr"));
        assertEquals("d-pcmu-audio", lone.name());
    }

    @Test
    void twoRecordingsOfOneKindAreRefused() {
        MjrSession s = MjrSession.of("x", List.of(MjrCorpus.file("d-pcmu-audio.mjr"), MjrCorpus.file("d-pcma-audio.mjr")));
        MjrException e = assertThrows(MjrException.class, () -> s.play(new RecordingMediaListener(), MjrDepacketizers.DEFAULT));
        assertTrue(e.getMessage().contains("a session takes one audio recording"), e.getMessage());
    }

    @Test
    void missingDepacketizerIsRefused() {
        MjrSession s = MjrSession.of("x", List.of(MjrCorpus.file("b-vp8-opus-video.mjr")));
        MjrException e = assertThrows(MjrException.class, () -> s.play(new RecordingMediaListener(), (c, h) -> null));
        assertEquals("b-vp8-opus-video.mjr: no depacketizer for codec 'vp8'", e.getMessage());
    }

    /** Real-time pacing on a fake clock: each frame waits until start + its time, never before. */
    @Test
    void realTimePacerSleepsUntilEachFrameIsDue() throws Exception {
        long[] now = {5_000_000_000L};
        List<Long> sleeps = new ArrayList<>();
        Pacer pacer = Pacer.realTime(() -> now[0], ns -> {
            sleeps.add(ns);
            now[0] += ns;
        });
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSession.of("x", List.of(MjrCorpus.file("d-pcmu-audio.mjr"))).play(l, MjrDepacketizers.DEFAULT, pacer);
        assertEquals(999, sleeps.size());
        assertTrue(sleeps.stream().allMatch(ns -> ns == 20_000_000L), "20 ms between 20 ms packets");
        assertEquals(5_000_000_000L + 999 * 20_000_000L, now[0]);
    }
}
