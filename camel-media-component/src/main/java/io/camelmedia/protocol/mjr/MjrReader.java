package io.camelmedia.protocol.mjr;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Reads a Janus {@code .mjr} recording record by record, in file order (see {@link MjrFormat} for the three
 * layouts). Streaming: memory is one record (at most {@link #MAX_RECORD_LENGTH} bytes) plus a read buffer,
 * whatever the file size.
 *
 * <p>Every length is checked against the bytes left in the file before anything is allocated. Damage
 * (a truncated record, a wrong prefix, a length past the end) makes {@link #next()} throw an
 * {@link MjrException} naming the file, the byte offset and what is wrong — after every complete record
 * before it was returned. An empty file, an unknown magic or a broken JSON header fail in {@link #open}.
 *
 * <p>A file that is still being written is read up to the size it had when opened. Not thread-safe.
 */
public final class MjrReader implements Closeable {
    /** Bytes of the file magic ("MJR00002", "MJR00001", "MEETECHO"). */
    public static final int MAGIC_LENGTH = 8;
    /** Record header: "MEET" + 4-byte offset, or "MEETECHO"; then the 2-byte length. */
    public static final int RECORD_HEADER_LENGTH = 10;
    /** The record length is a 16-bit field: no record is longer (Janus writes at most an MTU-sized packet). */
    public static final int MAX_RECORD_LENGTH = 0xFFFF;
    /** The info header length is a 16-bit field too; Janus writes about 70-300 bytes. */
    public static final int MAX_INFO_HEADER_LENGTH = 0xFFFF;
    /** The legacy header's media kind is exactly 5 bytes: "audio", "video" or "data" plus one byte. */
    static final int LEGACY_KIND_LENGTH = 5;
    /** Read buffer: large enough that a record rarely spans two fills. */
    private static final int BUFFER_SIZE = 64 * 1024;
    /** Bytes shown in hex when a prefix is wrong. */
    private static final int HEX_SNIPPET = 8;

    private final String name;
    private final InputStream in;
    private final long size;
    private final MjrHeader header;
    private final byte[] head = new byte[RECORD_HEADER_LENGTH];
    private long pos;
    private boolean failed;

    private MjrReader(String name, InputStream in, long size) throws IOException {
        this.name = name;
        this.in = in;
        this.size = size;
        try {
            this.header = readHeader();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws MjrException when the file is empty, not an {@code .mjr} file, or its header is unusable
     */
    public static MjrReader open(Path file) throws IOException {
        long size = Files.size(file);
        return new MjrReader(file.getFileName().toString(),
                new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE), size);
    }

    /** Reads a recording held in memory; {@code name} labels error messages. */
    public static MjrReader of(String name, byte[] bytes) {
        try {
            return new MjrReader(Objects.requireNonNull(name), new ByteArrayInputStream(bytes), bytes.length);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array does not fail
        }
    }

    /**
     * Reads {@code size} bytes of a recording from {@code in} (the caller knows the size, e.g. from a
     * directory listing); {@code name} labels error messages. The reader closes {@code in}.
     */
    public static MjrReader of(String name, InputStream in, long size) throws IOException {
        return new MjrReader(name, in instanceof BufferedInputStream ? in : new BufferedInputStream(in, BUFFER_SIZE), size);
    }

    public String name() {
        return name;
    }

    public MjrHeader header() {
        return header;
    }

    /** Size of the file when opened. */
    public long size() {
        return size;
    }

    /** Byte offset of the next record. */
    public long position() {
        return pos;
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @throws MjrException at damage (every complete record before it was returned); later calls return null
     */
    public MjrRecord next() throws IOException {
        if (failed || pos >= size) {
            return null;
        }
        long at = pos;
        long left = size - pos;
        if (left < RECORD_HEADER_LENGTH) {
            throw fail(MjrException.record(name, at, "truncated record header: needs " + RECORD_HEADER_LENGTH
                    + " bytes, only " + left + " left before the end of the file"));
        }
        readFully(head, RECORD_HEADER_LENGTH);
        String prefix = header.format().recordPrefix();
        for (int i = 0; i < prefix.length(); i++) {
            if (head[i] != prefix.charAt(i)) {
                throw fail(MjrException.record(name, at, "expected '" + prefix + "', found "
                        + printable(head, prefix.length()) + " (" + HexFormat.of().formatHex(head, 0, Math.min(HEX_SNIPPET, RECORD_HEADER_LENGTH)) + ")"));
            }
        }
        long arrival = header.format().hasArrivalTimes() ? u32(head, 4) : -1;
        int length = u16(head, 8);
        long dataLeft = left - RECORD_HEADER_LENGTH;
        if (length > dataLeft) {
            throw fail(MjrException.record(name, at, "length " + length + " past the end of the file ("
                    + dataLeft + " bytes left)"));
        }
        byte[] data = new byte[length];
        readFully(data, length);
        return new MjrRecord(at, arrival, data);
    }

    private MjrException fail(MjrException e) {
        failed = true;
        return e;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private MjrHeader readHeader() throws IOException {
        if (size == 0) {
            throw MjrException.header(name, 0, "empty file (0 bytes), not an .mjr recording");
        }
        if (size < MAGIC_LENGTH + 2) {
            throw MjrException.header(name, 0, "file of " + size + " bytes is too short for an .mjr header (needs "
                    + (MAGIC_LENGTH + 2) + ")");
        }
        byte[] magic = new byte[MAGIC_LENGTH + 2];
        readFully(magic, magic.length);
        String m = new String(magic, 0, MAGIC_LENGTH, StandardCharsets.ISO_8859_1);
        int length = u16(magic, MAGIC_LENGTH);
        long left = size - pos;
        if (m.equals(MjrFormat.MJR00002.magic()) || m.equals(MjrFormat.MJR00001.magic())) {
            MjrFormat format = m.equals(MjrFormat.MJR00002.magic()) ? MjrFormat.MJR00002 : MjrFormat.MJR00001;
            if (length == 0) {
                throw MjrException.header(name, MAGIC_LENGTH, "info header length is 0");
            }
            if (length > left) {
                throw MjrException.header(name, MAGIC_LENGTH, "info header length " + length
                        + " past the end of the file (" + left + " bytes left)");
            }
            byte[] json = new byte[length];
            readFully(json, length);
            return MjrHeader.parse(name, MAGIC_LENGTH + 2, format,
                    new String(json, StandardCharsets.UTF_8), pos);
        }
        if (m.equals(MjrFormat.LEGACY.magic())) {
            if (length != LEGACY_KIND_LENGTH || left < LEGACY_KIND_LENGTH) {
                throw MjrException.header(name, MAGIC_LENGTH, "legacy header length " + length + " (expected "
                        + LEGACY_KIND_LENGTH + ", \"audio\"/\"video\"/\"data\")");
            }
            byte[] kind = new byte[LEGACY_KIND_LENGTH];
            readFully(kind, LEGACY_KIND_LENGTH);
            MjrMediaKind k = MjrMediaKind.of(String.valueOf((char) kind[0]));
            if (k == null) {
                throw MjrException.header(name, MAGIC_LENGTH + 2, "legacy header: unknown media kind "
                        + printable(kind, LEGACY_KIND_LENGTH));
            }
            return MjrHeader.legacy(k, pos);
        }
        throw MjrException.header(name, 0, "not an .mjr recording: starts with " + printable(magic, MAGIC_LENGTH)
                + " (" + HexFormat.of().formatHex(magic, 0, MAGIC_LENGTH) + "), expected MJR00002, MJR00001 or MEETECHO");
    }

    private void readFully(byte[] b, int n) throws IOException {
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                failed = true;
                throw new EOFException(name + ": file shrank while reading, at byte " + (pos + off));
            }
            off += r;
        }
        pos += n;
    }

    private static String printable(byte[] b, int n) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return sb.append('\'').toString();
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
