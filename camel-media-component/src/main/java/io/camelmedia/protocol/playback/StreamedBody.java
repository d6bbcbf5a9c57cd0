package io.camelmedia.protocol.playback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A body streamed from disk whose exact length is known before its first byte (so it can be the Content-Length):
 * pieces in order, each opened only when the reader reaches it (one file open at a time) and read in at most
 * {@value #CHUNK}-byte reads. What a file, a multipart/byteranges answer and a {@code /get} span are made of.
 */
public final class StreamedBody {
    /** Bytes read from disk at once: 64 KiB. */
    public static final int CHUNK = 64 * 1024;

    /** One run of the body's bytes. */
    interface Piece {
        long length();

        InputStream open() throws IOException;
    }

    private final List<Piece> pieces;
    private final long length;

    StreamedBody(List<Piece> pieces) {
        this.pieces = List.copyOf(pieces);
        this.length = this.pieces.stream().mapToLong(Piece::length).sum();
    }

    /** A byte range of one file. */
    static StreamedBody of(Path file, long offset, long length) {
        return new StreamedBody(List.of(file(file, offset, length)));
    }

    public long length() {
        return length;
    }

    /** A reader of the body from its first byte; the caller closes it (or {@link Reader#abort}s it). */
    public Reader open() {
        return new Reader(pieces);
    }

    static Piece bytes(byte[] b) {
        return new Piece() {
            @Override
            public long length() {
                return b.length;
            }

            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(b);
            }
        };
    }

    static Piece file(Path file, long offset, long length) {
        return new Piece() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return new RangeStream(openFinished(file), offset, length);
            }
        };
    }

    /** Opens {@code file} for reading; a {@code .mp4.part} renamed since it was listed is opened as its {@code .mp4}. */
    static FileChannel openFinished(Path file) throws IOException {
        try {
            return FileChannel.open(file);
        } catch (NoSuchFileException e) {
            String name = file.getFileName().toString();
            if (!Recording.isPart(name)) {
                throw e;
            }
            return FileChannel.open(file.resolveSibling(name.substring(0, name.length() - ".part".length())));
        }
    }

    /**
     * Reads the pieces one after the other. {@link #abort()} (a client that went away) may come from another
     * thread while a read is under way: it closes the open file, so the read ends and no further piece is opened.
     */
    public static final class Reader extends BlockInput {
        private final List<Piece> pieces;
        private int next;
        private InputStream current;
        private long bytesRead;
        private volatile boolean closed;

        Reader(List<Piece> pieces) {
            this.pieces = pieces;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!closed) {
                if (current == null) {
                    if (next == pieces.size()) {
                        close();
                        return -1;
                    }
                    current = pieces.get(next++).open();
                }
                int n = current.read(b, off, Math.min(len, CHUNK));
                if (n >= 0) {
                    bytesRead += n;
                    return n;
                }
                current.close();
                current = null;
            }
            close(); // aborted: a piece opened while the abort came must not stay open
            return -1;
        }

        @Override
        public int available() throws IOException {
            InputStream c = current;
            return closed || c == null ? 0 : c.available();
        }

        /** Bytes handed out so far. */
        public long bytesRead() {
            return bytesRead;
        }

        public boolean isClosed() {
            return closed;
        }

        /** Stops reading: the open piece's file is closed and reads return the end of the stream. */
        public void abort() {
            try {
                close();
            } catch (IOException e) {
                // closing a file opened for reading: nothing left to do
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            InputStream c = current;
            if (c != null) {
                c.close();
            }
        }
    }

    /** An input read in blocks: a single byte is a block of one. */
    abstract static class BlockInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** Bytes {@code [offset, offset + length)} of a file channel; closes it at the end or on close. */
    static final class RangeStream extends BlockInput {
        private final FileChannel ch;
        private long position;
        private long remaining;

        RangeStream(FileChannel ch, long offset, long length) {
            this.ch = ch;
            this.position = offset;
            this.remaining = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                close();
                return -1;
            }
            int n;
            try {
                n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(Math.min(len, CHUNK), remaining)), position);
            } catch (ClosedChannelException e) {
                return -1; // aborted from another thread
            }
            if (n < 0) {
                close(); // the file shrank under us: end early (the length was promised; the client sees a short body)
                return -1;
            }
            position += n;
            remaining -= n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(remaining, CHUNK);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
