package io.camelmedia.protocol.mjr;

import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged copies of real recordings: the specific error, and every complete packet before the damage. */
class MjrDamageTest {
    private static final String AUDIO = "a-h264-opus-audio.mjr";

    @TempDir
    Path dir;

    /** Record offsets of the intact file, in file order. */
    private static List<Long> recordOffsets(byte[] file) throws IOException {
        List<Long> out = new ArrayList<>();
        try (MjrReader r = MjrReader.of("x", file)) {
            MjrRecord rec;
            while ((rec = r.next()) != null) {
                out.add(rec.offset());
            }
        }
        return out;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void truncatedMidRecordKeepsEveryCompletePacket() throws Exception {
        byte[] full = MjrCorpus.bytes(AUDIO);
        List<Long> offsets = recordOffsets(full);
        long cut = offsets.get(500) + 10 + 40; // 40 bytes into the packet of record 500
        Path p = write("cut-audio.mjr", Arrays.copyOf(full, (int) cut));
        MjrTrack t = MjrTrackReader.read(p);
        assertEquals(500, t.packets().size());
        assertNotNull(t.damage());
        int len = MjrReader.u16(full, (int) (offsets.get(500) + 8));
        assertEquals("cut-audio.mjr: record at byte " + offsets.get(500) + ": length " + len
                + " past the end of the file (40 bytes left)", t.damage().getMessage());
        assertEquals(offsets.get(500), t.damage().offset());
        // the complete packets are the intact file's first 500
        MjrTrack intact = MjrTrackReader.read(MjrCorpus.file(AUDIO));
        assertEquals(intact.packets().subList(0, 500), t.packets());
    }

    @Test
    void truncatedInRecordHeader() throws Exception {
        byte[] full = MjrCorpus.bytes(AUDIO);
        long at = recordOffsets(full).get(10);
        MjrTrack t = MjrTrackReader.read(write("h-audio.mjr", Arrays.copyOf(full, (int) at + 6)));
        assertEquals(10, t.packets().size());
        assertEquals("h-audio.mjr: record at byte " + at + ": truncated record header: needs 10 bytes, only 6 left"
                + " before the end of the file", t.damage().getMessage());
    }

    @Test
    void damagedSessionDeliversFramesBeforeTheDamageThenEndsWithTheReason() throws Exception {
        byte[] full = MjrCorpus.bytes(AUDIO);
        long cut = recordOffsets(full).get(300) + 12;
        Path p = write("s-audio.mjr", Arrays.copyOf(full, (int) cut));
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSessionResult r = MjrSession.find(p, MjrNaming.DEFAULT).play(l, MjrDepacketizers.DEFAULT);
        assertEquals(300, l.frames().size());
        assertEquals("ended", l.events().get(l.events().size() - 1));
        assertTrue(l.endReasons().get(0).startsWith("recording damaged: s-audio.mjr: record at byte "), l.endReasons().get(0));
        assertTrue(r.damage().isPresent());
    }

    @Test
    void lengthPastTheEnd() throws Exception {
        byte[] bad = MjrCorpus.bytes(AUDIO);
        List<Long> offsets = recordOffsets(bad);
        int index = offsets.size() - 3;
        long at = offsets.get(index);
        bad[(int) at + 8] = (byte) 0xEF; // length 61234: far beyond the last records
        bad[(int) at + 9] = (byte) 0x32;
        MjrTrack t = MjrTrackReader.read(write("len-audio.mjr", bad));
        assertEquals(index, t.packets().size());
        long left = bad.length - at - 10;
        assertEquals("len-audio.mjr: record at byte " + at + ": length 61234 past the end of the file (" + left
                + " bytes left)", t.damage().getMessage());
    }

    @Test
    void wrongRecordPrefix() throws Exception {
        byte[] bad = MjrCorpus.bytes(AUDIO);
        long at = recordOffsets(bad).get(7);
        bad[(int) at + 1] = 'X';
        MjrTrack t = MjrTrackReader.read(write("p-audio.mjr", bad));
        assertEquals(7, t.packets().size());
        assertTrue(t.damage().getMessage().startsWith("p-audio.mjr: record at byte " + at + ": expected 'MEET', found 'MXET'"),
                t.damage().getMessage());
    }

    @Test
    void brokenJson() throws Exception {
        byte[] bad = MjrCorpus.bytes(AUDIO);
        String json = new String(bad, 10, MjrReader.u16(bad, 8), StandardCharsets.ISO_8859_1);
        int comma = json.indexOf(',');
        bad[10 + comma] = ';';
        MjrException e = assertThrows(MjrException.class, () -> MjrTrackReader.read(write("j-audio.mjr", bad)));
        assertEquals("j-audio.mjr: header at byte " + (10 + comma) + ": info header is not valid JSON: expected ',' or '}' at character "
                + comma, e.getMessage());
    }

    @Test
    void missingCreatedTime() throws Exception {
        MjrException e = assertThrows(MjrException.class,
                () -> MjrTrackReader.read(write("s-audio.mjr", mjr("{\"t\":\"a\",\"c\":\"opus\",\"u\":1}"))));
        assertEquals("s-audio.mjr: header at byte 10: info header: 's' must be an integer (µs), was missing", e.getMessage());
    }

    @Test
    void unknownCodec() throws Exception {
        Path p = write("c-audio.mjr", mjr("{\"t\":\"a\",\"c\":\"speex\",\"s\":1,\"u\":2}"));
        try (MjrReader r = MjrReader.open(p)) {
            assertEquals("speex", r.header().codecName()); // the reader itself still reads the records
        }
        MjrException e = assertThrows(MjrException.class, () -> MjrTrackReader.read(p));
        assertTrue(e.getMessage().startsWith("c-audio.mjr: header at byte 0: unknown codec 'speex' in the info header (known: opus,"),
                e.getMessage());
        assertThrows(MjrException.class, () -> MjrSession.find(p, MjrNaming.DEFAULT).play(new RecordingMediaListener(),
                MjrDepacketizers.DEFAULT));
    }

    @Test
    void codecOfAnotherKind() throws Exception {
        MjrException e = assertThrows(MjrException.class,
                () -> MjrTrackReader.read(write("k-video.mjr", mjr("{\"t\":\"v\",\"c\":\"opus\",\"s\":1,\"u\":2}"))));
        assertEquals("k-video.mjr: header at byte 0: codec 'opus' does not fit a recording of type 'v'", e.getMessage());
    }

    @Test
    void emptyFile() throws Exception {
        MjrException e = assertThrows(MjrException.class, () -> MjrTrackReader.read(write("e-audio.mjr", new byte[0])));
        assertEquals("e-audio.mjr: header at byte 0: empty file (0 bytes), not an .mjr recording", e.getMessage());
    }

    @Test
    void notAnMjrFile() {
        MjrException e = assertThrows(MjrException.class, () -> MjrReader.of("n.mjr", "RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("n.mjr: header at byte 0: not an .mjr recording: starts with 'RIFF....' (524946462e2e2e2e), expected MJR00002,"
                + " MJR00001 or MEETECHO", e.getMessage());
    }

    @Test
    void infoHeaderLengthPastTheEnd() {
        byte[] b = Arrays.copyOf(MjrCorpus.bytes(AUDIO), 40);
        MjrException e = assertThrows(MjrException.class, () -> MjrReader.of("i.mjr", b));
        assertEquals("i.mjr: header at byte 8: info header length " + MjrReader.u16(b, 8) + " past the end of the file (30 bytes left)",
                e.getMessage());
    }

    @Test
    void headerOnlyFileHasNoPackets() throws Exception {
        MjrTrack t = MjrTrackReader.read(write("h-audio.mjr", mjr("{\"t\":\"a\",\"c\":\"opus\",\"s\":1,\"u\":2}")));
        assertEquals(0, t.packets().size());
        assertEquals(null, t.damage());
    }

    @Test
    void deepJsonIsRefusedWithoutStackOverflow() throws Exception {
        String deep = "{\"t\":\"a\",\"c\":\"opus\",\"s\":1,\"u\":2,\"z\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        MjrException e = assertThrows(MjrException.class, () -> MjrTrackReader.read(write("d-audio.mjr", mjr(deep))));
        assertTrue(e.getMessage().contains("nesting deeper than " + MjrJson.MAX_DEPTH), e.getMessage());
    }

    /**
     * Random damage to a real file: reading ends in a result (maybe with damage) or an MjrException, nothing
     * else; what is read before any damage equals the intact file's packets where the bytes are intact.
     */
    @Test
    void fuzz() throws Exception {
        byte[] base = Arrays.copyOf(MjrCorpus.bytes(AUDIO), 6000);
        Random rnd = new Random(5);
        for (int i = 0; i < 3000; i++) {
            byte[] b = base.clone();
            int n = 1 + rnd.nextInt(8);
            for (int k = 0; k < n; k++) {
                int where = i % 3 == 0 ? rnd.nextInt(90) : rnd.nextInt(b.length); // a third hit the JSON header
                b[where] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextBoolean()) {
                b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            }
            try (MjrReader r = MjrReader.of("fuzz", b)) {
                MjrTrack t = MjrTrackReader.read(r, MjrTrackReader.DEFAULT_MAX_BYTES);
                assertTrue(t.packets().size() <= 60);
                if (i % 25 != 0) {
                    continue;
                }
                RecordingMediaListener l = new RecordingMediaListener();
                Path p = write("fuzz-audio.mjr", b);
                MjrSession.find(p, MjrNaming.DEFAULT).play(l, MjrDepacketizers.DEFAULT);
                assertEquals("ended", l.events().get(l.events().size() - 1));
            } catch (MjrException expected) {
                assertTrue(expected.getMessage().startsWith("fuzz"), expected.getMessage());
            }
        }
    }

    /** An MJR00002 file: magic, JSON, no records. */
    static byte[] mjr(String json) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[10 + j.length];
        System.arraycopy("MJR00002".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 8);
        out[8] = (byte) (j.length >>> 8);
        out[9] = (byte) j.length;
        System.arraycopy(j, 0, out, 10, j.length);
        return out;
    }
}
