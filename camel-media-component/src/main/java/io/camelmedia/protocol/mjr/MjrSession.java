package io.camelmedia.protocol.mjr;

import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnitType;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.payload.Depacketizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recordings of one Janus session (an audio, a video and/or a data {@code .mjr}, paired by name with an
 * {@link MjrNaming}) replayed as ONE stream: a {@link MediaListener} gets {@code started} with every track,
 * the frames of all tracks merged in time order, then {@code ended}.
 *
 * <p>Timeline: each track's first packet is placed at its wall-clock time ({@link MjrTimeline}); the
 * earliest track starts at 0 and the others at their offset from it, so audio and video stay in sync even
 * when the recordings started at different moments. Frame pts are in the track's RTP clock (90 kHz video,
 * 48 kHz Opus, 8 kHz G.711/G.722 (RFC 3551), 16/48 kHz L16; data messages in ms) and equal dts (WebRTC
 * senders use no B-frames; RTP carries presentation time only).
 *
 * <p>Tracks: video id {@value #VIDEO_TRACK_ID}, audio {@value #AUDIO_TRACK_ID}, data {@value #DATA_TRACK_ID}.
 * The video Track's configuration comes from its first key frame (H.264: avcC from the in-band SPS/PPS;
 * VP9/AV1: the picture size); Opus is announced with a 2-channel OpusHead without pre-skip (RTP does not
 * carry the encoder delay).
 *
 * <p>Damage: header errors (empty file, broken JSON, unknown codec, no depacketizer) throw {@link MjrException}
 * before {@code started}. Damage later in a file ends that track where it is: every frame before it is
 * delivered, and {@code ended}'s reason names the damage. Each file is read whole into memory (bounded by
 * {@link MjrTrackReader#DEFAULT_MAX_BYTES}).
 */
public final class MjrSession {
    public static final int VIDEO_TRACK_ID = 1;
    public static final int AUDIO_TRACK_ID = 2;
    public static final int DATA_TRACK_ID = 3;
    /** Reason given to {@link MediaListener#ended} after a clean replay. */
    public static final String END_OF_RECORDING = "end of recording";

    private final String name;
    private final List<Path> files;

    private MjrSession(String name, List<Path> files) {
        this.name = Objects.requireNonNull(name, "name");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a session needs at least one recording");
        }
        this.files = List.copyOf(files);
    }

    /** A session of the given files (at most one per kind: audio, video, data), published as {@code name}. */
    public static MjrSession of(String name, List<Path> files) {
        return new MjrSession(name, files);
    }

    /**
     * The session {@code file} belongs to: its siblings named by {@code naming} that exist. A file that
     * matches no suffix makes a session of its own, named after the file without {@code .mjr}.
     */
    public static MjrSession find(Path file, MjrNaming naming) {
        String n = naming.sessionName(file);
        if (n == null) {
            String f = file.getFileName().toString();
            return new MjrSession(f.endsWith(".mjr") ? f.substring(0, f.length() - 4) : f, List.of(file));
        }
        Path dir = file.toAbsolutePath().getParent();
        List<Path> found = new ArrayList<>();
        for (Path p : List.of(naming.video(dir, n), naming.audio(dir, n), naming.data(dir, n))) {
            if (Files.isRegularFile(p)) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            found.add(file);
        }
        return new MjrSession(n, found);
    }

    public String name() {
        return name;
    }

    public List<Path> files() {
        return files;
    }

    /** Replays as fast as possible. */
    public MjrSessionResult play(MediaListener listener, DepacketizerFactory depacketizers)
            throws IOException, InterruptedException {
        return play(listener, depacketizers, Pacer.asFastAsPossible());
    }

    /**
     * Reads the recordings, then delivers {@code started}, the frames and {@code ended} to {@code listener}
     * on the calling thread, each frame when {@code pacer} lets it go.
     *
     * @throws MjrException when a file's header is unusable, two files are of one kind, or a codec has no depacketizer
     */
    public MjrSessionResult play(MediaListener listener, DepacketizerFactory depacketizers, Pacer pacer)
            throws IOException, InterruptedException {
        List<MjrTrack> recordings = readAll();
        long origin = Long.MAX_VALUE;
        for (MjrTrack t : recordings) {
            long w = wallStart(t);
            if (w != Long.MIN_VALUE) {
                origin = Math.min(origin, w);
            }
        }
        List<Source> sources = new ArrayList<>();
        for (MjrTrack t : recordings) {
            long w = wallStart(t);
            long start = w == Long.MIN_VALUE || origin == Long.MAX_VALUE ? 0 : w - origin;
            sources.add(source(t, depacketizers, start, origin == Long.MAX_VALUE ? 0 : origin));
        }
        sources.sort((a, b) -> Integer.compare(a.track.id(), b.track.id()));
        Map<String, Object> meta = new LinkedHashMap<>();
        for (Source s : sources) {
            meta.put("mjr." + s.recording.header().kind().name().toLowerCase(java.util.Locale.ROOT), s.recording.name());
            if (s.recording.header().rawJson() != null) {
                meta.put("mjr." + s.recording.header().kind().name().toLowerCase(java.util.Locale.ROOT) + ".header",
                        s.recording.header().rawJson());
            }
        }
        listener.started(new StreamInfo(name, sources.stream().map(s -> s.track).toList(), meta));
        deliver(listener, pacer, sources);
        MjrException damage = recordings.stream().map(MjrTrack::damage).filter(Objects::nonNull).findFirst().orElse(null);
        listener.ended(name, damage == null ? END_OF_RECORDING : "recording damaged: " + damage.getMessage());
        List<MjrSessionResult.TrackResult> results = new ArrayList<>();
        for (Source s : sources) {
            results.add(new MjrSessionResult.TrackResult(s.recording, s.track,
                    s.frames == null ? null : s.frames.depacketizer().stats(), s.delivered, s.startMicros));
        }
        return new MjrSessionResult(name, results);
    }

    private List<MjrTrack> readAll() throws IOException {
        List<MjrTrack> out = new ArrayList<>();
        for (Path f : files) {
            MjrTrack t = MjrTrackReader.read(f);
            for (MjrTrack o : out) {
                if (o.header().kind() == t.header().kind()) {
                    throw new MjrException(t.name(), -1, "a session takes one " + t.header().kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " recording; " + o.name() + " is one already");
                }
            }
            out.add(t);
        }
        return out;
    }

    private static long wallStart(MjrTrack t) {
        return t.codec().codec() == Codec.DATA ? MjrTimeline.firstMessageWallMicros(t) : MjrTimeline.firstPacketWallMicros(t);
    }

    private Source source(MjrTrack t, DepacketizerFactory factory, long startMicros, long originMicros) {
        if (t.codec().codec() == Codec.DATA) {
            return new Source(t, Track.builder(DATA_TRACK_ID, Codec.DATA).build(), null, startMicros, originMicros);
        }
        Depacketizer d = factory.create(t.codec(), t.header());
        if (d == null) {
            throw new MjrException(t.name(), -1, "no depacketizer for codec '" + t.header().codecName() + "'");
        }
        MjrTrackFrames frames = new MjrTrackFrames(t, d, MjrTimeline.microsToTicks(startMicros, t.clockRate()));
        Track track = baseTrack(t);
        if (track.mediaType() == io.camelmedia.frame.MediaType.VIDEO) {
            track = withKeyframeConfig(track, frames.peek());
        }
        return new Source(t, track, frames, startMicros, originMicros);
    }

    private static Track baseTrack(MjrTrack t) {
        MjrCodec c = t.codec();
        return switch (c) {
            case OPUS, MULTIOPUS -> TrackConfigs.track(AUDIO_TRACK_ID, Codec.OPUS, OpusHead.of(2, 0, 48_000).encode());
            case G711, PCMU, PCMA -> Track.builder(AUDIO_TRACK_ID, g711Codec(t)).clockRate(8000).sampleRate(8000).channels(1).build();
            case G722 -> Track.builder(AUDIO_TRACK_ID, Codec.G722).clockRate(8000).sampleRate(16_000).channels(1).build();
            case L16, L16_48K -> Track.builder(AUDIO_TRACK_ID, Codec.L16).clockRate(c.clockRate()).sampleRate(c.clockRate()).channels(1).build();
            default -> Track.builder(VIDEO_TRACK_ID, c.codec()).build();
        };
    }

    /** "g711" names no law: the static payload type of the first packet tells (RFC 3551: 0 μ-law, 8 A-law). */
    private static Codec g711Codec(MjrTrack t) {
        if (t.codec() != MjrCodec.G711) {
            return t.codec().codec();
        }
        return !t.packets().isEmpty() && t.packets().get(0).rtp().payloadType() == 8 ? Codec.PCMA : Codec.PCMU;
    }

    private static Track withKeyframeConfig(Track base, MjrTrackFrames.Timed first) {
        if (first == null || !first.keyframe()) {
            return base;
        }
        try {
            if (base.codec() == Codec.H264 && first.format() == BitstreamFormat.AVCC) {
                NalUnits units = Avcc.split(first.payload());
                List<byte[]> sps = new ArrayList<>();
                List<byte[]> pps = new ArrayList<>();
                for (int i = 0; i < units.count(); i++) {
                    int type = units.header(i) & 0x1F;
                    if (type == NalUnitType.SPS) {
                        sps.add(units.copy(i));
                    } else if (type == NalUnitType.PPS) {
                        pps.add(units.copy(i));
                    }
                }
                if (!sps.isEmpty() && !pps.isEmpty()) {
                    return TrackConfigs.track(base.id(), Codec.H264, AvcDecoderConfigurationRecord.of(sps, pps).encode());
                }
                return base;
            }
            return TrackConfigs.withKeyframeInfo(base, first.payload());
        } catch (RuntimeException e) {
            return base; // a malformed first key frame leaves the track without configuration; frames still flow
        }
    }

    private void deliver(MediaListener listener, Pacer pacer, List<Source> sources) throws InterruptedException {
        while (true) {
            Source best = null;
            long bestMicros = Long.MAX_VALUE;
            for (Source s : sources) {
                long m = s.nextMicros();
                if (m < bestMicros) {
                    bestMicros = m;
                    best = s;
                }
            }
            if (best == null) {
                return;
            }
            pacer.await(bestMicros);
            listener.frame(name, best.take());
        }
    }

    /** One track's frames on the session timeline. */
    private static final class Source {
        final MjrTrack recording;
        final Track track;
        final MjrTrackFrames frames;
        final long startMicros;
        final long originMicros;
        int nextMessage;
        long delivered;

        Source(MjrTrack recording, Track track, MjrTrackFrames frames, long startMicros, long originMicros) {
            this.recording = recording;
            this.track = track;
            this.frames = frames;
            this.startMicros = startMicros;
            this.originMicros = originMicros;
        }

        /** µs of the next frame, or Long.MAX_VALUE when done. */
        long nextMicros() {
            if (frames == null) {
                return nextMessage < recording.messages().size()
                        ? recording.messages().get(nextMessage).wallMicros() - originMicros : Long.MAX_VALUE;
            }
            MjrTrackFrames.Timed t = frames.peek();
            return t == null ? Long.MAX_VALUE : MjrTimeline.ticksToMicros(t.pts(), track.clockRate());
        }

        MediaFrame take() {
            delivered++;
            if (frames == null) {
                MjrDataMessage m = recording.messages().get(nextMessage++);
                long ms = Math.floorDiv(m.wallMicros() - originMicros, 1000);
                return MediaFrame.of(track, ms, ms, true, BitstreamFormat.RAW, m.data().clone());
            }
            MjrTrackFrames.Timed t = frames.take();
            return MediaFrame.of(track, t.pts(), t.pts(), t.keyframe(), t.format(), t.payload());
        }
    }
}
