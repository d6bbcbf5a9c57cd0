package io.camelmedia.format.frames;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.format.amf.Amf0Decoder;
import io.camelmedia.format.amf.Amf0Encoder;
import io.camelmedia.format.amf.AmfException;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Writes and parses frame records (version 1, big-endian):
 * <pre>
 * record  = "CMF" version:u8 event:u8 path:str16 body
 * STARTED = info
 * FRAME   = flags:u8 (1 key frame, 2 info follows) format:u8 track:i32 pts:i64 dts:i64 [info] payload:bytes32
 * ENDED   = reason:str16 hasInfo:u8 [info]
 * info    = tracks:u8 { id:i32 codec:str8 clockRate:i32 width:i32 height:i32 sampleRate:i32 channels:i32
 *           config:bytes32 } metadata:bytes32 (one AMF0 object)
 * </pre>
 * A frame's payload runs to the end of the record, so a record is exactly as long as it says. Every length is
 * checked against what is left and against a fixed bound before anything is allocated.
 */
public final class FrameRecords {
    public static final int VERSION = 1;
    static final int MAX_PATH = 1024;
    static final int MAX_REASON = 4096;
    static final int MAX_TRACKS = 64;
    static final int MAX_CODEC_NAME = 16;
    private static final byte[] MAGIC = {'C', 'M', 'F'};
    private static final int FLAG_KEYFRAME = 1;
    private static final int FLAG_INFO = 2;
    /** magic, version, event, path length. */
    private static final int HEAD = 3 + 1 + 1 + 2;
    /** flags, format, track, pts, dts, payload length. */
    private static final int FRAME_FIXED = 1 + 1 + 4 + 8 + 8 + 4;
    private static final Codec[] CODECS = Codec.values();
    private static final BitstreamFormat[] FORMATS = BitstreamFormat.values();
    private static final MediaEvent[] EVENTS = MediaEvent.values();

    private FrameRecords() {
    }

    /** True when {@code bytes} starts like a frame record (of any version). */
    public static boolean looksLikeRecord(byte[] bytes, int offset, int length) {
        return length >= HEAD && bytes[offset] == MAGIC[0] && bytes[offset + 1] == MAGIC[1] && bytes[offset + 2] == MAGIC[2];
    }

    public static byte[] started(StreamInfo info) {
        ByteBuf infoBlock = info(info);
        byte[] path = utf8(info.path(), MAX_PATH, "path");
        ByteBuf out = exact(HEAD + path.length + infoBlock.readableBytes());
        head(out, MediaEvent.STARTED, path);
        out.writeBytes(infoBlock);
        return out.array();
    }

    /** A frame, with the stream's description when {@code info} is not null (so a reader can join here). */
    public static byte[] frame(String path, MediaFrame frame, StreamInfo info) {
        ByteBuf infoBlock = info == null ? Unpooled.EMPTY_BUFFER : info(info);
        byte[] pathBytes = utf8(path, MAX_PATH, "path");
        ByteBuf out = exact(HEAD + pathBytes.length + FRAME_FIXED + infoBlock.readableBytes() + frame.payloadLength());
        head(out, MediaEvent.FRAME, pathBytes);
        out.writeByte((frame.keyframe() ? FLAG_KEYFRAME : 0) | (info == null ? 0 : FLAG_INFO));
        out.writeByte(frame.format().ordinal());
        out.writeInt(frame.track().id());
        out.writeLong(frame.pts());
        out.writeLong(frame.dts());
        out.writeBytes(infoBlock);
        out.writeInt(frame.payloadLength());
        int at = out.writerIndex();
        frame.copyPayload(0, out.array(), at, frame.payloadLength());
        out.writerIndex(at + frame.payloadLength());
        return out.array();
    }

    public static byte[] ended(String path, String reason, StreamInfo last) {
        ByteBuf infoBlock = last == null ? Unpooled.EMPTY_BUFFER : info(last);
        byte[] pathBytes = utf8(path, MAX_PATH, "path");
        byte[] reasonBytes = utf8(reason == null ? "" : truncate(reason), MAX_REASON, "reason");
        ByteBuf out = exact(HEAD + pathBytes.length + 2 + reasonBytes.length + 1 + infoBlock.readableBytes());
        head(out, MediaEvent.ENDED, pathBytes);
        out.writeShort(reasonBytes.length).writeBytes(reasonBytes);
        out.writeByte(last == null ? 0 : 1);
        out.writeBytes(infoBlock);
        return out.array();
    }

