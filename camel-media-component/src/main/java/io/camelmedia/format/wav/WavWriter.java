package io.camelmedia.format.wav;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;

import io.camelmedia.codec.g711.G711;
import io.camelmedia.codec.g722.G722Decoder;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * Writes a 16-bit PCM WAVE file ({@link WavHeader}) from PCM samples, or from G.711 (PCMU/PCMA, decoded
 * with {@link G711}), G.722 (decoded with {@link G722Decoder} to 16 kHz) and L16 (RFC 3551 4.5.11:
 * big-endian on the wire, swapped to WAVE's little-endian) frames.
 *
 * <p>Sizes and crash safety: the header is written first with both size fields 0. On a
 * {@link SeekableByteChannel} (a file) the two sizes are patched every {@link #headerUpdateBytes()} of
 * audio (1 s by default) and on {@link #close()}, so a crash leaves a valid file whose header is at most
 * that much behind the samples after it (ffmpeg, sox and browsers then play what the header counts). On a
 * plain channel (a stream) the sizes stay 0, which ffmpeg reads as "data to the end of the file"; such
 * output is not patched.
 *
 * <p>Timing: samples are written back to back; frame timestamps are not used (gaps are not filled, as
 * janus-pp-rec does not either for these codecs). Single-threaded.
 */
public final class WavWriter implements Closeable {
    /** wBitsPerSample: always 16-bit signed PCM. */
    public static final int BITS_PER_SAMPLE = 16;
    /** RIFF sizes are 32-bit: data beyond 4 GiB minus the header cannot be counted (RF64 would be needed). */
    public static final long MAX_DATA_SIZE = 0xFFFF_FFFFL - WavHeader.RIFF_SIZE_OVERHEAD;

    private final WritableByteChannel out;
    private final SeekableByteChannel seekable;
    private final int sampleRate;
    private final int channels;
    private final Codec codec;
    private final G722Decoder g722;
    private final long headerUpdateBytes;
    private long dataSize;
    private long sinceUpdate;
    private short[] scratch = new short[0];
    private ByteBuffer bytes = ByteBuffer.allocate(0);
    private boolean closed;

    /** A writer of raw PCM: {@code sampleRate} Hz, {@code channels} interleaved. */
    public WavWriter(WritableByteChannel out, int sampleRate, int channels) throws IOException {
        this(out, Codec.L16, sampleRate, channels);
    }

    private WavWriter(WritableByteChannel out, Codec codec, int sampleRate, int channels) throws IOException {
        if (sampleRate <= 0 || channels <= 0 || channels > 8) {
            throw new WavException("WAV: sample rate " + sampleRate + " / channels " + channels
                    + " invalid (rate > 0, 1..8 channels)");
        }
        this.out = out;
        this.seekable = out instanceof SeekableByteChannel s ? s : null;
        this.codec = codec;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.g722 = codec == Codec.G722 ? new G722Decoder() : null;
        this.headerUpdateBytes = (long) sampleRate * channels * 2;
        writeFully(ByteBuffer.wrap(WavHeader.encode(sampleRate, channels, BITS_PER_SAMPLE, 0)));
    }

    /**
     * A writer for {@code track}'s frames: PCMU/PCMA (8 kHz unless the track says otherwise), G.722 (16 kHz
     * output whatever the 8000 RTP clock says), L16 (the track's sample rate). Channels: the track's, else 1.
     */
    public static WavWriter forTrack(WritableByteChannel out, Track track) throws IOException {
        int channels = track.channels() > 0 ? track.channels() : 1;
        return switch (track.codec()) {
            case PCMU, PCMA -> new WavWriter(out, track.codec(),
                    track.sampleRate() > 0 ? track.sampleRate() : G711.SAMPLE_RATE, channels);
            case G722 -> new WavWriter(out, Codec.G722, G722Decoder.SAMPLE_RATE, channels);
            case L16 -> new WavWriter(out, Codec.L16, track.sampleRate() > 0 ? track.sampleRate() : track.clockRate(),
                    channels);
            default -> throw new WavException("WAV: track " + track.id() + " codec " + track.codec()
                    + " is not decoded to PCM here (PCMU, PCMA, G722, L16 are)");
        };
    }

    /** Decodes one frame of the track's codec and appends its samples. */
    public void write(MediaFrame frame) throws IOException {
        if (frame.codec() != codec) {
            throw new WavException("WAV: frame of " + frame.codec() + " on a " + codec + " writer");
        }
        byte[] p = frame.payloadBytes();
        switch (codec) {
            case PCMU -> writeSamples(scratch(p.length), 0, G711.decodeMulaw(p, 0, p.length, scratch, 0));
            case PCMA -> writeSamples(scratch(p.length), 0, G711.decodeAlaw(p, 0, p.length, scratch, 0));
            case G722 -> writeSamples(scratch(p.length * 2), 0, g722.decode(p, 0, p.length, scratch, 0));
            default -> writeBigEndian(p);
        }
    }

    private short[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new short[n];
        }
        return scratch;
    }

    /** L16 payload: 16-bit big-endian samples (an odd trailing byte is dropped). */
    private void writeBigEndian(byte[] p) throws IOException {
        int n = p.length / 2;
        short[] s = scratch(n);
        for (int i = 0; i < n; i++) {
            s[i] = (short) ((p[2 * i] << 8) | (p[2 * i + 1] & 0xFF));
        }
        writeSamples(s, 0, n);
    }

    /** Appends {@code count} interleaved samples from {@code pcm[offset...]}. */
    public void writeSamples(short[] pcm, int offset, int count) throws IOException {
        if (closed) {
            throw new IllegalStateException("WAV writer is closed");
        }
        long size = 2L * count;
        if (dataSize + size > MAX_DATA_SIZE) {
            throw new WavException("WAV: data size " + (dataSize + size) + " would exceed the RIFF limit "
                    + MAX_DATA_SIZE + " bytes");
        }
        if (bytes.capacity() < size) {
            bytes = ByteBuffer.allocate((int) size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        bytes.clear();
        bytes.asShortBuffer().put(pcm, offset, count);
        bytes.limit((int) size);
        writeFully(bytes);
        dataSize += size;
        sinceUpdate += size;
        if (seekable != null && sinceUpdate >= headerUpdateBytes) {
            patchSizes();
        }
    }

    private void patchSizes() throws IOException {
        long end = seekable.position();
        byte[] riff = new byte[4];
        WavHeader.le32(riff, 0, WavHeader.RIFF_SIZE_OVERHEAD + dataSize);
        seekable.position(end - dataSize - WavHeader.SIZE + WavHeader.RIFF_SIZE_OFFSET);
        writeFully(ByteBuffer.wrap(riff));
        byte[] data = new byte[4];
        WavHeader.le32(data, 0, dataSize);
        seekable.position(end - dataSize - WavHeader.SIZE + WavHeader.DATA_SIZE_OFFSET);
        writeFully(ByteBuffer.wrap(data));
        seekable.position(end);
        sinceUpdate = 0;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Patches the sizes (seekable output). Does not close the channel. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (seekable != null) {
                patchSizes();
            }
        }
    }

    /** Audio bytes between two header updates: 1 s. */
    public long headerUpdateBytes() {
        return headerUpdateBytes;
    }

    public long dataSize() {
        return dataSize;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }
}
