package io.camelmedia.protocol.mjr;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.payload.Av1Packetizer;
import io.camelmedia.protocol.rtp.payload.FramePerPacketPacketizer;
import io.camelmedia.protocol.rtp.payload.H264Packetizer;
import io.camelmedia.protocol.rtp.payload.H265Packetizer;
import io.camelmedia.protocol.rtp.payload.Packetizer;
import io.camelmedia.protocol.rtp.payload.Vp8Packetizer;
import io.camelmedia.protocol.rtp.payload.Vp9Packetizer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records one stream's frames the way Janus does: one {@code MJR00002} file per track
 * ({@code <name>-video.mjr}, {@code -audio.mjr}, {@code -data.mjr} by {@link MjrNaming}), each frame
 * packetized with the RTP payload format of its codec (the same packetizers {@code rtp:} sends with) at a
 * {@value #MAX_PAYLOAD_SIZE}-byte payload, as Janus's 1200-byte MTU.
 *
 * <p>RTP headers are what Janus writes after its rewriting: sequence numbers from 1, timestamps from 0
 * (the frame pts converted to the codec's RTP clock), the SSRC of the track id; payload types 96 (video),
 * 111 (Opus), and the static 0/8/9 for PCMU/PCMA/G.722 (janus-pp-rec drops other types for those), 100 for L16.
 * Arrival times ({@code MEET}) are {@code startWallMicros} plus the frame's time on the stream timeline.
 * Not thread-safe.
 */
public final class MjrStreamWriter implements Closeable {
    /** RTP payload bytes per packet: Janus's default MTU of 1200 bytes leaves this after the 12-byte header. */
    public static final int MAX_PAYLOAD_SIZE = 1188;
    private static final int VIDEO_PT = 96;
    private static final int OPUS_PT = 111;
    private static final int L16_PT = 100;

    private final Map<Integer, Out> outs = new LinkedHashMap<>();
    private final long startWallMicros;
    private long skipped;

    /** One track's file. */
    private static final class Out {
        final Track track;
        final MjrCodec codec;
        final MjrWriter writer;
        final Packetizer packetizer;
        final Path file;
        int sequence = 1;
        long packets;

        Out(Track track, MjrCodec codec, MjrWriter writer, Packetizer packetizer, Path file) {
            this.track = track;
            this.codec = codec;
            this.writer = writer;
            this.packetizer = packetizer;
            this.file = file;
        }
    }

    /**
     * Opens one file per track Janus can record (others are skipped: see {@link #skipped()}).
     *
     * @param dir             where the files go (created if needed)
     * @param name            the session name the files are named after
     * @param startWallMicros wall-clock µs of the stream's time 0 ({@code s} and the arrivals count from it)
     * @throws IllegalArgumentException when no track can be recorded
     */
    public MjrStreamWriter(Path dir, String name, List<Track> tracks, MjrNaming naming, long startWallMicros)
            throws IOException {
        this.startWallMicros = startWallMicros;
        Files.createDirectories(dir);
        try {
            for (Track t : tracks) {
                open(dir, name, t, naming);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        if (outs.isEmpty()) {
            throw new IllegalArgumentException("none of the tracks " + tracks.stream().map(t -> t.codec().name()).toList()
                    + " can be recorded as .mjr");
        }
    }

    private void open(Path dir, String name, Track t, MjrNaming naming) throws IOException {
        MjrMediaKind kind = switch (t.mediaType()) {
            case VIDEO -> MjrMediaKind.VIDEO;
            case AUDIO -> MjrMediaKind.AUDIO;
            default -> MjrMediaKind.DATA;
        };
        MjrCodec codec = codecOf(t);
        if (codec == null || outs.values().stream().anyMatch(o -> o.codec.codec().mediaType() == t.mediaType()
                && (t.mediaType() != MediaType.DATA || o.codec == codec))) {
            return; // Janus records one track per kind
        }
        Path file = switch (kind) {
            case VIDEO -> naming.video(dir, name);
            case AUDIO -> naming.audio(dir, name);
            case DATA -> naming.data(dir, name);
        };
        MjrHeader header = MjrHeader.builder(kind, codec.janusName()).createdMicros(startWallMicros).build();
        outs.put(t.id(), new Out(t, codec, MjrWriter.create(file, header), packetizer(t.codec()), file));
    }

    private static MjrCodec codecOf(Track t) {
        return switch (t.codec()) {
            case H264 -> MjrCodec.H264;
            case H265 -> MjrCodec.H265;
            case VP8 -> MjrCodec.VP8;
            case VP9 -> MjrCodec.VP9;
            case AV1 -> MjrCodec.AV1;
            case OPUS -> MjrCodec.OPUS;
            case PCMU -> MjrCodec.PCMU;
            case PCMA -> MjrCodec.PCMA;
            case G722 -> MjrCodec.G722;
            case L16 -> t.clockRate() == 48_000 ? MjrCodec.L16_48K : MjrCodec.L16;
            case DATA -> MjrCodec.TEXT;
            default -> null;
        };
    }

    private static Packetizer packetizer(Codec codec) {
        return switch (codec) {
            case H264 -> new H264Packetizer();
            case H265 -> new H265Packetizer();
            case VP8 -> new Vp8Packetizer();
            case VP9 -> new Vp9Packetizer();
            case AV1 -> new Av1Packetizer();
            case DATA -> null;
            default -> new FramePerPacketPacketizer();
        };
    }

    private static int payloadType(MjrCodec c) {
        return switch (c) {
            case PCMU, G711 -> 0;
            case PCMA -> 8;
            case G722 -> 9;
            case OPUS, MULTIOPUS -> OPUS_PT;
            case L16, L16_48K -> L16_PT;
            default -> VIDEO_PT;
        };
    }

    /** Packetizes and writes one frame; frames of tracks without a file are counted in {@link #skipped()}. */
    public void write(MediaFrame frame) throws IOException {
        Out o = outs.get(frame.track().id());
        if (o == null) {
            skipped++;
            return;
        }
        long micros = Math.floorDiv(frame.pts() * 1_000_000L, Math.max(1, frame.track().clockRate()));
        long wall = startWallMicros + Math.max(0, micros);
        if (o.packetizer == null) {
            o.writer.writeData(frame.payloadBytes(), wall);
            o.packets++;
            return;
        }
        long rtpTs = Math.round(frame.pts() * (double) o.codec.clockRate() / Math.max(1, frame.track().clockRate()));
        List<byte[]> payloads = o.packetizer.packetize(frame, MAX_PAYLOAD_SIZE);
        for (int i = 0; i < payloads.size(); i++) {
            boolean last = i == payloads.size() - 1;
            RtpPacket p = RtpPacket.builder()
                    .payloadType(payloadType(o.codec))
                    .sequenceNumber(o.sequence)
                    .timestamp(rtpTs & 0xFFFF_FFFFL)
                    .ssrc(o.track.id())
                    .marker(last && o.track.mediaType() == MediaType.VIDEO)
                    .payload(payloads.get(i))
                    .build();
            o.sequence = (o.sequence + 1) & 0xFFFF;
            o.writer.write(p, wall);
            o.packets++;
        }
    }

    /** The files being written, in track order. */
    public List<Path> files() {
        List<Path> f = new ArrayList<>();
        outs.values().forEach(o -> f.add(o.file));
        return f;
    }

    /** Records written over all files. */
    public long records() {
        return outs.values().stream().mapToLong(o -> o.packets).sum();
    }

    /** Frames of tracks not recorded. */
    public long skipped() {
        return skipped;
    }

    /** Closes every file (the first error is thrown after all were tried). */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Out o : outs.values()) {
            try {
                o.writer.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
