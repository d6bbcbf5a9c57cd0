package io.camelmedia.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sources and measurements for transcode tests, all through the bundled ffmpeg: a beep (silence, then a 1 kHz tone at
 * -6 dBFS from 1 s) with a flash (one white frame at 1 s in black 25 fps video), and what ffmpeg decodes of a file.
 */
public final class ToneProbe {
    /** lavfi: 3 s, 48 kHz stereo, silent for 1 s then a 1 kHz tone (amplitude 0.5). */
    public static final String BEEP = "aevalsrc='if(gte(t\\,1)\\,0.5*sin(2*PI*1000*t)\\,0)|if(gte(t\\,1)\\,0.5*sin(2*PI*1000*t)\\,0)'"
            + ":s=48000:d=3";
    /** lavfi: 3 s of black 160x120 at 25 fps with frame 25 (t = 1 s) white. */
    public static final String FLASH = "color=c=black:s=160x120:r=25:d=3[b];color=c=white:s=160x120:r=25:d=3[w];"
            + "[b][w]overlay=enable='between(n\\,25\\,25)'[out0]";
    private static final int RATE = 48_000;

    private ToneProbe() {
    }

    /** ffmpeg's decode of the first audio stream, mono 48 kHz float, from 1.2 s for 1.4 s (inside the tone). */
    public static float[] decodeTone(Path file, Path dir) throws Exception {
        Path raw = Files.createTempFile(dir, "pcm", ".f32");
        Ffmpeg.run(60, "-y", "-i", file.toString(), "-map", "0:a:0", "-ss", "1.2", "-t", "1.4", "-ac", "1", "-ar",
                String.valueOf(RATE), "-f", "f32le", raw.toString()).requireSuccess();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] s = new float[b.remaining() / 4];
        b.asFloatBuffer().get(s);
        if (s.length < RATE) {
            throw new AssertionError("ffmpeg decoded only " + s.length + " samples of " + file);
        }
        return s;
    }

    /** Frequency (Hz) of 48 kHz samples, from their rising zero crossings. */
    public static double frequency(float[] s) {
        int crossings = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                crossings++;
            }
        }
        return crossings / (s.length / (double) RATE);
    }

    /** RMS level in dB (full scale 1.0). */
    public static double rmsDb(float[] s) {
        double sum = 0;
        for (float v : s) {
            sum += v * (double) v;
        }
        return 10 * Math.log10(sum / s.length);
    }

    /** The pts (s) of the first bright video frame, as ffmpeg's signalstats sees it (-copyts: the file's own timeline). */
    public static double flashTime(Path file) throws Exception {
        String log = Ffmpeg.run(60, "-copyts", "-i", file.toString(), "-map", "0:v:0", "-vf",
                "signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG", "-f", "null", "-").requireSuccess().stderr();
        Matcher m = Pattern.compile("pts_time:([0-9.]+)\\s*\\n[^\\n]*YAVG=([0-9.]+)").matcher(log);
        while (m.find()) {
            if (Double.parseDouble(m.group(2)) > 128) {
                return Double.parseDouble(m.group(1));
            }
        }
        throw new AssertionError("no flash frame in " + file);
    }

    /** The time (s) the tone starts, as ffmpeg's silencedetect sees it (-copyts, as {@link #flashTime}). */
    public static double beepTime(Path file) throws Exception {
        String log = Ffmpeg.run(60, "-copyts", "-i", file.toString(), "-map", "0:a:0", "-af", "silencedetect=n=-30dB:d=0.2",
                "-f", "null", "-").requireSuccess().stderr();
        Matcher m = Pattern.compile("silence_end: ([0-9.]+)").matcher(log);
        if (!m.find()) {
            throw new AssertionError("no beep in " + file);
        }
        return Double.parseDouble(m.group(1));
    }
}
