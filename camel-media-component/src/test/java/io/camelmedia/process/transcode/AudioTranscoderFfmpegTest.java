package io.camelmedia.process.transcode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.format.webm.WebmWriter;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.process.filein.MediaFileReader;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.ToneProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AudioTranscoder against ffmpeg: files ffmpeg makes go through it, are written with the project's WebM writer, and ffmpeg decodes them. */
class AudioTranscoderFfmpegTest {

    @TempDir
    Path dir;

    @Test
    void aacSineToOpusKeepsFrequencyLevelAndSync() throws Exception {
        Path src = dir.resolve("src.mkv");
        Ffmpeg.run(120, "-f", "lavfi", "-i", ToneProbe.FLASH, "-f", "lavfi", "-i", ToneProbe.BEEP, "-pix_fmt", "yuv420p", "-c:v", "libvpx", "-b:v", "200k",
                "-c:a", "aac", "-b:a", "128k", src.toString()).requireSuccess();
        Path out = dir.resolve("out.webm");
        transcodeToWebm(src, out, new AudioTranscodeConfig(Codec.OPUS, 96_000, 0, 0));

        double srcFreq = ToneProbe.frequency(ToneProbe.decodeTone(src, dir));
        double outFreq = ToneProbe.frequency(ToneProbe.decodeTone(out, dir));
        assertEquals(1000, srcFreq, 5, "source tone");
        assertEquals(1000, outFreq, 5, "transcoded tone (Hz)");
        double levelDiff = ToneProbe.rmsDb(ToneProbe.decodeTone(out, dir)) - ToneProbe.rmsDb(ToneProbe.decodeTone(src, dir));
        assertTrue(Math.abs(levelDiff) < 1, "level kept within 1 dB, differs by " + levelDiff + " dB");

        double flash = ToneProbe.flashTime(out);
        double beep = ToneProbe.beepTime(out);
        System.out.printf("AAC->Opus: %.1f Hz, level %+.2f dB, beep - flash %+.1f ms%n", outFreq, levelDiff, (beep - flash) * 1000);
        assertTrue(Math.abs(beep - flash) < 0.020, "beep at " + beep + " s vs flash at " + flash + " s");
    }

    @Test
    void g711ToOpusKeepsTheTone() throws Exception {
        Path src = dir.resolve("ulaw.wav");
        Ffmpeg.run(60, "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=8000:d=3", "-c:a", "pcm_mulaw",
                src.toString()).requireSuccess();
        Path out = dir.resolve("ulaw.webm");
        List<Track> in = transcodeToWebm(src, out, new AudioTranscodeConfig(Codec.OPUS, 32_000, 0, 0));
        assertEquals(Codec.PCMU, in.get(0).codec());
        assertEquals(1000, ToneProbe.frequency(ToneProbe.decodeTone(out, dir)), 5, "transcoded tone (Hz)");
    }

    @Test
    void aacOutputTrackCarriesItsAudioSpecificConfig() {
        Track opus = Track.builder(1, Codec.OPUS).sampleRate(48_000).channels(2)
                .config(OpusHead.of(2, 312, 48_000).encode()).build();
        try (AudioTranscoder tx = new AudioTranscoder(opus, new AudioTranscodeConfig(Codec.AAC, 128_000, 44_100, 1))) {
            AudioSpecificConfig asc = AudioSpecificConfig.decode(tx.outputTrack().config());
            assertEquals(44_100, asc.samplingFrequency());
            assertEquals(1, asc.channelConfiguration());
            assertEquals(44_100, tx.outputTrack().clockRate());
            assertEquals(1024, tx.encoderDelay(), "FFmpeg's AAC priming");
        }
    }

    /** Reads {@code src}, transcodes its audio, writes its video unchanged and the new audio to WebM; returns the input tracks. */
    private static List<Track> transcodeToWebm(Path src, Path out, AudioTranscodeConfig cfg) throws IOException {
        try (MediaFileReader reader = MediaFileReader.open(src, Set.of(MediaType.VIDEO, MediaType.AUDIO), 1 << 20)) {
            Track audio = reader.tracks().stream().filter(t -> t.mediaType() == MediaType.AUDIO).findFirst().orElseThrow();
            try (AudioTranscoder tx = new AudioTranscoder(audio, cfg);
                 FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                List<Track> tracks = new ArrayList<>();
                for (Track t : reader.tracks()) {
                    tracks.add(t.mediaType() == MediaType.AUDIO ? tx.outputTrack() : t);
                }
                assertTrue(tx.encoderDelay() > 0, "libopus reports its delay");
                assertEquals(tx.encoderDelay(), OpusHead.decode(tx.outputTrack().config()).preSkip(), "pre-skip is the encoder delay");
                try (WebmWriter w = new WebmWriter(ch, tracks, WebmWriter.Options.defaults())) {
                    MediaFrame f;
                    while ((f = reader.next()) != null) {
                        if (f.track().mediaType() == MediaType.AUDIO) {
                            for (MediaFrame o : tx.transcode(f)) {
                                w.write(o);
                            }
                        } else {
                            w.write(f);
                        }
                    }
                    for (MediaFrame o : tx.flush()) {
                        w.write(o);
                    }
                }
                return reader.tracks();
            }
        }
    }





}
