package io.camelmedia.camel.mjr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;

/** Comparisons of a merged A/V file against janus-pp-rec's per-track references, and its A/V sync. */
final class MergedFileChecks {
    /** Opus/48 kHz sample rate the sync check decodes at. */
    private static final int RATE = 48_000;
    /** The corpus beep: 4 x 440 Hz on the left channel (README "Sources"); the tone otherwise is 440 Hz. */
    private static final double BEEP_HZ = 1760;
    private static final double TONE_HZ = 440;
    /** 5 ms analysis window (just over 8 periods of 1760 Hz), moved 0.5 ms at a time. */
    private static final int WINDOW = 240;
    private static final int HOP = 24;
    private static final int VIDEO_FPS = 30;

    private MergedFileChecks() {
    }

    /**
     * Same packets: count, size and payload MD5 each, and the same time from the stream's first packet
     * (our time base may be coarser, e.g. WebM's 1 ms: then within one of our ticks).
     */
    static void assertSamePackets(FrameMd5 ref, int refStream, FrameMd5 ours, int ourStream) {
        List<FrameMd5.Packet> r = ref.packets(refStream);
        List<FrameMd5.Packet> o = ours.packets(ourStream);
        FrameMd5.StreamHeader rh = ref.stream(refStream);
        FrameMd5.StreamHeader oh = ours.stream(ourStream);
        List<String> problems = new ArrayList<>();
        if (r.size() != o.size()) {
            problems.add("count: reference " + r.size() + ", ours " + o.size());
        }
        double ourTick = (double) oh.tbNum() / oh.tbDen();
        double tolerance = ourTick <= (double) rh.tbNum() / rh.tbDen() ? 1e-9 : ourTick * 1.0001;
        for (int i = 0; i < Math.min(r.size(), o.size()) && problems.size() < 10; i++) {
            FrameMd5.Packet a = r.get(i);
            FrameMd5.Packet b = o.get(i);
            double ta = (a.pts() - r.get(0).pts()) * (double) rh.tbNum() / rh.tbDen();
            double tb = (b.pts() - o.get(0).pts()) * ourTick;
            if (a.size() != b.size() || !a.md5().equals(b.md5())) {
                problems.add("#" + i + " payload: reference " + a.size() + " " + a.md5() + ", ours " + b.size() + " " + b.md5());
            } else if (Math.abs(ta - tb) > tolerance) {
                problems.add("#" + i + " time: reference " + ta + " s, ours " + tb + " s");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(oh.mediaType() + " (" + oh.codecId() + ") vs reference " + rh.codecId() + ": "
                    + String.join("\n  ", problems));
        }
    }

    /** The sync measurement: beep onsets found and the worst |onset - time of video frame 30k|. */
    record Sync(int beeps, double worstMillis, List<Double> offsetsMillis) {
    }

    /** Decodes the merged file's audio (left channel) with the bundled ffmpeg, finds each beep onset, compares. */
    static Sync sync(Path file) throws Exception {
        double audioStart = firstPts(file, "a:0");
        List<Double> video = ptsTimes(file, "v:0");
        short[] left = decodeLeft(file);
        List<Double> offsets = new ArrayList<>();
        for (int k = 0; (long) k * VIDEO_FPS < video.size(); k++) {
            double frameTime = video.get(k * VIDEO_FPS);
            double onset = onsetNear(left, frameTime - audioStart);
            if (!Double.isNaN(onset)) {
                offsets.add((audioStart + onset - frameTime) * 1000);
            }
        }
        double worst = offsets.stream().mapToDouble(Math::abs).max().orElse(Double.NaN);
        return new Sync(offsets.size(), worst, offsets);
    }

    /** The first window (±300 ms around {@code expected}) where the beep outweighs the tone; NaN if none. */
    private static double onsetNear(short[] pcm, double expected) {
        int from = Math.max(0, (int) ((expected - 0.3) * RATE));
        int to = Math.min(pcm.length - WINDOW, (int) ((expected + 0.3) * RATE));
        for (int s = from; s < to; s += HOP) {
            if (power(pcm, s, BEEP_HZ) > power(pcm, s, TONE_HZ)) {
                return (s + WINDOW / 2.0) / RATE; // the window's centre: half the window is beep at the crossing
            }
        }
        return Double.NaN;
    }

    /** Goertzel power of {@code hz} over one window. */
    private static double power(short[] pcm, int start, double hz) {
        double c = 2 * Math.cos(2 * Math.PI * hz / RATE);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < WINDOW; i++) {
            double s0 = pcm[start + i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - c * s1 * s2;
    }

    private static short[] decodeLeft(Path file) throws Exception {
        Path raw = Files.createTempFile("left", ".s16");
        try {
            Ffmpeg.run(120, "-y", "-v", "error", "-i", file.toString(), "-map", "0:a:0", "-af", "pan=mono|c0=c0",
                    "-ar", String.valueOf(RATE), "-f", "s16le", "-c:a", "pcm_s16le", raw.toString()).requireSuccess();
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
            short[] out = new short[b.remaining() / 2];
            b.asShortBuffer().get(out);
            return out;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    private static double firstPts(Path file, String stream) throws Exception {
        return ptsTimes(file, stream).get(0);
    }

    private static List<Double> ptsTimes(Path file, String stream) throws Exception {
        String csv = Ffmpeg.probe(60, "-v", "error", "-select_streams", stream, "-show_entries", "packet=pts_time",
                "-of", "csv=p=0", file.toString()).requireSuccess().stdout();
        List<Double> t = new ArrayList<>();
        for (String line : csv.split("\n")) {
            if (!line.isBlank()) {
                t.add(Double.parseDouble(line.strip().split(",")[0]));
            }
        }
        t.sort(Double::compare);
        return t;
    }
}
