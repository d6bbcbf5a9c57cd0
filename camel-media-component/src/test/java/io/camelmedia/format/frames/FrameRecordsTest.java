package io.camelmedia.format.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import org.junit.jupiter.api.Test;

class FrameRecordsTest {
    static final Track H264 = Track.builder(1, Codec.H264).clockRate(90_000).width(1280).height(720)
            .config(new byte[] {1, 0x64, 0, 0x1f, (byte) 0xff}).build();
    static final Track OPUS = Track.builder(2, Codec.OPUS).clockRate(48_000).sampleRate(48_000).channels(2).build();
    static final StreamInfo INFO = new StreamInfo("live/cam1", List.of(H264, OPUS), metadata());

    private static Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", 1280.0);
        m.put("encoder", "Lavf62");
        m.put("stereo", true);
        m.put("nested", Map.of("a", "b"));
        m.put("odd", new StringBuilder("kept as text"));
        return m;
    }

    @Test
    void startedCarriesTracksAndMetadata() {
        FrameRecords.Parsed p = parse(FrameRecords.started(INFO));
        assertEquals(MediaEvent.STARTED, p.event());
        assertEquals("live/cam1", p.path());
        assertEquals(INFO.tracks(), p.info().tracks());
        assertEquals(1280.0, p.info().metadata().get("width"));
        assertEquals("Lavf62", p.info().metadata().get("encoder"));
        assertEquals(true, p.info().metadata().get("stereo"));
        assertEquals(Map.of("a", "b"), p.info().metadata().get("nested"));
        assertEquals("kept as text", p.info().metadata().get("odd"));
    }

    @Test
    void framesKeepEverythingAndShareTheRecordsBytes() {
        byte[] payload = {0, 0, 0, 2, 0x65, (byte) 0x88};
        MediaFrame f = MediaFrame.of(H264, 183_000, 180_000, true, BitstreamFormat.AVCC, payload);
        byte[] record = FrameRecords.frame("live/cam1", f, INFO);
        FrameRecords.Parsed p = parse(record);
        assertEquals(MediaEvent.FRAME, p.event());
        assertEquals(INFO.tracks(), p.info().tracks());
        MediaFrame back = p.frame(H264, record);
        assertEquals(183_000, back.pts());
        assertEquals(180_000, back.dts());
        assertTrue(back.keyframe());
        assertEquals(BitstreamFormat.AVCC, back.format());
        assertArrayEquals(payload, back.payloadBytes());

        MediaFrame audio = MediaFrame.of(OPUS, -312, -312, true, BitstreamFormat.RAW, new byte[0]);
        FrameRecords.Parsed a = parse(FrameRecords.frame("live/cam1", audio, null));
        assertNull(a.info());
        assertEquals(2, a.trackId());
        assertEquals(-312, a.pts());
        assertEquals(0, a.payloadLength());
    }

    @Test
    void endedCarriesTheReasonAndTheLastDescription() {
        FrameRecords.Parsed p = parse(FrameRecords.ended("live/cam1", "publisher disconnected", INFO));
        assertEquals(MediaEvent.ENDED, p.event());
        assertEquals("publisher disconnected", p.reason());
        assertEquals(INFO.tracks(), p.info().tracks());
        assertNull(parse(FrameRecords.ended("live/x", null, null)).info());
        String huge = "x".repeat(100_000);
        assertTrue(parse(FrameRecords.ended("live/x", huge, null)).reason().length() <= FrameRecords.MAX_REASON);
    }

    @Test
    void badRecordsSayWhatIsWrong() {
        byte[] good = FrameRecords.frame("live/a", MediaFrame.of(OPUS, 0, 0, true, BitstreamFormat.RAW, new byte[10]), INFO);
        assertMessage("does not start with \"CMF\"", "HELLO".getBytes());
        byte[] v2 = good.clone();
        v2[3] = 2;
        assertMessage("version 2 is not supported", v2);
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertMessage("payload of 10 bytes, but 11 follow", longer);
        byte[] started = FrameRecords.started(INFO);
        byte[] codec = started.clone();
        int at = indexOf(codec, "OPUS".getBytes());
        codec[at] = 'X';
        assertMessage("unknown codec 'XPUS'", codec);
        byte[] tracks = started.clone();
        tracks[3 + 1 + 1 + 2 + "live/cam1".length()] = (byte) 200;
        assertMessage("200 tracks, at most 64", tracks);
        for (int n = 0; n < started.length; n++) {
            byte[] cut = Arrays.copyOf(started, n);
            assertThrows(FrameRecordException.class, () -> parse(cut), "cut at " + n);
        }
        for (int n = 0; n < good.length - 10; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(FrameRecordException.class, () -> parse(cut), "cut at " + n);
        }
    }

    /** Damaged records parse or are refused with a FrameRecordException: nothing else escapes. */
    @Test
    void damagedRecordsNeverThrowAnythingElse() {
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> seeds = List.of(FrameRecords.started(INFO), FrameRecords.ended("live/a", "bye", INFO),
                FrameRecords.frame("live/a", MediaFrame.of(H264, 1, 1, true, BitstreamFormat.AVCC, new byte[40]), INFO));
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] r = seeds.get(i % seeds.size()).clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                r[3 + random.nextInt(r.length - 3)] = (byte) random.nextInt(256);
            }
            r[3] = FrameRecords.VERSION;
            try {
                parse(r);
            } catch (FrameRecordException e) {
                refused++;
            }
        }
        assertTrue(refused > 1000, "refused " + refused);
    }

    @Test
    void aReaderJoinsAtAKeyFrameThatDescribesTheStream() {
        List<String> events = new ArrayList<>();
        FrameRecordReader reader = new FrameRecordReader("copy/cam1", recorder(events));
        MediaFrame delta = MediaFrame.of(H264, 3000, 3000, false, BitstreamFormat.AVCC, new byte[] {0, 0, 0, 1, 0x41});
        MediaFrame key = MediaFrame.of(H264, 6000, 6000, true, BitstreamFormat.AVCC, new byte[] {0, 0, 0, 1, 0x65});
        feed(reader, FrameRecords.frame("live/cam1", delta, null));
        feed(reader, FrameRecords.frame("live/cam1", key, null));
        assertEquals(List.of(), events);
        assertEquals(2, reader.framesBeforeStart());
        feed(reader, FrameRecords.frame("live/cam1", key, INFO));
        feed(reader, FrameRecords.frame("live/cam1", delta, INFO));
        feed(reader, FrameRecords.started(INFO));
        MediaFrame other = MediaFrame.of(Track.builder(9, Codec.AAC).clockRate(44_100).build(), 0, 0, true, BitstreamFormat.RAW, new byte[1]);
        feed(reader, FrameRecords.frame("live/cam1", other, null));
        assertEquals(1, reader.framesOfUnknownTracks());
        assertEquals(List.of("STARTED copy/cam1 2", "FRAME copy/cam1 6000", "FRAME copy/cam1 3000"), events);

        StreamInfo audioOnly = new StreamInfo("live/cam1", List.of(OPUS), null);
        feed(reader, FrameRecords.started(audioOnly));
        assertEquals(List.of("ENDED copy/cam1 restarted upstream with other tracks", "STARTED copy/cam1 1"),
                events.subList(3, 5));
        byte[] end = FrameRecords.ended("live/cam1", "bye", null);
        assertTrue(reader.accept(FrameRecords.parse(end, 0, end.length), end));
        assertEquals("ENDED copy/cam1 bye", events.get(5));
        assertTrue(!reader.started());
    }

    private static void feed(FrameRecordReader reader, byte[] record) {
        reader.accept(FrameRecords.parse(record, 0, record.length), record);
    }

    private static MediaListener recorder(List<String> events) {
        return new MediaListener() {
            @Override
            public void started(StreamInfo info) {
                events.add("STARTED " + info.path() + " " + info.tracks().size());
            }

            @Override
            public void frame(String path, MediaFrame frame) {
                events.add("FRAME " + path + " " + frame.pts());
            }

            @Override
            public void ended(String path, String reason) {
                events.add("ENDED " + path + " " + reason);
            }
        };
    }

    private static FrameRecords.Parsed parse(byte[] record) {
        return FrameRecords.parse(record, 0, record.length);
    }

    private static void assertMessage(String expected, byte[] record) {
        String message = assertThrows(FrameRecordException.class, () -> parse(record)).getMessage();
        assertTrue(message.contains(expected), message);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
