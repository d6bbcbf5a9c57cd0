package io.camelmedia.process.transcode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelmedia.format.webm.WebmWriter;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.process.filein.MediaFileReader;
import io.camelmedia.testing.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AudioTranscoder against ffmpeg: files ffmpeg makes go through it, are written with the project's WebM writer, and ffmpeg decodes them. */
class AudioTranscoderFfmpegTest {
    /** Silence for 1 s, then a 1 kHz tone at -6 dBFS: its onset is the beep, its body the level and frequency probe. */
    private static final String BEEP = "aevalsrc='if(gte(t\\,1)\\,0.5*sin(2*PI*1000*t)\\,0)|if(gte(t\\,1)\\,0.5*sin(2*PI*1000*t)\\,0)'"
            + ":s=48000:d=3";
    /** Black 25 fps video with one white frame at 1 s: the flash. */
    private static final String FLASH = "color=c=black:s=160x120:r=25:d=3[b];color=c=white:s=160x120:r=25:d=3[w];"
            + "[b][w]overlay=enable='between(n\\,25\\,25)'[out0]";

    @TempDir
    Path dir;

    @Test
    void aacSineToOpusKeepsFrequencyLevelAndSync() throws Exception {
        Path src = dir.resolve("src.mkv");
        Ffmpeg.run(120, "-f", "lavfi", "-i", FLASH, "-f", "lavfi", "-i", BEEP, "-pix_fmt", "yuv420p", "-c:v", "libvpx", "-b:v", "200k",
                "-c:a", "aac", "-b:a", "128k", src.toString()).requireSuccess();
        Path out = dir.resolve("out.webm");
        transcodeToWebm(src, out, new AudioTranscodeConfig(Codec.OPUS, 96_000, 0, 0));

        double srcFreq = frequency(decode(src, 48_000));
        double outFreq = frequency(decode(out, 48_000));
        assertEquals(1000, srcFreq, 5, "source tone");
        assertEquals(1000, outFreq, 5, "transcoded tone (Hz)");
        double levelDiff = rmsDb(decode(out, 48_000)) - rmsDb(decode(src, 48_000));
        assertTrue(Math.abs(levelDiff) < 1, "level kept within 1 dB, differs by " + levelDiff + " dB");

        double flash = flashTime(out);
        double beep = beepTime(out);
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
        assertEquals(1000, frequency(decode(out, 48_000)), 5, "transcoded tone (Hz)");
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
                try (WebmWriter w = new WebmWriter(ch, tracks, WebmWriter.Options.defaults())) {
                    MediaFrame f;
                    while ((f = reader.next()) != null) {
                        if (f.track().mediaType() == MediaType.AUDIO) {
                            for (MediaFrame o : tx.transcode(f)) {
                                // the source's AAC priming starts before 0; WebM clusters cannot go there
                                if (o.pts() >= 0) {
                                    w.write(o);
                                }
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

    /** ffmpeg's decode of the first audio stream as mono float samples, from 1.2 s to 2.8 s (inside the tone). */
    private float[] decode(Path file, int rate) throws Exception {
        Path raw = Files.createTempFile(dir, "pcm", ".f32");
        Ffmpeg.run(60, "-y", "-i", file.toString(), "-map", "0:a:0", "-ss", "1.2", "-t", "1.6", "-ac", "1", "-ar",
                String.valueOf(rate), "-f", "f32le", raw.toString()).requireSuccess();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] s = new float[b.remaining() / 4];
        b.asFloatBuffer().get(s);
        assertTrue(s.length > rate, "decoded " + s.length + " samples");
        return s;
    }

    private static double frequency(float[] s) {
        int crossings = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                crossings++;
            }
        }
        return crossings / (s.length / 48_000.0);
    }

    private static double rmsDb(float[] s) {
        double sum = 0;
        for (float v : s) {
            sum += v * (double) v;
        }
        return 10 * Math.log10(sum / s.length);
    }

    /** The pts (s) of the first bright video frame, as ffmpeg's signalstats sees it. */
    private static double flashTime(Path file) throws Exception {
        String log = Ffmpeg.run(60, "-i", file.toString(), "-map", "0:v:0", "-vf",
                "signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG", "-f", "null", "-").requireSuccess().stderr();
        Matcher m = Pattern.compile("pts_time:([0-9.]+)\\s*\\n[^\\n]*YAVG=([0-9.]+)").matcher(log);
        while (m.find()) {
            if (Double.parseDouble(m.group(2)) > 128) {
                return Double.parseDouble(m.group(1));
            }
        }
        throw new AssertionError("no flash frame:\n" + log);
    }

    /** The time (s) the tone starts, as ffmpeg's silencedetect sees it. */
    private static double beepTime(Path file) throws Exception {
        String log = Ffmpeg.run(60, "-i", file.toString(), "-map", "0:a:0", "-af", "silencedetect=n=-30dB:d=0.2",
                "-f", "null", "-").requireSuccess().stderr();
        Matcher m = Pattern.compile("silence_end: ([0-9.]+)").matcher(log);
        if (!m.find()) {
            throw new AssertionError("no beep:\n" + log);
        }
        return Double.parseDouble(m.group(1));
    }
}
