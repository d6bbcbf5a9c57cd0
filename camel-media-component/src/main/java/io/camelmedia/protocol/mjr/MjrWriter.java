package io.camelmedia.protocol.mjr;

import io.camelmedia.protocol.rtp.RtpPacket;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes one track as an {@code MJR00002} recording, as Janus's {@code record.c} does: the magic, the JSON
 * info header (written with the first packet, when {@code u} is known), then one {@code MEET} record per
 * packet with its arrival offset in ms after {@code u}. One writer per track; janus-pp-rec reads the result.
 *
 * <p>Times are wall-clock µs since the Unix epoch, given by the caller with each packet (the arrival time
 * for live RTP, or the original arrival when re-recording). Not thread-safe.
 */
public final class MjrWriter implements Closeable {
    /** Largest message a data record can carry: the 16-bit record length minus the 8-byte time. */
    public static final int MAX_DATA_MESSAGE_LENGTH = MjrReader.MAX_RECORD_LENGTH - MjrTrackReader.DATA_TIME_LENGTH;
    private static final long MAX_ARRIVAL_MILLIS = 0xFFFF_FFFFL;

    private final OutputStream out;
    private final String name;
    private final MjrHeader template;
    private final byte[] recordHeader = new byte[MjrReader.RECORD_HEADER_LENGTH];
    private MjrHeader written;
    private long records;
    private boolean closed;

    /**
     * @param header t, c and optionally f, d, x, or, e, s, u; a missing {@code s} (-1) becomes the first
     *               packet's time, a missing {@code u} the first packet's time
     */
    public MjrWriter(OutputStream out, String name, MjrHeader header) {
        this.out = Objects.requireNonNull(out, "out");
        this.name = Objects.requireNonNull(name, "name");
        this.template = Objects.requireNonNull(header, "header");
        MjrCodec c = header.codec(name);
        Objects.requireNonNull(c);
    }

    /** Creates (or truncates) {@code file} and writes to it. */
    public static MjrWriter create(Path file, MjrHeader header) throws IOException {
        return new MjrWriter(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024),
                file.getFileName().toString(), header);
    }

    /**
     * Appends one RTP packet received at {@code wallMicros}.
     *
     * @throws IllegalArgumentException when the packet is longer than {@link MjrTrackReader#MAX_RTP_RECORD_LENGTH}
     *                                  (janus-pp-rec would skip it) or this is a data recording
     */
    public void write(RtpPacket packet, long wallMicros) throws IOException {
        if (template.kind() == MjrMediaKind.DATA) {
            throw new IllegalArgumentException(name + ": a data recording takes messages (writeData), not RTP");
        }
        int len = packet.encodedLength();
        if (len > MjrTrackReader.MAX_RTP_RECORD_LENGTH) {
            throw new IllegalArgumentException(name + ": RTP packet of " + len + " bytes exceeds "
                    + MjrTrackReader.MAX_RTP_RECORD_LENGTH + " (janus-pp-rec skips such records)");
        }
        writeRecordHeader(wallMicros, len);
        out.write(packet.encode());
        records++;
    }

    /** Appends one data-channel message received at {@code wallMicros} (data recordings only). */
    public void writeData(byte[] message, long wallMicros) throws IOException {
        if (template.kind() != MjrMediaKind.DATA) {
            throw new IllegalArgumentException(name + ": only a data recording takes messages");
        }
        if (message.length > MAX_DATA_MESSAGE_LENGTH) {
            throw new IllegalArgumentException(name + ": data message of " + message.length + " bytes exceeds "
                    + MAX_DATA_MESSAGE_LENGTH);
        }
        writeRecordHeader(wallMicros, message.length + MjrTrackReader.DATA_TIME_LENGTH);
        byte[] when = new byte[MjrTrackReader.DATA_TIME_LENGTH];
        for (int i = 0; i < when.length; i++) {
            when[i] = (byte) (wallMicros >>> (56 - 8 * i));
        }
        out.write(when);
        out.write(message);
        records++;
    }

    /** The header as written (with its {@code s} and {@code u}), or null before the first record. */
    public MjrHeader header() {
        return written;
    }

    public long records() {
        return records;
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Closes the file; a recording without any packet still gets its header (with {@code u = s}). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (written == null) {
                long s = template.createdMicros() >= 0 ? template.createdMicros() : System.currentTimeMillis() * 1000;
                writeHeader(s);
            }
        } finally {
            out.close();
        }
    }

    private void writeRecordHeader(long wallMicros, int length) throws IOException {
        if (closed) {
            throw new IOException(name + ": writer is closed");
        }
        if (written == null) {
            writeHeader(wallMicros);
        }
        long arrival = Math.max(0, Math.min(MAX_ARRIVAL_MILLIS, Math.floorDiv(wallMicros - written.firstPacketMicros(), 1000)));
        byte[] h = recordHeader;
        h[0] = 'M';
        h[1] = 'E';
        h[2] = 'E';
        h[3] = 'T';
        h[4] = (byte) (arrival >>> 24);
        h[5] = (byte) (arrival >>> 16);
        h[6] = (byte) (arrival >>> 8);
        h[7] = (byte) arrival;
        h[8] = (byte) (length >>> 8);
        h[9] = (byte) length;
        out.write(h);
    }

    private void writeHeader(long firstMicros) throws IOException {
        long u = template.firstPacketMicros() >= 0 ? template.firstPacketMicros() : firstMicros;
        long s = template.createdMicros() >= 0 ? template.createdMicros() : u;
        MjrHeader h = new MjrHeader(MjrFormat.MJR00002, template.kind(), template.codecName(), template.fmtp(),
                template.data(), template.extensions(), s, u, template.opusRedPayloadType(), template.e2ee(), null, -1);
        byte[] json = h.toJson().getBytes(StandardCharsets.UTF_8);
        if (json.length > MjrReader.MAX_INFO_HEADER_LENGTH) {
            throw new IllegalArgumentException(name + ": info header of " + json.length + " bytes exceeds "
                    + MjrReader.MAX_INFO_HEADER_LENGTH);
        }
        out.write(MjrFormat.MJR00002.magic().getBytes(StandardCharsets.US_ASCII));
        out.write(json.length >>> 8);
        out.write(json.length);
        out.write(json);
        long recordsAt = MjrReader.MAGIC_LENGTH + 2L + json.length;
        written = new MjrHeader(MjrFormat.MJR00002, h.kind(), h.codecName(), h.fmtp(), h.data(), h.extensions(), s, u,
                h.opusRedPayloadType(), h.e2ee(), new String(json, StandardCharsets.UTF_8), recordsAt);
    }
}
