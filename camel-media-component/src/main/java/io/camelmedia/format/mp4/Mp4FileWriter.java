package io.camelmedia.format.mp4;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.opus.OpusToc;
import io.camelmedia.format.fmp4.Box;
import io.camelmedia.format.fmp4.Fmp4Exception;
import io.camelmedia.format.fmp4.SampleEntry;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * Writes a non-fragmented MP4 file (ISO/IEC 14496-12 / 14496-14) from {@link MediaFrame}s: H.264 (avc1),
 * H.265 (hvc1), AV1 (av01), VP9 (vp09) video with AAC (mp4a), MP3 or Opus audio.
 *
 * <p>Layout while writing: {@code ftyp}, then an {@code mdat} (64-bit size) that the samples are appended
 * to as they come; a chunk is a run of consecutive samples of one track in the mdat (frames arrive
 * interleaved by time, so chunks interleave too). The sample tables are kept in memory
 * ({@link SampleTable}). On {@link #close()} the mdat size is patched and the {@code moov} is built
 * ({@link MovieBoxes}):
 * <ul>
 *   <li>{@code faststart} (default): the moov goes before the mdat, as ffmpeg's {@code -movflags faststart}
 *       does it: the mdat is moved forward in place by the moov's size (the channel must be readable:
 *       {@link #create(Path, List, Options)} opens it so) and every chunk offset shifted by as much; the file
 *       plays progressively over HTTP.</li>
 *   <li>otherwise the moov is appended after the mdat (no data moved).</li>
 * </ul>
 * stco is used when every shifted offset fits 32 bits, co64 otherwise.
 *
 * <p>On a channel that is not seekable (a stream, memory) the samples are buffered (at most
 * {@link Options#maxBufferedBytes()}) and the whole file, moov first, is written on close.
 *
 * <p>Crash safety: none, by the nature of the format (the moov is written last); a recording that must
 * survive a crash uses fragmented MP4 ({@code format.fmp4}). H.264/H.265 payloads: AVCC frames are written
 * as they are (4-byte lengths, matching the avcC/hvcC written), Annex B frames re-framed with 4-byte
 * lengths. Frames must come in decode order per track. Single-threaded.
 */
public final class Mp4FileWriter implements Closeable {
    /** 1 MiB blocks when moving the mdat for faststart. */
    static final int MOVE_BLOCK = 1 << 20;
    /** Default bound of the in-memory mdat for non-seekable output: 256 MiB. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 256L << 20;
    /** The mdat header: size(32)=1, 'mdat', largesize(64) (14496-12 4.2), so its size can be patched to anything. */
    static final int MDAT_HEADER = 16;

    /**
     * @param faststart        moov before mdat (moved on close)
     * @param maxBufferedBytes bound of the buffered mdat when the output is not seekable
     */
    public record Options(boolean faststart, long maxBufferedBytes) {
        public Options {
            if (maxBufferedBytes <= 0 || maxBufferedBytes > Integer.MAX_VALUE - 64) {
                throw new IllegalArgumentException("maxBufferedBytes must be in 1.." + (Integer.MAX_VALUE - 64)
                        + ": " + maxBufferedBytes);
            }
        }

        public static Options defaults() {
            return new Options(true, DEFAULT_MAX_BUFFERED_BYTES);
        }

        public Options withFaststart(boolean newFaststart) {
            return new Options(newFaststart, maxBufferedBytes);
        }
    }

    private final WritableByteChannel out;
    private final SeekableByteChannel seekable;
    private final boolean ownsChannel;
    private final Options options;
    private final List<Track> tracks;
    private final List<SampleTable> tables = new ArrayList<>();
    private final byte[] fileType;
    private final long startPosition;
    private long mdatPayload;
    private int lastTrackIndex = -1;
    private byte[] buffer = new byte[0];
    private boolean closed;

    /**
     * @param tracks the tracks, in the order their trak boxes are written; frames name their track by id
     * @throws Mp4Exception for no tracks, duplicate ids, a codec not carried or a missing configuration
     */
    public Mp4FileWriter(WritableByteChannel out, List<Track> tracks, Options options) throws IOException {
        this(out, tracks, options, false);
    }

    private Mp4FileWriter(WritableByteChannel out, List<Track> tracks, Options options, boolean owns) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.options = Objects.requireNonNull(options, "options");
        this.ownsChannel = owns;
        this.tracks = List.copyOf(tracks);
        checkTracks(this.tracks);
        for (Track t : this.tracks) {
            tables.add(new SampleTable(t));
        }
        this.fileType = Box.marshal(List.of(MovieBoxes.fileType(this.tracks)));
        this.seekable = out instanceof SeekableByteChannel s ? s : null;
        this.startPosition = seekable != null ? seekable.position() : 0;
        if (seekable != null) {
            byte[] mdatHeader = new byte[MDAT_HEADER];
            mdatHeader(mdatHeader, 0);
            writeFully(out, fileType);
            writeFully(out, mdatHeader);
        }
    }

    /** A writer to a new file at {@code path} (opened for reading too, as faststart needs); close() closes it. */
    public static Mp4FileWriter create(Path path, List<Track> tracks, Options options) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return new Mp4FileWriter(ch, tracks, options, true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void checkTracks(List<Track> tracks) {
        if (tracks.isEmpty()) {
            throw new Mp4Exception("moov: at least one track is needed");
        }
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (Track t : tracks) {
            if (t.id() <= 0 || !ids.add(t.id())) {
                throw new Mp4Exception("tkhd: track_ID " + t.id() + " is not positive or appears twice");
            }
            try {
                Box.marshal(List.of(SampleEntry.of(t))); // builds the configuration box now, so it fails here
            } catch (Fmp4Exception | CodecException e) {
                throw new Mp4Exception(e.getMessage(), e);
            }
        }
    }

    /** Appends one frame's sample to the mdat. */
    public void write(MediaFrame frame) throws IOException {
        if (closed) {
            throw new IllegalStateException("MP4 writer is closed");
        }
        int index = indexOf(frame.track());
        byte[] sample = sampleBytes(frame);
        SampleTable table = tables.get(index);
        boolean key = frame.keyframe() || frame.track().mediaType() != io.camelmedia.frame.MediaType.VIDEO;
        table.add(frame.dts(), frame.pts(), sample.length, key, index != lastTrackIndex, mdatPayload,
                ownDuration(frame, sample));
        lastTrackIndex = index;
        if (seekable != null) {
            writeFully(out, sample);
        } else {
            buffer(sample);
        }
        mdatPayload += sample.length;
    }

    private int indexOf(Track t) {
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).id() == t.id()) {
                return i;
            }
        }
        throw new Mp4Exception("mdat: frame of track " + t.id() + " which is not one of "
                + tracks.stream().map(Track::id).toList());
    }

    private static byte[] sampleBytes(MediaFrame f) {
        byte[] payload = f.payloadBytes();
        if (f.format() != BitstreamFormat.ANNEX_B) {
            return payload;
        }
        try {
            return Avcc.join(AnnexB.split(payload, 0, payload.length));
        } catch (CodecException e) {
            throw new Mp4Exception("mdat: track " + f.track().id() + " frame at dts " + f.dts()
                    + " is not valid Annex B: " + e.getMessage(), e);
        }
    }

    /** The duration a codec states for its frame (Opus TOC), in track ticks; -1 when not stated. */
    private static long ownDuration(MediaFrame f, byte[] sample) {
        if (f.codec() == Codec.OPUS && sample.length > 0) {
            try {
                return MovieBoxes.rescale(OpusToc.packetSamples(sample), 48_000, f.track().clockRate());
            } catch (CodecException e) {
                return -1;
            }
        }
        return -1;
    }

    private void buffer(byte[] sample) {
        long needed = mdatPayload + sample.length;
        if (needed > options.maxBufferedBytes()) {
            throw new Mp4Exception("mdat: " + needed + " bytes exceed maxBufferedBytes " + options.maxBufferedBytes()
                    + " of a non-seekable output; write to a file channel");
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(options.maxBufferedBytes(), Math.max(needed, buffer.length * 2L)));
        }
        System.arraycopy(sample, 0, buffer, (int) mdatPayload, sample.length);
    }

    private void mdatHeader(byte[] b, long payload) {
        long size = MDAT_HEADER + payload;
        ByteBuffer.wrap(b).putInt(1).put((byte) 'm').put((byte) 'd').put((byte) 'a').put((byte) 't').putLong(size);
    }

    /** Writes the moov (and moves the mdat, for faststart). Closes the channel only if {@link #create} opened it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (seekable == null) {
                finishStream();
            } else if (options.faststart()) {
                finishFaststart();
            } else {
                finishAppend();
            }
        } finally {
            if (ownsChannel) {
                out.close();
            }
        }
    }

    private byte[] moov(long mdatPayloadStart) {
        return Box.marshal(List.of(MovieBoxes.movie(tables, mdatPayloadStart, needsCo64(mdatPayloadStart))));
    }

    private boolean needsCo64(long mdatPayloadStart) {
        long largest = 0;
        for (SampleTable t : tables) {
            largest = Math.max(largest, t.largestChunkOffset());
        }
        return mdatPayloadStart + largest > 0xFFFF_FFFFL;
    }

    /** moov size when the mdat payload starts after ftyp + moov + mdat header (stco, or co64 if needed). */
    private byte[] moovBeforeMdat() {
        int guess = moov(0).length; // stco, offsets irrelevant to the size
        byte[] moov = moov(fileType.length + guess + MDAT_HEADER);
        if (moov.length != guess) { // switched to co64: sizes settle on the second pass
            moov = moov(fileType.length + moov.length + MDAT_HEADER);
        }
        return moov;
    }

    private void finishStream() throws IOException {
        byte[] moov = moovBeforeMdat();
        byte[] mdatHeader = new byte[MDAT_HEADER];
        mdatHeader(mdatHeader, mdatPayload);
        writeFully(out, fileType);
        writeFully(out, moov);
        writeFully(out, mdatHeader);
        writeFully(out, buffer, (int) mdatPayload);
    }

    private void finishAppend() throws IOException {
        long mdatStart = startPosition + fileType.length;
        patchMdatSize(mdatStart);
        seekable.position(mdatStart + MDAT_HEADER + mdatPayload);
        writeFully(out, moov(mdatStart + MDAT_HEADER - startPosition));
    }

    private void finishFaststart() throws IOException {
        long mdatStart = startPosition + fileType.length;
        patchMdatSize(mdatStart);
        byte[] moov = moovBeforeMdat();
        moveForward(mdatStart, MDAT_HEADER + mdatPayload, moov.length);
        seekable.position(mdatStart);
        writeFully(out, moov);
        seekable.position(mdatStart + moov.length + MDAT_HEADER + mdatPayload);
    }

    private void patchMdatSize(long mdatStart) throws IOException {
        byte[] header = new byte[MDAT_HEADER];
        mdatHeader(header, mdatPayload);
        seekable.position(mdatStart);
        writeFully(out, header);
    }

    /** Moves {@code length} bytes at {@code from} forward by {@code by}, last block first (the ranges overlap). */
    private void moveForward(long from, long length, int by) throws IOException {
        ByteBuffer block = ByteBuffer.allocate((int) Math.min(MOVE_BLOCK, Math.max(1, length)));
        long end = from + length;
        while (end > from) {
            int n = (int) Math.min(block.capacity(), end - from);
            long src = end - n;
            block.clear().limit(n);
            seekable.position(src);
            while (block.hasRemaining()) {
                if (seekable.read(block) < 0) {
                    throw new IOException("mdat: unexpected end of file at " + seekable.position() + " while moving it");
                }
            }
            block.flip();
            seekable.position(src + by);
            while (block.hasRemaining()) {
                seekable.write(block);
            }
            end = src;
        }
    }

    private static void writeFully(WritableByteChannel ch, byte[] b) throws IOException {
        writeFully(ch, b, b.length);
    }

    private static void writeFully(WritableByteChannel ch, byte[] b, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, length);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Samples written per track id order given. */
    public long samples() {
        long n = 0;
        for (SampleTable t : tables) {
            n += t.count();
        }
        return n;
    }

    /** Bytes of media data written into the mdat. */
    public long mediaBytes() {
        return mdatPayload;
    }
}
