package io.camelmedia.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.format.mp4.Mp4FileWriter;
import io.camelmedia.format.ogg.OggOpusWriter;
import io.camelmedia.format.webm.WebmWriter;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Container writers on 10 s of media each, one operation = one whole file (header, every frame, close):
 * <ul>
 *   <li>{@code oggOpus}: 500 Opus packets of 20 ms, 160 bytes (64 kbit/s), to a discarding channel.</li>
 *   <li>{@code webmVp9Opus}: 300 VP9 frames (30 fps, 2.5 Mbit/s: ~10.4 KB, a key frame of 40 KB every 2 s)
 *       and 500 Opus packets, live output to a discarding channel.</li>
 *   <li>{@code mp4H264Aac}: 300 H.264 AVCC frames of the same shape and 469 AAC frames (1024 samples at 48 kHz,
 *       370 bytes), to memory (the non-seekable path: buffered mdat, moov first on close).</li>
 * </ul>
 * MB/s = bytes per file ({@link #setUp} prints them) x operations per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ContainerWriterBenchmark {
    /** Opus TOC: config 31 (CELT FB 20 ms), stereo, one frame. */
    private static final byte OPUS_TOC = (byte) 0xFC;

    private Track opus;
    private Track vp9;
    private Track h264;
    private Track aac;
    private List<MediaFrame> opusFrames;
    private List<MediaFrame> webmFrames;
    private List<MediaFrame> mp4Frames;

    /** Counts and drops what is written. */
    static final class Discard implements WritableByteChannel {
        long bytes;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            bytes += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random random = new Random(7);
        opus = Track.builder(2, Codec.OPUS).clockRate(48000).config(OpusHead.of(2, 312, 48000).encode()).build();
        vp9 = Track.builder(1, Codec.VP9).clockRate(90000).width(1280).height(720).build();
        h264 = BenchTracks.h264720p(1);
        aac = BenchTracks.aac48kStereo(2);
        opusFrames = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            opusFrames.add(audio(opus, i * 960L, 160, random));
        }
        webmFrames = interleave(video(vp9, random, false), opusFrames);
        List<MediaFrame> aacFrames = new ArrayList<>();
        for (int i = 0; i < 469; i++) {
            aacFrames.add(audio(aac, i * 1024L, 370, random));
        }
        mp4Frames = interleave(video(h264, random, true), aacFrames);
        System.out.printf("%nbytes per file: ogg %d, webm %d, mp4 %d%n", oggOpus(), webmVp9Opus(), mp4H264Aac());
    }

    static MediaFrame audio(Track t, long pts, int size, Random random) {
        byte[] p = new byte[size];
        random.nextBytes(p);
        p[0] = OPUS_TOC;
        return MediaFrame.of(t, pts, pts, true, BitstreamFormat.RAW, p);
    }

    static List<MediaFrame> video(Track t, Random random, boolean avcc) {
        List<MediaFrame> frames = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean key = i % 60 == 0;
            byte[] p = new byte[key ? 40_000 : 10_000];
            random.nextBytes(p);
            if (avcc) { // one NAL unit with a 4-byte length
                int n = p.length - 4;
                p[0] = (byte) (n >>> 24);
                p[1] = (byte) (n >>> 16);
                p[2] = (byte) (n >>> 8);
                p[3] = (byte) n;
                p[4] = (byte) (key ? 0x65 : 0x41);
            }
            frames.add(MediaFrame.of(t, i * 3000L, i * 3000L, key, avcc ? BitstreamFormat.AVCC : BitstreamFormat.RAW, p));
        }
        return frames;
    }

    static List<MediaFrame> interleave(List<MediaFrame> a, List<MediaFrame> b) {
        List<MediaFrame> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(java.util.Comparator.comparingLong(f -> f.track().toMicros(f.dts())));
        return all;
    }

    @Benchmark
    public long oggOpus() throws IOException {
        Discard out = new Discard();
        try (OggOpusWriter w = new OggOpusWriter(out, opus, OggOpusWriter.Options.defaults().withSerial(1))) {
            for (MediaFrame f : opusFrames) {
                w.write(f);
            }
        }
        return out.bytes;
    }

    @Benchmark
    public long webmVp9Opus() throws IOException {
        Discard out = new Discard();
        try (WebmWriter w = new WebmWriter(out, List.of(vp9, opus), WebmWriter.Options.defaults())) {
            for (MediaFrame f : webmFrames) {
                w.write(f);
            }
        }
        return out.bytes;
    }

    @Benchmark
    public long mp4H264Aac() throws IOException {
        Discard out = new Discard();
        try (Mp4FileWriter w = new Mp4FileWriter(out, List.of(h264, aac), Mp4FileWriter.Options.defaults())) {
            for (MediaFrame f : mp4Frames) {
                w.write(f);
            }
        }
        return out.bytes;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
