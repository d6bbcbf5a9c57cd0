package io.camelmedia.format.wav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import io.camelmedia.format.ContainerTestSupport;
import io.camelmedia.format.ContainerTestSupport.RtpPayload;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WAV from G.711 / G.722 / L16 frames against the real peers: the janus-pp-rec references of the corpus
 * (same samples; their header sizes are a documented quirk) and ffmpeg's own decoders of the same octets.
 */
class WavWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"d-pcmu-audio, PCMU", "d-pcma-audio, PCMA", "d-g722-audio, G722"})
    void corpusSamplesEqualJanusPpRec(String name, Codec codec) throws Exception {
        List<RtpPayload> rtp = ContainerTestSupport.mjrPayloads(ContainerTestSupport.mjr(name + ".mjr"));
        Track track = Track.builder(2, codec).clockRate(8000).build();
        Path ours = dir.resolve(name + ".wav");
        try (FileChannel ch = FileChannel.open(ours, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             WavWriter w = WavWriter.forTrack(ch, track)) {
            for (RtpPayload p : rtp) {
                w.write(MediaFrame.of(track, p.timestamp(), p.timestamp(), true, BitstreamFormat.RAW, p.payload()));
            }
        }
        byte[] got = Files.readAllBytes(ours);
        // janus-pp-rec's data chunk starts at 44 too; its size fields are wrong (README quirk): compare samples,
        // with the framemd5 of its .wav (every sample, in ffmpeg's 4096-byte packets)
        FrameMd5 ref = FrameMd5.parse(Files.readString(ContainerTestSupport.mjr(name + ".wav.framemd5.txt")));
        ContainerTestSupport.assertSameBytes(ref.packets(0), Arrays.copyOfRange(got, 44, got.length));
        int rate = codec == Codec.G722 ? 16000 : 8000;
        assertHeader(got, rate, 1, got.length - 44);
        String probe = Ffmpeg.probe(30, "-v", "error", "-show_entries", "stream=sample_rate,channels,codec_name:format=duration",
                "-of", "csv=p=0", ours.toString()).requireSuccess().stdout();
        assertTrue(probe.contains("pcm_s16le," + rate + ",1"), probe);
        assertTrue(probe.contains("20.000000") || probe.contains("19.980000"), "20 s of audio: " + probe);
        ContainerTestSupport.assertDecodesCleanly(ours);
    }

    /** Octets ffmpeg encoded, cut in 20 ms frames: our WAV decodes to what ffmpeg's decoder makes of them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mulaw, PCMU, 8000, 160", "alaw, PCMA, 8000, 160", "g722, G722, 16000, 160"})
    void samplesEqualFfmpegsDecoder(String format, Codec codec, int rate, int frameBytes) throws Exception {
        Path encoded = dir.resolve("a." + format);
        Ffmpeg.run(60, "-v", "error", "-f", "lavfi", "-i", "aevalsrc=0.8*sin(2*PI*(200+1500*t)*t):s=" + rate, "-t", "2",
                "-ac", "1", "-f", format, encoded.toString()).requireSuccess();
        byte[] octets = Files.readAllBytes(encoded);
        Track track = Track.builder(2, codec).clockRate(8000).build();
        Path ours = dir.resolve("a.wav");
        try (FileChannel ch = FileChannel.open(ours, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             WavWriter w = WavWriter.forTrack(ch, track)) {
            for (int i = 0; i < octets.length; i += frameBytes) {
                byte[] frame = Arrays.copyOfRange(octets, i, Math.min(octets.length, i + frameBytes));
                w.write(MediaFrame.of(track, i, i, true, BitstreamFormat.RAW, frame));
            }
        }
        String[] input = format.equals("g722") ? new String[] {"-f", "g722"}
                : new String[] {"-f", format, "-ar", "8000", "-ac", "1"};
        short[] expected = ContainerTestSupport.decodedPcm(encoded, input);
        short[] got = ContainerTestSupport.decodedPcm(ours);
        assertTrue(expected.length >= 2 * rate - 400, "2 s decoded: " + expected.length);
        assertArrayEquals(expected, got);
    }

    @Test
    void l16IsBigEndianOnTheWire() throws Exception {
        Track track = Track.builder(2, Codec.L16).clockRate(44100).sampleRate(44100).channels(2).build();
        Path ours = dir.resolve("l16.wav");
        short[] samples = new short[44100 * 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (Math.sin(i * 0.01) * 20000);
        }
        ByteBuffer be = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.BIG_ENDIAN);
        be.asShortBuffer().put(samples);
        try (FileChannel ch = FileChannel.open(ours, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             WavWriter w = WavWriter.forTrack(ch, track)) {
            w.write(MediaFrame.of(track, 0, 0, true, BitstreamFormat.RAW, be.array()));
        }
        assertArrayEquals(samples, ContainerTestSupport.decodedPcm(ours));
        assertHeader(Files.readAllBytes(ours), 44100, 2, samples.length * 2);
    }

    /** Crash: the header is patched every second, so a writer never closed leaves a valid file at most 1 s short. */
    @Test
    void unclosedFileIsValidUpToTheLastSecond() throws Exception {
        Path ours = dir.resolve("crash.wav");
        FileChannel ch = FileChannel.open(ours, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        WavWriter w = new WavWriter(ch, 8000, 1);
        short[] frame = new short[160];
        for (int i = 0; i < 130; i++) { // 2.6 s
            Arrays.fill(frame, (short) (i * 100));
            w.writeSamples(frame, 0, frame.length);
        }
        ch.close(); // the writer was never closed
        byte[] file = Files.readAllBytes(ours);
        assertEquals(44 + 130 * 320, file.length);
        assertHeader(file, 8000, 1, 2 * 8000 * 2); // patched at 2 s
        assertEquals(2 * 8000, ContainerTestSupport.decodedPcm(ours).length);
    }

    /** A stream (not seekable): sizes stay 0, which ffmpeg reads as "to the end". */
    @Test
    void streamOutputReadsToTheEnd() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (WavWriter w = new WavWriter(Channels.newChannel(bytes), 16000, 1)) {
            w.writeSamples(new short[16000], 0, 16000);
        }
        Path file = Files.write(dir.resolve("stream.wav"), bytes.toByteArray());
        assertEquals(16000, ContainerTestSupport.decodedPcm(file).length);
    }

    @Test
    void rejectsOtherCodecs() {
        Track opus = Track.builder(2, Codec.OPUS).clockRate(48000).build();
        assertThrows(WavException.class, () -> WavWriter.forTrack(Channels.newChannel(new ByteArrayOutputStream()), opus));
    }

    private static void assertHeader(byte[] file, int rate, int channels, long dataSize) {
        ByteBuffer h = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(file, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(36 + dataSize, h.getInt(4) & 0xFFFF_FFFFL, "RIFF size");
        assertEquals(1, h.getShort(20), "PCM");
        assertEquals(channels, h.getShort(22));
        assertEquals(rate, h.getInt(24));
        assertEquals(rate * channels * 2, h.getInt(28), "byte rate");
        assertEquals(channels * 2, h.getShort(32), "block align");
        assertEquals(16, h.getShort(34));
        assertEquals(dataSize, h.getInt(40) & 0xFFFF_FFFFL, "data size");
    }
}
