package io.camelmedia.frame;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One access unit of video or one frame of audio: the unit every endpoint and step exchanges.
 *
 * <p>Immutable. The payload array is owned by the frame: {@link #of} takes ownership of the array it is
 * given (the caller must not change it afterwards) and readers only ever see read-only views or copies,
 * so no reference counting crosses the Camel boundary and a dropped exchange can never leak.
 *
 * <p>{@code pts} and {@code dts} are in ticks of {@link Track#clockRate()}.
 */
public final class MediaFrame {
    private final Track track;
    private final long pts;
    private final long dts;
    private final boolean keyframe;
    private final BitstreamFormat format;
    private final byte[] data;
    private final int offset;
    private final int length;

    private MediaFrame(Track track, long pts, long dts, boolean keyframe, BitstreamFormat format,
                       byte[] data, int offset, int length) {
        this.track = Objects.requireNonNull(track, "track");
        this.format = Objects.requireNonNull(format, "format");
        Objects.checkFromIndexSize(offset, length, data.length);
        if (format != BitstreamFormat.RAW && !track.codec().isNalBased()) {
            throw new IllegalArgumentException(format + " framing is only for H.264/H.265, not " + track.codec());
        }
        this.pts = pts;
        this.dts = dts;
        this.keyframe = keyframe;
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    /** A frame over the whole of {@code payload}, which the frame now owns. */
    public static MediaFrame of(Track track, long pts, long dts, boolean keyframe, BitstreamFormat format,
                                byte[] payload) {
        return new MediaFrame(track, pts, dts, keyframe, format, payload, 0, payload.length);
    }

    /** A frame over {@code payload[offset, offset+length)}, which the frame now owns. */
    public static MediaFrame of(Track track, long pts, long dts, boolean keyframe, BitstreamFormat format,
                                byte[] payload, int offset, int length) {
        return new MediaFrame(track, pts, dts, keyframe, format, payload, offset, length);
    }

    public Track track() {
        return track;
    }

    public Codec codec() {
        return track.codec();
    }

    public long pts() {
        return pts;
    }

    public long dts() {
        return dts;
    }

    /** True when a decoder can start at this frame (IDR / IRAP / key frame; always true for audio). */
    public boolean keyframe() {
        return keyframe;
    }

    public BitstreamFormat format() {
        return format;
    }

    /** A read-only view of the payload, positioned at its first byte. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(data, offset, length).slice().asReadOnlyBuffer();
    }

    /** A fresh copy of the payload. */
    public byte[] payloadBytes() {
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        return copy;
    }

    public int payloadLength() {
        return length;
    }

    /** The payload byte at {@code index} (0-based within the payload). */
    public byte payloadByte(int index) {
        Objects.checkIndex(index, length);
        return data[offset + index];
    }

    /** Copies {@code len} payload bytes starting at {@code from} into {@code dst[dstOffset..]}. */
    public void copyPayload(int from, byte[] dst, int dstOffset, int len) {
        Objects.checkFromIndexSize(from, len, length);
        System.arraycopy(data, offset + from, dst, dstOffset, len);
    }

    public void writePayloadTo(OutputStream out) throws IOException {
        out.write(data, offset, length);
    }

    /** pts in microseconds. */
    public long ptsMicros() {
        return track.toMicros(pts);
    }

    public long dtsMicros() {
        return track.toMicros(dts);
    }

    /** The same frame on another track (e.g. after a parameter-set update), sharing the payload. */
    public MediaFrame withTrack(Track newTrack) {
        return new MediaFrame(newTrack, pts, dts, keyframe, format, data, offset, length);
    }

    /** The same timing on a new payload (owned by the new frame) in {@code newFormat}. */
    public MediaFrame withPayload(BitstreamFormat newFormat, byte[] newPayload) {
        return new MediaFrame(track, pts, dts, keyframe, newFormat, newPayload, 0, newPayload.length);
    }

    @Override
    public String toString() {
        return "MediaFrame[track=" + track.id() + " " + track.codec() + " pts=" + pts + " dts=" + dts
                + (keyframe ? " key" : "") + " " + format + " " + length + "B]";
    }
}