    /**
     * Parses one record. A FRAME's payload is not copied: {@link Parsed#frame(Track)} makes a frame over the
     * region of {@code bytes} it occupies, so the caller must not change the array afterwards.
     */
    public static Parsed parse(byte[] bytes, int offset, int length) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes, offset, length);
        try {
            return parse(in, bytes, offset);
        } catch (IndexOutOfBoundsException e) {
            throw new FrameRecordException("frame record truncated: " + length + " bytes");
        }
    }

    private static Parsed parse(ByteBuf in, byte[] bytes, int offset) {
        if (!looksLikeRecord(bytes, offset, in.readableBytes())) {
            throw new FrameRecordException("not a frame record: it does not start with \"CMF\"");
        }
        in.skipBytes(3);
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new FrameRecordException("frame record version " + version + " is not supported (this reader reads "
                    + VERSION + ")");
        }
        int event = in.readUnsignedByte();
        if (event >= EVENTS.length) {
            throw new FrameRecordException("frame record: unknown event " + event);
        }
        String path = str(in, in.readUnsignedShort(), MAX_PATH, "path");
        if (path.isEmpty()) {
            throw new FrameRecordException("frame record: empty stream path");
        }
        return switch (EVENTS[event]) {
            case STARTED -> {
                StreamInfo info = info(in, path);
                end(in);
                yield new Parsed(MediaEvent.STARTED, path, info, null, null, 0, false, 0, 0, 0, 0);
            }
            case FRAME -> {
                int flags = in.readUnsignedByte();
                int format = in.readUnsignedByte();
                if (format >= FORMATS.length) {
                    throw new FrameRecordException("frame record: unknown bitstream format " + format);
                }
                int track = in.readInt();
                long pts = in.readLong();
                long dts = in.readLong();
                StreamInfo info = (flags & FLAG_INFO) != 0 ? info(in, path) : null;
                int payload = in.readInt();
                if (payload != in.readableBytes()) {
                    throw new FrameRecordException("frame record: payload of " + payload + " bytes, but "
                            + in.readableBytes() + " follow");
                }
                yield new Parsed(MediaEvent.FRAME, path, info, null, FORMATS[format], track, (flags & FLAG_KEYFRAME) != 0,
                        pts, dts, offset + in.readerIndex(), payload);
            }
            case ENDED -> {
                String reason = str(in, in.readUnsignedShort(), MAX_REASON, "reason");
                StreamInfo info = in.readUnsignedByte() != 0 ? info(in, path) : null;
                end(in);
                yield new Parsed(MediaEvent.ENDED, path, info, reason, null, 0, false, 0, 0, 0, 0);
            }
        };
    }

    /** One parsed record. {@code info} is the STARTED description, a FRAME's embedded one, or ENDED's last one. */
    public record Parsed(MediaEvent event, String path, StreamInfo info, String reason, BitstreamFormat format,
                         int trackId, boolean keyframe, long pts, long dts, int payloadOffset, int payloadLength) {

        /** The FRAME as a frame of {@code track}, over the record's own bytes. */
        public MediaFrame frame(Track track, byte[] record) {
            return MediaFrame.of(track, pts, dts, keyframe, format, record, payloadOffset, payloadLength);
        }
    }

    private static void head(ByteBuf out, MediaEvent event, byte[] path) {
        out.writeBytes(MAGIC).writeByte(VERSION).writeByte(event.ordinal());
        out.writeShort(path.length).writeBytes(path);
    }

    private static ByteBuf info(StreamInfo info) {
        if (info.tracks().size() > MAX_TRACKS) {
            throw new IllegalArgumentException("frame record: more than " + MAX_TRACKS + " tracks in " + info.path());
        }
        ByteBuf out = Unpooled.buffer(256);
        out.writeByte(info.tracks().size());
        for (Track t : info.tracks()) {
            byte[] codec = t.codec().name().getBytes(StandardCharsets.US_ASCII);
            out.writeInt(t.id()).writeByte(codec.length).writeBytes(codec);
            out.writeInt(t.clockRate()).writeInt(t.width()).writeInt(t.height()).writeInt(t.sampleRate()).writeInt(t.channels());
            out.writeInt(t.configLength()).writeBytes(t.config());
        }
        int at = out.writerIndex();
        out.writeInt(0);
        if (!info.metadata().isEmpty()) {
            Amf0Encoder.encode(out, encodable(info.metadata()));
        }
        out.setInt(at, out.writerIndex() - at - 4);
        return out;
    }

    private static StreamInfo info(ByteBuf in, String path) {
        int count = in.readUnsignedByte();
        if (count > MAX_TRACKS) {
            throw new FrameRecordException("frame record: " + count + " tracks, at most " + MAX_TRACKS);
        }
        List<Track> tracks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int id = in.readInt();
            String name = str(in, in.readUnsignedByte(), MAX_CODEC_NAME, "codec");
            Codec codec = codec(name);
            int clockRate = in.readInt();
            int width = in.readInt();
            int height = in.readInt();
            int sampleRate = in.readInt();
            int channels = in.readInt();
            byte[] config = bytes(in, "codec configuration");
            try {
                tracks.add(Track.builder(id, codec).clockRate(clockRate).width(width).height(height)
                        .sampleRate(sampleRate).channels(channels).config(config).build());
            } catch (IllegalArgumentException e) {
                throw new FrameRecordException("frame record: track " + id + ": " + e.getMessage());
            }
        }
        int metadataLength = in.readInt();
        Map<String, Object> metadata = Map.of();
        if (metadataLength != 0) {
            ByteBuf amf = slice(in, metadataLength, "metadata");
            try {
                Object value = Amf0Decoder.DEFAULT.decode(amf);
                if (!(value instanceof Map<?, ?> map) || amf.isReadable()) {
                    throw new FrameRecordException("frame record: metadata is not one AMF0 object");
                }
                metadata = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    metadata.put(String.valueOf(e.getKey()), e.getValue());
                }
            } catch (AmfException e) {
                throw new FrameRecordException("frame record: metadata: " + e.getMessage());
            }
        }
        return new StreamInfo(path, tracks, metadata);
    }

    private static Codec codec(String name) {
        for (Codec c : CODECS) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new FrameRecordException("frame record: unknown codec '" + name + "'");
    }

    /** Metadata as AMF0 can carry it: numbers, booleans, text, maps and lists of them; anything else as text. */
    private static Object encodable(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof CharSequence) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), encodable(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FrameRecords::encodable).toList();
        }
        return value.toString();
    }

    private static ByteBuf exact(int size) {
        return Unpooled.buffer(size, size);
    }

    private static byte[] utf8(String s, int max, String what) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > max) {
            throw new IllegalArgumentException("frame record: " + what + " longer than " + max + " bytes");
        }
        return b;
    }

    private static String truncate(String reason) {
        return ByteBufUtil.utf8Bytes(reason) <= MAX_REASON ? reason : reason.substring(0, MAX_REASON / 4);
    }

    private static String str(ByteBuf in, int length, int max, String what) {
        if (length > max) {
            throw new FrameRecordException("frame record: " + what + " of " + length + " bytes, at most " + max);
        }
        return slice(in, length, what).toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuf in, String what) {
        int length = in.readInt();
        byte[] b = new byte[slice(in, length, what).readableBytes()];
        in.getBytes(in.readerIndex() - b.length, b);
        return b;
    }

    /** The next {@code length} bytes, checked against what is left before anything is allocated. */
    private static ByteBuf slice(ByteBuf in, int length, String what) {
        if (length < 0 || length > in.readableBytes()) {
            throw new FrameRecordException("frame record: " + what + " of " + Integer.toUnsignedString(length)
                    + " bytes, but " + in.readableBytes() + " are left");
        }
        return in.readSlice(length);
    }

    private static void end(ByteBuf in) {
        if (in.isReadable()) {
            throw new FrameRecordException("frame record: " + in.readableBytes() + " bytes after the end");
        }
    }
}
