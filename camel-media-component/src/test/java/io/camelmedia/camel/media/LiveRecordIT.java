package io.camelmedia.camel.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.process.record.RecordingFiles;
import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.MediaFiles;
import io.camelmedia.testing.SampleFrames;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live recording of a real RTMP publish (ffmpeg 8, {@code -re}): files cut at the interval on key frames, named by
 * their UTC start, together frame-identical to the source, in fMP4 and in MPEG-TS; a VP9 + Opus WebM played by
 * {@code file-media:} in real time recorded as live WebM; and a {@code kill -9} of a recording JVM (fMP4 and MPEG-TS),
 * after which every file plays and the recovery turns the unfinished {@code .part} into a playable file.
 */
class LiveRecordIT {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void publish(Path flv, int port, String key) throws Exception {
        Ffmpeg.run(120, "-nostdin", "-v", "error", "-re", "-i", flv.toString(), "-c", "copy", "-f", "flv",
                "rtmp://127.0.0.1:" + port + "/live/" + key).requireSuccess();
    }

    @Test
    void filesCutAtTheIntervalOnKeyFramesTogetherEqualTheSource() throws Exception {
        recordAndCheck(7, "2s", 3);
    }

    @Test
    void mpegTsFilesCutAtTheIntervalOnKeyFramesTogetherEqualTheSource() throws Exception {
        recordAndCheck(7, "2s", 3, "mpegts");
    }

    /** The case as it is written: a 60 s publish recorded with interval=20s makes three files (a minute of CI). */
    @Test
    @Tag("slow")
    void threeFilesOfTwentySecondsFromSixtySeconds() throws Exception {
        recordAndCheck(60, "20s", 3);
    }

    private void recordAndCheck(int seconds, String interval, int minFiles) throws Exception {
        recordAndCheck(seconds, interval, minFiles, "fmp4");
    }

