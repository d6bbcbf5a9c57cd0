package io.camelmedia.process.filein;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.mjr.Pacer;

/**
 * Plays one media file as one stream to a {@link MediaListener}, on the caller's thread: {@code started} with
 * the tracks, every frame in file order, {@code ended} with why it ended.
 *
 * <ul>
 * <li><b>STARTED</b> as soon as every track has its configuration (at once for MP4, MKV, WebM, FLV; for
 * MPEG-TS video with its first parameter sets, frames held meanwhile: at most {@value #MAX_HELD_FRAMES} frames
 * or {@value #MAX_HELD_BYTES} bytes, then it starts with the tracks known, as the TS ingest does).</li>
 * <li><b>ENDED</b> reasons: {@code "end of file"}; the demuxer's error ({@code "demuxer error -1094995529
 * (Invalid data found when processing input) at byte 1234 of x.mp4"}); {@code "stopped"}.</li>
 * <li><b>A file that cannot be opened</b> starts nothing: {@link Result#failed()} with the reason, the listener
 * never called.</li>
 * <li><b>Loop</b>: at the end the file is opened again and played on, every track shifted by the span played
 * so far (earliest dts to latest pts + duration), so the timeline keeps going up; one stream, no new STARTED.</li>
 * <li><b>Pacing</b>: each frame waits for the {@link Pacer} at its dts in µs ({@link Pacer#realTime()} is
 * ffmpeg's {@code -re}).</li>
 * </ul>
 */
public final class MediaFilePlayer {
    /** Frames held before STARTED: 512, as the RTMP and TS ingests hold. */
    public static final int MAX_HELD_FRAMES = 512;
    /** Bytes held before STARTED: 32 MiB, as the RTMP and TS ingests hold. */
    public static final long MAX_HELD_BYTES = 32L * 1024 * 1024;
    /** Default bound on one packet: 8 MiB (an H.264 access unit's bound, {@code H264.MAX_ACCESS_UNIT_SIZE}). */
    public static final int DEFAULT_MAX_FRAME_SIZE = io.camelmedia.codec.h264.H264.MAX_ACCESS_UNIT_SIZE;

    public static final String END_OF_FILE = "end of file";
    public static final String STOPPED = "stopped";

    /** What to read and how. */
    public record Options(Set<MediaType> mediaTypes, boolean loop, int maxFrameSize) {
        public Options {
            mediaTypes = Set.copyOf(mediaTypes);
            if (maxFrameSize <= 0) {
                throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
            }
        }
    }

    /**
     * How a file went: whether it started, what it delivered, why it ended; {@code failed} when it never
     * started because it could not be opened or read (the reason says why).
     */
    public record Result(boolean started, boolean failed, String reason, long frames, long bytes, int loops,
                         String format) {
    }

    private MediaFilePlayer() {
    }

    /**
     * Plays {@code file} as stream {@code path}.
     *
     * @param running false stops the playback at the next frame (ENDED {@value #STOPPED})
     * @throws InterruptedException when the pacer is interrupted; the stream is ended ({@value #STOPPED}) first
     */
    public static Result play(Path file, String path, Options options, Pacer pacer, BooleanSupplier running,
                              MediaListener listener) throws InterruptedException {
        MediaFileReader reader;
        try {
            reader = MediaFileReader.open(file, options.mediaTypes(), options.maxFrameSize());
        } catch (MediaFileException e) {
            return new Result(false, true, e.getMessage(), 0, 0, 0, null);
        }
        Playback p = new Playback(file, path, options, listener, reader);
        try {
            p.run(pacer, running);
        } catch (InterruptedException e) {
            p.end(STOPPED);
            throw e;
        } finally {
            p.reader.close();
        }
        boolean failed = !p.started && !STOPPED.equals(p.reason);
        return new Result(p.started, failed, failed && END_OF_FILE.equals(p.reason) ? "no frame in the file" : p.reason,
                p.frames, p.bytes + p.reader.bytesRead(), p.loops, p.format);
    }

    /** One playback's state. */
    private static final class Playback {
        final Path file;
        final String path;
        final Options options;
        final MediaListener listener;
        final String format;
        MediaFileReader reader;
        final ArrayDeque<MediaFrame> held = new ArrayDeque<>();
        long heldBytes;
        boolean started;
        boolean ended;
        String reason;
        long frames;
        long bytes;
        int loops;
        long offsetMicros;

        Playback(Path file, String path, Options options, MediaListener listener, MediaFileReader reader) {
            this.file = file;
            this.path = path;
            this.options = options;
            this.listener = listener;
            this.reader = reader;
            this.format = reader.formatName();
        }

        void run(Pacer pacer, BooleanSupplier running) throws InterruptedException {
            while (true) {
                if (!running.getAsBoolean()) {
                    end(STOPPED);
                    return;
                }
                MediaFrame f;
                try {
                    f = reader.next();
                    if (f == null && options.loop() && running.getAsBoolean() && reader.spanMicros() > 0) {
                        reopen();
                        continue;
                    }
                } catch (MediaFileException e) {
                    end(e.getMessage());
                    return;
                }
                if (f == null) {
                    end(END_OF_FILE);
                    return;
                }
                pacer.await(f.dtsMicros());
                deliver(f);
            }
        }

        private void reopen() {
            MediaFileReader previous = reader;
            MediaFileReader next = MediaFileReader.open(file, options.mediaTypes(), options.maxFrameSize());
            try {
                next.continueFrom(previous);
            } catch (MediaFileException e) {
                next.close();
                throw e;
            }
            offsetMicros += previous.spanMicros();
            bytes += previous.bytesRead();
            previous.close();
            reader = next;
            reader.offsetMicros(offsetMicros);
            loops++;
        }

        private void deliver(MediaFrame f) {
            if (started) {
                frames++;
                listener.frame(path, f);
                return;
            }
            if (!reader.configured() && held.size() < MAX_HELD_FRAMES && heldBytes + f.payloadLength() <= MAX_HELD_BYTES) {
                held.addLast(f);
                heldBytes += f.payloadLength();
                return;
            }
            start();
            frames++;
            listener.frame(path, f);
        }

        private void start() {
            started = true;
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("file", file.getFileName().toString());
            metadata.put("format", format);
            long d = reader.durationMicros();
            if (d >= 0) {
                metadata.put("duration", d / 1e6);
            }
            listener.started(new StreamInfo(path, reader.tracks(), metadata));
            while (!held.isEmpty()) {
                frames++;
                listener.frame(path, held.pollFirst());
            }
            heldBytes = 0;
        }

        void end(String why) {
            if (ended) {
                return;
            }
            ended = true;
            reason = why;
            if (!started && !held.isEmpty()) {
                start();
            }
            if (started) {
                listener.ended(path, why);
            }
        }
    }
}
