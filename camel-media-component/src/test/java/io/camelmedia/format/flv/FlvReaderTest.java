package io.camelmedia.format.flv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link FlvReader}: file structure checks, truncation at every kind of place, script tags. */
class FlvReaderTest {
    private static final byte[] AVC_SEQ = FlvStreamAssemblerTest.hex("17 00 000000" + FlvStreamAssemblerTest.AVCC);
    private static final byte[] AVC_KEY = FlvStreamAssemblerTest.hex("17 01 000000 00000002 6588");

    @TempDir
    static Path dir;
    static byte[] real;

    @BeforeAll
    static void makeRealFile() throws Exception {
        real = Files.readAllBytes(FlvTestFiles.h264Aac(dir));
    }

    private final RecordingMediaListener rec = new RecordingMediaListener();
    private final FlvStreamAssembler asm = new FlvStreamAssembler("file/x", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);

    @Test
    void readsAWholeFileAndHandsScriptTagsOver() throws Exception {
        List<byte[]> scripts = new ArrayList<>();
        FlvReader.Summary s = new FlvReader(new ByteArrayInputStream(real), asm, (ts, body) -> scripts.add(body)).read();
        assertFalse(s.truncated());
        assertEquals(real.length, s.bytes());
        assertEquals("end of file", s.endReason());
        assertEquals(1, scripts.size());
        assertEquals("onMetaData", new String(scripts.get(0), 3, 10, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(List.of("end of file"), rec.endReasons());
        assertTrue(rec.frames().size() > 60, "1 s of 25 fps video and 44.1 kHz audio");
    }

    @Test
    void extendedTimestampsFormAnSi32() throws Exception {
        byte[] flv = new FlvTestFiles.Builder().tag(9, 0, AVC_SEQ).tag(9, 0x01000001L, AVC_KEY).bytes();
        new FlvReader(new ByteArrayInputStream(flv), asm, null).read();
        assertEquals(0x01000001L * 90, rec.frames().get(0).dts());
    }

    /** Cut points in the real file, and what the end reason must say. */
    static Stream<Arguments> cuts() {
        return Stream.of(
                Arguments.of("inside the FLV header", 5, "truncated: FLV header cut after 5 of 9 bytes"),
                Arguments.of("inside PreviousTagSize0", 11, "truncated: PreviousTagSize0 cut after 2 of 4 bytes"),
                Arguments.of("inside the first tag header", 13 + 4, "cut in its header after 4 of 11 bytes"),
                Arguments.of("inside the first tag body", 13 + 11 + 7, "(TagType 18) at byte 13 cut in its body after 7 of"),
                Arguments.of("inside a PreviousTagSize", -2, "cut after 2 of 4 bytes"),
                Arguments.of("in the middle of the stream", -1000, "truncated: tag"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cuts")
    void truncatedFilesEndCleanlySayingWhatWasCut(String name, int cut, String message) throws Exception {
        int length = cut >= 0 ? cut : real.length + cut;
        FlvReader.Summary s = new FlvReader(new ByteArrayInputStream(Arrays.copyOf(real, length)), asm, null).read();
        assertTrue(s.truncated());
        assertTrue(s.endReason().contains(message), s.endReason());
        if (rec.starts().size() == 1) {
            assertEquals(List.of(s.endReason()), rec.endReasons());
        }
    }

    static Stream<Arguments> malformedFiles() {
        byte[] good = new FlvTestFiles.Builder().tag(9, 0, AVC_SEQ).tag(9, 0, AVC_KEY).bytes();
        return Stream.of(
                Arguments.of("signature", patch(good, 0, 'G'), "FLV header: Signature is not 'FLV'"),
                Arguments.of("version 2", patch(good, 3, 2), "FLV header: Version 2 at offset 3"),
                Arguments.of("DataOffset 5", patch(good, 8, 5), "DataOffset 5 at offset 5 is outside 9..1024"),
                Arguments.of("PreviousTagSize0 not 0", patch(good, 12, 1), "PreviousTagSize0 is 1, must be 0"),
                Arguments.of("TagType 7", patch(good, 13, 7), "TagType 7 is not 8 (audio), 9 (video) or 18"),
                Arguments.of("Filter (encrypted)", patch(good, 13, 0x29), "Filter is 1 (encrypted tag)"),
                Arguments.of("StreamID 1", patch(good, 13 + 10, 1), "StreamID 1 at header offset 8, must be 0"),
                Arguments.of("PreviousTagSize mismatch", patch(good, 13 + 11 + AVC_SEQ.length + 3, 0),
                        "PreviousTagSize 0 after the tag at byte 13 does not match its size 45"),
                Arguments.of("bad tag body", patch(good, 13 + 11, 0x12),
                        "after 0 complete tag(s), at byte 58: VideoTagHeader: CodecID 2 (Sorenson H.263)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    void malformedFilesAreRefusedWithASpecificMessage(String name, byte[] flv, String message) {
        FlvException e = assertThrows(FlvException.class,
                () -> new FlvReader(new ByteArrayInputStream(flv), asm, null).read());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aMalformedTagAfterStartEndsTheStreamWithTheReason() {
        byte[] flv = new FlvTestFiles.Builder().tag(9, 0, AVC_SEQ).tag(9, 0, AVC_KEY)
                .tag(9, 40, FlvStreamAssemblerTest.hex("17 01 00")).bytes();
        assertThrows(FlvException.class, () -> new FlvReader(new ByteArrayInputStream(flv), asm, null).read());
        assertEquals(List.of("started", "frame", "ended"), rec.events());
        assertTrue(rec.endReasons().get(0).startsWith("malformed FLV: VideoTagHeader: AVCPacketType"),
                rec.endReasons().get(0));
    }

    @Test
    void aHeaderExtensionIsSkipped() throws Exception {
        byte[] good = new FlvTestFiles.Builder().tag(9, 0, AVC_SEQ).tag(9, 0, AVC_KEY).bytes();
        byte[] extended = new byte[good.length + 3];
        System.arraycopy(good, 0, extended, 0, 9);
        extended[8] = 12;
        System.arraycopy(good, 9, extended, 12, good.length - 9);
        new FlvReader(new ByteArrayInputStream(extended), asm, null).read();
        assertArrayEquals(FlvStreamAssemblerTest.hex("00000002 6588"), rec.frames().get(0).payloadBytes());
    }

    private static byte[] patch(byte[] b, int at, int value) {
        byte[] c = b.clone();
        c[at] = (byte) value;
        return c;
    }
}