    private void recordAndCheck(int seconds, String interval, int minFiles, String format) throws Exception {
        String ext = format.equals("mpegts") ? "ts" : "mp4";
        Path flv = SampleFrames.writeH264Aac(tmp.resolve("src.flv"), seconds);
        Path dir = tmp.resolve("rec");
        int port = freePort();
        List<Exchange> files = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rtmp://127.0.0.1:" + port + "/live").to("media:record?live=true&interval=" + interval + "&partDuration=1s"
                            + "&format=" + format + "&output=direct:files&directory=" + dir);
                    from("direct:files").process(e -> files.add(e.copy()));
                }
            });
            camel.start();
            publish(flv, port, "cam1");
            awaitNoPartFiles(dir);
        }
        assertTrue(files.size() >= minFiles, "files: " + files.size());
        List<String> video = new ArrayList<>();
        long frames = 0;
        for (Exchange e : files) {
            Path f = e.getIn().getBody(java.io.File.class).toPath();
            String name = e.getIn().getHeader(Exchange.FILE_NAME, String.class);
            assertTrue(name.matches("live/cam1/\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d-\\d{3}\\." + ext), name);
            assertEquals(format, e.getIn().getHeader(MediaHeaders.RECORD_FORMAT));
            assertEquals(dir.resolve(name), f);
            assertEquals(Files.size(f), e.getIn().getHeader(MediaHeaders.RECORD_SIZE, Long.class));
            assertEquals(RecordingFiles.startOf(f), e.getIn().getHeader(MediaHeaders.RECORD_START, Long.class));
            assertEquals("live/cam1", e.getIn().getHeader(MediaHeaders.STREAM));
            assertEquals("1", firstVideoPacketFlags(f), f + " starts on a key frame");
            frames += e.getIn().getHeader(MediaHeaders.RECORD_FRAMES, Long.class);
            video.addAll(DecodedMd5.of(f.toString(), "0:v"));
        }
        DecodedMd5.assertSameFrames(DecodedMd5.of(flv.toString(), "0:v"), video, "video of the files together");
        // and packet for packet, audio and video: nothing lost or added at the cuts
        boolean ts = ext.equals("ts");
        FrameMd5 source = ts ? asMp4Packets(flv) : FrameMd5.ofPackets(flv);
        for (String type : List.of("video", "audio")) {
            List<String> packets = new ArrayList<>();
            for (Exchange e : files) {
                Path f = e.getIn().getBody(java.io.File.class).toPath();
                packets.addAll(md5s(ts ? asMp4Packets(f) : FrameMd5.ofPackets(f), type));
            }
            assertEquals(md5s(source, type), packets, type + " packets of the files together");
        }
        assertTrue(frames > video.size(), "frames header counts audio and video: " + frames);
    }

    /**
     * The packets of a file as ffmpeg's own remux to MP4 makes them (AVCC video, raw AAC) without in-band parameter
     * sets and access unit delimiters (MPEG-TS repeats the former and adds the latter): what a TS recording and its
     * FLV source compare as.
     */
    private FrameMd5 asMp4Packets(Path file) throws Exception {
        Path mp4 = tmp.resolve(file.getFileName() + ".mp4");
        Ffmpeg.run(60, "-y", "-v", "error", "-i", file.toString(), "-map", "0", "-c", "copy", "-bsf:v",
                "filter_units=remove_types=7-9", "-bsf:a", "aac_adtstoasc", mp4.toString()).requireSuccess();
        return FrameMd5.ofPackets(mp4);
    }

    /**
     * VP9 + Opus (libvpx, libopus) played by {@code file-media:} at its own pace into a live WebM recording: files cut
     * on key frames, each playing in ffmpeg, their video together decoding to the source's frames and their audio
     * packets together the source's.
     */
    @Test
    void webmFromAVp9OpusFilePlayedInRealTime() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Path source = MediaFiles.write(tmp.resolve("cam2.webm"), MediaFiles.testSource(7), "-c:v", "libvpx-vp9",
                "-deadline", "realtime", "-cpu-used", "8", "-g", "25", "-c:a", "libopus");
        Files.copy(source, in.resolve("cam2.webm"));
        Path dir = tmp.resolve("rec");
        List<Exchange> files = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("file-media:" + in + "?realtime=true&readLockMinAge=0&initialDelay=0&delay=50&move=done")
                            .to("media:record?live=true&format=webm&interval=2s&partDuration=500ms&output=direct:files"
                                    + "&directory=" + dir);
                    from("direct:files").process(e -> files.add(e.copy()));
                }
            });
            camel.start();
            awaitFile(in.resolve("done/cam2.webm")); // moved when played to its end, its ENDED then sent
            awaitNoPartFiles(dir);
        }
        assertTrue(files.size() >= 3, "files: " + files.size());
        List<String> video = new ArrayList<>();
        List<String> audio = new ArrayList<>();
        for (Exchange e : files) {
            Path f = e.getIn().getBody(java.io.File.class).toPath();
            assertTrue(e.getIn().getHeader(Exchange.FILE_NAME, String.class)
                    .matches("files/cam2/\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d-\\d{3}\\.webm"), f.toString());
            assertEquals("webm", e.getIn().getHeader(MediaHeaders.RECORD_FORMAT));
            assertEquals("1", firstVideoPacketFlags(f), f + " starts on a key frame");
            Ffmpeg.run(60, "-v", "error", "-i", f.toString(), "-f", "null", "-").requireSuccess();
            video.addAll(DecodedMd5.of(f.toString(), "0:v"));
            audio.addAll(md5s(FrameMd5.ofPackets(f), "audio"));
        }
        DecodedMd5.assertSameFrames(DecodedMd5.of(source.toString(), "0:v"), video, "video of the files together");
        assertEquals(md5s(FrameMd5.ofPackets(source), "audio"), audio, "audio packets of the files together");
    }

    private static void awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !Files.exists(file)) {
            Thread.sleep(50);
        }
    }

    /** The packet md5s of the first stream of {@code type}, in order. */
    private static List<String> md5s(FrameMd5 m, String type) {
        return m.streamOf(type).map(h -> m.packets(h.index()).stream().map(FrameMd5.Packet::md5).toList()).orElse(List.of());
    }

    /** ffprobe's flags of the first video packet ("K__" for a key frame). */
    private static String firstVideoPacketFlags(Path f) throws Exception {
        String out = Ffmpeg.probe(30, "-v", "error", "-select_streams", "v", "-show_entries", "packet=flags",
                "-read_intervals", "%+#1", "-of", "csv=p=0", f.toString()).requireSuccess().stdout().strip();
        return out.lines().findFirst().orElse("") .startsWith("K") ? "1" : out;
    }

    private static void awaitNoPartFiles(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir) && !list(dir).isEmpty() && list(dir).stream().noneMatch(p -> p.toString().endsWith(".part"))) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fmp4", "mpegts", "webm"})
    void killedMidRecordingEveryFilePlaysAndRecoveryKeepsThePartFile(String format) throws Exception {
        String ext = switch (format) {
            case "mpegts" -> ".ts";
            case "webm" -> ".webm";
            default -> ".mp4";
        };
        boolean webm = format.equals("webm");
        // H.264 + AAC published over RTMP; VP9 + Opus played by file-media: in real time
        Path published = webm ? MediaFiles.write(tmp.resolve("src.webm"), MediaFiles.testSource(20), "-c:v", "libvpx-vp9",
                "-deadline", "realtime", "-cpu-used", "8", "-g", "25", "-c:a", "libopus")
                : SampleFrames.writeH264Aac(tmp.resolve("src.flv"), 20);
        Path dir = tmp.resolve("rec");
        Path in = Files.createDirectories(tmp.resolve("in"));
        int port = freePort();
        String source = webm ? "file-media:" + in + "?realtime=true&readLockMinAge=0&initialDelay=0&delay=50"
                : Integer.toString(port);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                LiveRecordChild.class.getName(), source, dir.toString(), "3s", format)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Ffmpeg.Running pub = null;
        try {
            awaitLine(tmp.resolve("child.log"), "ready", child);
            if (webm) {
                Files.copy(published, in.resolve("crash.webm"));
            } else {
                pub = Ffmpeg.start(tmp.resolve("ffmpeg.log"), "-v", "error", "-re", "-i", published.toString(), "-c",
                        "copy", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/crash");
            }
            Path part = awaitParts(dir, 2, 2, ext);
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            // as the crash left them: every finished file and the .part play, together an exact prefix of the source
            List<String> sourceVideo = DecodedMd5.of(published.toString(), "0:v");
            List<String> leftVideo = new ArrayList<>();
            for (Path f : list(dir)) {
                Path playable = f;
                if (f.equals(part)) {
                    playable = tmp.resolve("as-left" + ext);
                    Files.copy(part, playable);
                }
                Ffmpeg.run(60, "-v", "error", "-i", playable.toString(), "-f", "null", "-").requireSuccess();
                leftVideo.addAll(DecodedMd5.of(playable.toString(), "0:v"));
            }
            assertTrue(leftVideo.size() >= 2 * 3 * 25, "frames in the killed recording: " + leftVideo.size());
            DecodedMd5.assertSameFrames(sourceVideo.subList(0, leftVideo.size()), leftVideo, "killed recording, as left");
            List<String> partVideo = DecodedMd5.of(tmp.resolve("as-left" + ext).toString(), "0:v");

            // tear the tail the way a crash mid-write would, then recover with a fresh route (start runs the recovery)
            long whole = Files.size(part);
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(java.nio.ByteBuffer.wrap(tornTail(ext)));
            }
            List<Exchange> recovered = new CopyOnWriteArrayList<>();
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in").to("media:record?live=true&output=direct:files&directory=" + dir);
                        from("direct:files").process(e -> recovered.add(e.copy()));
                    }
                });
                camel.start();
            }
            assertEquals(1, recovered.size());
            Path kept = recovered.get(0).getIn().getBody(java.io.File.class).toPath();
            assertEquals(part.resolveSibling(part.getFileName().toString().replace(ext + ".part", ext)), kept);
            assertTrue(recovered.get(0).getIn().getHeader(MediaHeaders.RECORD_RECOVERED, Boolean.class));
            assertTrue(Files.notExists(part));
            assertEquals(whole, Files.size(kept), "the torn tail is cut, every complete part kept");
            Ffmpeg.run(60, "-v", "error", "-i", kept.toString(), "-f", "null", "-").requireSuccess();
            DecodedMd5.assertSameFrames(partVideo, DecodedMd5.of(kept.toString(), "0:v"), "recovered file");
        } finally {
            if (pub != null) {
                pub.close();
            }
            child.destroyForcibly();
        }
    }

    /** The .part file once {@code files} files are finished and it holds at least {@code parts} complete parts. */
    private static Path awaitParts(Path dir, int files, int parts, String ext) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                List<Path> all = list(dir);
                long finished = all.stream().filter(p -> p.toString().endsWith(ext)).count();
                for (Path p : all) {
                    if (p.toString().endsWith(".part") && finished >= files && completeParts(p, ext) >= parts) {
                        return p;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + files + " files and a .part file with " + parts + " parts in " + dir + ": " + list(dir));
    }

    /** The start of a part cut short: a box header, a packet, a Cluster whose block is longer than what follows. */
    private static byte[] tornTail(String ext) {
        return switch (ext) {
            case ".ts" -> java.util.Arrays.copyOf(new byte[] {0x47, 0x01}, 100);
            case ".webm" -> new byte[] {0x1F, 0x43, (byte) 0xB6, 0x75, 0x01, -1, -1, -1, -1, -1, -1, -1, (byte) 0xE7,
                (byte) 0x81, 0x10, (byte) 0xA3, (byte) 0x88, (byte) 0x81, 0, 0};
            default -> new byte[] {0, 0, 0x10, 0, 'm', 'o', 'o', 'f', 0, 0};
        };
    }

    /** fMP4: the complete fragments; MPEG-TS and WebM: the seconds of video (1 s parts at 25 fps) ffprobe counts. */
    private static int completeParts(Path p, String ext) throws Exception {
        if (ext.equals(".mp4")) {
            return fragments(p);
        }
        String n = Ffmpeg.probe(30, "-v", "error", "-select_streams", "v", "-count_packets", "-show_entries",
                "stream=nb_read_packets", "-of", "csv=p=0", "-f", ext.equals(".ts") ? "mpegts" : "matroska",
                p.toString()).stdout().strip();
        String first = n.lines().findFirst().orElse(""); // the stream is listed under its program too
        return first.matches("\\d+") ? Integer.parseInt(first) / 25 : 0;
    }

    private static int fragments(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        int n = 0;
        int pos = 0;
        while (pos + 8 <= b.length) {
            long size = java.nio.ByteBuffer.wrap(b, pos, 8).getInt() & 0xFFFF_FFFFL;
            if (size < 8 || pos + size > b.length) {
                break;
            }
            if (new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1).equals("mdat")) {
                n++;
            }
            pos += (int) size;
        }
        return n;
    }

    private static void awaitLine(Path log, String line, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("child did not start: " + Files.readString(log));
    }
}
