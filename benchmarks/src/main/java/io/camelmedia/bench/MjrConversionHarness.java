package io.camelmedia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.process.record.RecordFormat;
import io.camelmedia.process.record.StreamRecorder;
import io.camelmedia.protocol.mjr.MjrDepacketizers;
import io.camelmedia.protocol.mjr.MjrNaming;
import io.camelmedia.protocol.mjr.MjrSession;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Janus recording conversion, ours next to janus-pp-rec (bench/mjr/run.sh runs it):
 * <ol>
 *   <li>one long session (video + audio .mjr) converted in-process to ONE merged mp4, against janus-pp-rec
 *       converting the same two files to a separate .mp4 and .opus (two processes);</li>
 *   <li>a batch of N sessions through one running route ({@code file-mjr:} -> {@code media:record}), against
 *       2 x N janus-pp-rec runs.</li>
 * </ol>
 * Wall-clock figures on whatever machine it runs on; not a JMH benchmark (a whole pipeline, files on disk).
 *
 * <p>Usage: {@code MjrConversionHarness <long-session-video.mjr> <batch-session-video.mjr> <batchSize> [janus-pp-rec]}
 */
public final class MjrConversionHarness {
    private static final int WARMUP = 3;
    private static final int RUNS = 5;

    private MjrConversionHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path longVideo = Path.of(args[0]);
        Path batchVideo = Path.of(args[1]);
        int batch = Integer.parseInt(args[2]);
        String ppRec = args.length > 3 ? args[3] : "/usr/bin/janus-pp-rec";
        Path work = Files.createTempDirectory("mjr-bench");
        try {
            single(longVideo, work, ppRec);
            batch(batchVideo, batch, work, ppRec);
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void single(Path video, Path work, String ppRec) throws Exception {
        MjrSession session = MjrSession.find(video, MjrNaming.DEFAULT);
        long bytes = 0;
        for (Path f : session.files()) {
            bytes += Files.size(f);
        }
        Path out = work.resolve("long.mp4");
        long frames = 0;
        double first = 0;
        double best = Double.MAX_VALUE;
        double sum = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            frames = convert(session, out);
            double s = (System.nanoTime() - t0) / 1e9;
            if (i == 0) {
                first = s;
            }
            if (i >= WARMUP) {
                best = Math.min(best, s);
                sum += s;
            }
        }
        double mean = sum / RUNS;
        System.out.printf("in-process  %s: %.1f MB of .mjr -> one merged mp4 (%d frames, %.1f MB)%n",
                session.name(), bytes / 1e6, frames, Files.size(out) / 1e6);
        System.out.printf("  first run (cold JVM) %.3f s; warm mean %.3f s, best %.3f s = %.0f MB/s, %.0f frames/s%n",
                first, mean, best, bytes / 1e6 / best, frames / best);
        double pp = 0;
        double ppBest = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            double s = 0;
            for (Path f : session.files()) {
                s += janusPpRec(ppRec, f, work.resolve(f.getFileName() + (f.toString().contains("video") ? ".mp4" : ".opus")));
            }
            pp += s;
            ppBest = Math.min(ppBest, s);
        }
        System.out.printf("janus-pp-rec same files -> separate .mp4 + .opus (2 processes): mean %.3f s, best %.3f s = %.0f MB/s%n",
                pp / RUNS, ppBest, bytes / 1e6 / ppBest);
    }

    private static long convert(MjrSession session, Path out) throws Exception {
        StreamRecorder[] r = new StreamRecorder[1];
        AtomicLong n = new AtomicLong();
        session.play(new MediaListener() {
            @Override
            public void started(StreamInfo info) {
                try {
                    r[0] = new StreamRecorder(out, info.tracks(), RecordFormat.AUTO, true);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void frame(String path, MediaFrame frame) {
                try {
                    r[0].write(frame);
                    n.incrementAndGet();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void ended(String path, String reason) {
                try {
                    r[0].close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, MjrDepacketizers.DEFAULT);
        return n.get();
    }

    private static double janusPpRec(String exe, Path in, Path out) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(exe, in.toString(), out.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("janus-pp-rec failed on " + in);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void batch(Path video, int count, Path work, String ppRec) throws Exception {
        MjrSession session = MjrSession.find(video, MjrNaming.DEFAULT);
        Path in = Files.createDirectories(work.resolve("batch-in"));
        Path out = work.resolve("batch-out");
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            for (Path f : session.files()) {
                String suffix = f.getFileName().toString().substring(session.name().length());
                Files.copy(f, in.resolve(String.format("s%03d%s", i, suffix)));
                bytes += Files.size(f);
            }
        }
        CountDownLatch done = new CountDownLatch(count);
        AtomicLong frames = new AtomicLong();
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file-mjr:" + in + "?move=done&readLockMinAge=0&initialDelay=0&delay=20")
                        .to("media:record?directory=" + out)
                        .process(e -> {
                            frames.addAndGet(e.getIn().getHeader("CamelMediaRecordFrames", 0L, Long.class));
                            done.countDown();
                        });
            }
        });
        long t0 = System.nanoTime();
        camel.start();
        if (!done.await(600, TimeUnit.SECONDS)) {
            throw new IllegalStateException("batch did not finish");
        }
        double s = (System.nanoTime() - t0) / 1e9;
        camel.stop();
        System.out.printf("route batch %d sessions (%s, %d files, %.1f MB) file-mjr: -> media:record: %.3f s "
                        + "(%.1f sessions/s, %.0f MB/s, %.0f frames/s), merged A/V files%n",
                count, session.name(), count * session.files().size(), bytes / 1e6, s, count / s, bytes / 1e6 / s,
                frames.get() / s);
        double pp = 0;
        List<Path> files = session.files();
        for (int i = 0; i < count; i++) {
            for (Path f : files) {
                pp += janusPpRec(ppRec, f, work.resolve("pp" + (f.toString().contains("video") ? ".mp4" : ".opus")));
            }
        }
        System.out.printf("janus-pp-rec %d runs (%d sessions x video + audio, separate files, sequential): %.3f s (%.1f sessions/s)%n",
                count * files.size(), count, pp, count / pp);
    }
}
