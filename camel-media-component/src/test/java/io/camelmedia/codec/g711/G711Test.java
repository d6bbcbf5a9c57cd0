package io.camelmedia.codec.g711;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import io.camelmedia.testing.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * All 256 code words of each law, decoded by us and by ffmpeg's pcm_alaw / pcm_mulaw decoders: equal bit
 * for bit. Plus the G.711 table anchors (Tables 1a/2a: the extreme and the smallest decision values).
 */
public class G711Test {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"alaw", "mulaw"})
    void everyCodeWordEqualsFfmpeg(String law) throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        Path in = Files.write(dir.resolve("codes." + law), codes);
        Path out = dir.resolve("pcm.raw");
        Ffmpeg.run(60, "-v", "error", "-f", law, "-ar", "8000", "-ac", "1", "-i", in.toString(),
                "-f", "s16le", out.toString()).requireSuccess();
        short[] expected = shorts(Files.readAllBytes(out));
        short[] ours = law.equals("alaw") ? G711.decodeAlaw(codes) : G711.decodeMulaw(codes);
        assertArrayEquals(expected, ours);
    }

    @Test
    void tableAnchors() {
        // μ-law: 0xFF and 0x7F are the two zeros, 0x80 / 0x00 the extremes (8159 * 4 = 32124)
        assertEquals(0, G711.mulaw((byte) 0xFF));
        assertEquals(0, G711.mulaw((byte) 0x7F));
        assertEquals(32124, G711.mulaw((byte) 0x80));
        assertEquals(-32124, G711.mulaw((byte) 0x00));
        // A-law: 0xD5 / 0x55 are the smallest steps (+-1 in 13-bit, times 8), 0xAA / 0x2A the extremes (4032 * 8)
        assertEquals(8, G711.alaw((byte) 0xD5));
        assertEquals(-8, G711.alaw((byte) 0x55));
        assertEquals(32256, G711.alaw((byte) 0xAA));
        assertEquals(-32256, G711.alaw((byte) 0x2A));
    }

    public static short[] shorts(byte[] le) {
        short[] s = new short[le.length / 2];
        ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }
}
