package io.camelmedia.process.record;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.camelmedia.format.mp4.Mp4FileWriter;
import io.camelmedia.format.ogg.OggOpusWriter;
import io.camelmedia.format.wav.WavWriter;
import io.camelmedia.format.webm.WebmWriter;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;

/**
 * One stream's frames into ONE complete file ({@link RecordFormat}): the tracks the container carries are
 * written (audio and video merged, each at its own time, so a late track stays in sync), the others
 * (data, a codec the container lacks) skipped and counted. WAV and Ogg Opus take one audio track; MP4
 * and WebM at most one video and one audio track (the first of each kind).
 *
 * <p>The file is written as frames come and finished on {@link #close()} (MP4 moov + faststart, WebM Cues and
 * sizes, WAV sizes, Ogg EOS). Frames must come in time order across tracks (as {@code MjrSession} and the
 * live consumers deliver them). Single-threaded.
 */
public final class StreamRecorder implements Closeable {
    private final RecordFormat format;
    private final Path file;
    private final List<Integer> trackIds = new ArrayList<>();
    private final SeekableByteChannel channel;
    private final Writer writer;
    private long frames;
    private long skipped;
    private long firstMicros = Long.MAX_VALUE;
    private long lastMicros = Long.MIN_VALUE;

    /** What every container writer does. */
    private interface Writer {
        void write(MediaFrame f) throws IOException;

        void close() throws IOException;
    }

    /**
     * Creates {@code file} (replacing it) and the container's writer.
     *
     * @param format   the container; AUTO resolves by the tracks
     * @param faststart MP4 only: moov before mdat
     * @throws IllegalArgumentException when the container carries none of the tracks
     */
    public StreamRecorder(Path file, List<Track> tracks, RecordFormat format, boolean faststart) throws IOException {
        this.format = format.resolve(tracks);
        this.file = file;
        List<Track> kept = pick(tracks, this.format);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(this.format.extension() + " carries none of the tracks "
                    + tracks.stream().map(t -> t.codec().name()).toList());
        }
        kept.forEach(t -> trackIds.add(t.id()));
        if (this.format == RecordFormat.MP4) {
            channel = null;
            Mp4FileWriter w = Mp4FileWriter.create(file, kept, Mp4FileWriter.Options.defaults().withFaststart(faststart));
            writer = adapt(w::write, w::close, null);
            return;
        }
        channel = Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            writer = switch (this.format) {
                case WEBM -> {
                    WebmWriter w = new WebmWriter(channel, kept, WebmWriter.Options.defaults());
                    yield adapt(w::write, w::close, channel);
                }
                case OPUS -> {
                    OggOpusWriter w = new OggOpusWriter(channel, kept.get(0), OggOpusWriter.Options.defaults());
                    yield adapt(w::write, w::close, channel);
                }
                case WAV -> {
                    WavWriter w = WavWriter.forTrack(channel, kept.get(0));
                    yield adapt(w::write, w::close, channel);
                }
                default -> throw new IllegalStateException(this.format.name());
            };
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static List<Track> pick(List<Track> tracks, RecordFormat format) {
        List<Track> kept = new ArrayList<>();
        boolean video = false;
        boolean audio = false;
        boolean audioOnly = format == RecordFormat.OPUS || format == RecordFormat.WAV;
        for (Track t : tracks) {
            if (!format.carries(t.codec())) {
                continue;
            }
            if (t.mediaType() == MediaType.VIDEO && !video && !audioOnly) {
                video = true;
                kept.add(t);
            } else if (t.mediaType() == MediaType.AUDIO && !audio) {
                audio = true;
                kept.add(t);
            }
        }
        return kept;
    }

    @FunctionalInterface
    private interface IoConsumer {
        void accept(MediaFrame f) throws IOException;
    }

    @FunctionalInterface
    private interface IoRunnable {
        void run() throws IOException;
    }

    private static Writer adapt(IoConsumer write, IoRunnable close, SeekableByteChannel channel) {
        return new Writer() {
            @Override
            public void write(MediaFrame f) throws IOException {
                write.accept(f);
            }

            @Override
            public void close() throws IOException {
                try {
                    close.run();
                } finally {
                    if (channel != null) {
                        channel.close();
                    }
                }
            }
        };
    }

    /** Writes a frame of a recorded track; other tracks' frames are counted in {@link #skipped()}. */
    public void write(MediaFrame frame) throws IOException {
        if (!trackIds.contains(frame.track().id())) {
            skipped++;
            return;
        }
        writer.write(frame);
        frames++;
        long us = frame.pts() * 1_000_000L / Math.max(1, frame.track().clockRate());
        firstMicros = Math.min(firstMicros, us);
        lastMicros = Math.max(lastMicros, us);
    }

    /** Finishes the file. */
    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** The container actually written (AUTO resolved). */
    public RecordFormat format() {
        return format;
    }

    public Path file() {
        return file;
    }

    /** Frames written. */
    public long frames() {
        return frames;
    }

    /** Frames of tracks the file does not carry. */
    public long skipped() {
        return skipped;
    }

    /** From the first to the last frame written, µs (0 before two frames). */
    public long spanMicros() {
        return frames < 2 ? 0 : lastMicros - firstMicros;
    }
}
