package io.camelmedia.codec.g722;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.camelmedia.codec.g711.G711Test;
import io.camelmedia.testing.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real peer: the bundled ffmpeg encodes audio with its g722 encoder and decodes it with its g722
 * decoder; our decoder, fed the same octets, must give the same samples bit for bit. Sources cover quiet
 * tones, a loud chirp that drives the scale factors to their limits, and white noise.
 */
class G722DecoderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "sine=frequency=440:sample_rate=16000",
        "aevalsrc=0.99*sin(2*PI*(100+3000*t)*t):s=16000",
        "anoisesrc=color=white:amplitude=0.8:sample_rate=16000:seed=7",
        "aevalsrc=0.001*sin(2*PI*1000*t):s=16000"})
    void equalsFfmpegsDecoder(String source) throws Exception {
        Path g722 = dir.resolve("a.g722");
        Ffmpeg.run(60, "-v", "error", "-f", "lavfi", "-i", source, "-t", "3", "-ac", "1", "-c:a", "g722",
                "-f", "g722", g722.toString()).requireSuccess();
        Path pcm = dir.resolve("a.raw");
        Ffmpeg.run(60, "-v", "error", "-f", "g722", "-i", g722.toString(), "-f", "s16le", pcm.toString())
                .requireSuccess();
        byte[] octets = Files.readAllBytes(g722);
        short[] expected = G711Test.shorts(Files.readAllBytes(pcm));
        assertTrue(octets.length >= 3 * 8000, "3 s of 64 kbit/s");
        short[] ours = new G722Decoder().decode(octets);
        assertEquals(expected.length, ours.length);
        assertArrayEquals(expected, ours);
    }

    @Test
    void chunkingDoesNotMatter() {
        byte[] octets = new byte[4000];
        new Random(5).nextBytes(octets);
        short[] whole = new G722Decoder().decode(octets);
        G722Decoder d = new G722Decoder();
        short[] parts = new short[whole.length];
        int o = 0;
        for (int i = 0; i < octets.length; i += 160) {
            o += d.decode(octets, i, Math.min(160, octets.length - i), parts, o);
        }
        assertArrayEquals(whole, parts);
    }
}
