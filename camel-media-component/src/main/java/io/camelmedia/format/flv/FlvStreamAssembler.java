package io.camelmedia.format.flv;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;

/**
 * Turns the FLV tag bodies of one live stream (RTMP messages of type 8 audio / 9 video, or the tags of
 * an FLV file) into the stream's life: {@code started(StreamInfo)}, frames, {@code ended}.
 *
 * <p>Tracks: video is track id 1, audio is track id 2. Video pts/dts are on a 90 kHz clock
 * ({@code dts = ms * 90}, {@code pts = (ms + compositionTime) * 90}); audio is on its sample rate
 * ({@code round(ms * rate / 1000)}). H.264/H.265 frames are {@code AVCC} with 4-byte lengths.
 *
 * <p>STARTED is sent once every track that onMetaData announced has its sequence header (or, without
 * metadata, at the first coded frame), and before any frame; frames that arrive before that are held,
 * boundedly. Not thread-safe: one stream, one thread (its connection's event loop).
 *
 * <h2>Exact behaviour</h2>
 * <ul>
 * <li><b>Announced tracks.</b> onMetaData announces video when it has a {@code videocodecid} that is a
 * non-zero number or a non-empty string (legacy CodecID such as 7, or an Enhanced RTMP FourCC as a number:
 * ffmpeg 8 writes 'hvc1' as 1752589105), and audio likewise with {@code audiocodecid} (10 AAC, 2 MP3,
 * 'Opus' as 1332770163). A track is "known" once its sequence header arrived, or, for codecs that need
 * none (MP3, Opus, AV1, VP9, VP8), once its first coded frame arrived.</li>
 * <li><b>STARTED.</b> With announced tracks: as soon as every announced track is known. Without metadata
 * (or metadata announcing nothing): at the first coded frame, with the tracks known then. Tracks that
 * become known after STARTED appear through their frames' {@link Track} (a listener sees a new Track).</li>
 * <li><b>Held frames.</b> Frames that arrive while announced tracks are still unknown are held, at most
 * {@value #MAX_HELD_FRAMES} frames and {@value #MAX_HELD_BYTES} payload bytes. The frame that would pass
 * either bound starts the stream anyway with the tracks known then, flushes the held frames in order and
 * is then delivered (a warning names the missing track).</li>
 * <li><b>Frames before their configuration.</b> H.264, H.265 and AAC frames that arrive before their
 * codec's sequence header cannot be decoded and are dropped (counted in {@link #droppedFrames()}).</li>
 * <li><b>Sequence headers.</b> Each one goes through {@code TrackConfigs.track(id, codec, record)}; a record
 * that differs from the current one makes a new Track with the same id, used by the frames that follow.
 * An identical repeat changes nothing. For H.264/H.265 the record's lengthSizeMinusOne is read so frames
 * with 1- or 2-byte NAL lengths are rewritten to 4-byte AVCC. Records over {@value #MAX_CONFIG_SIZE} bytes
 * or empty are refused.</li>
 * <li><b>Audio clock.</b> AAC and MP3 run on their sample rate (AAC: the AudioSpecificConfig's
 * samplingFrequencyIndex; MP3: the first frame header, a new Track when it changes); Opus on 48 kHz.</li>
 * <li><b>No media.</b> SequenceEnd / AVC end of sequence, command frames (FrameType 5), video Metadata
 * packets, MultichannelConfig, Opus comment headers and tracks other than trackId 0 of a multitrack
 * message are skipped (counted in {@link #ignoredPackets()}); empty bodies are ignored.</li>
 * <li><b>Limits.</b> A frame over {@code maxFrameSize} bytes (after AVCC rewriting) is refused with an
 * {@link FlvException}; so is any malformed body. The caller then closes the stream ({@link #end}).</li>
 * <li><b>End.</b> {@link #end} starts the stream first if frames are held, flushes them, then calls
 * {@code ended} if the stream had started. Idempotent; calls after it are ignored.</li>
 * <li><b>Metadata</b> is taken until STARTED (the last onMetaData wins) and becomes
 * {@link StreamInfo#metadata()}; later onMetaData is ignored.</li>
 * </ul>
 */
public final class FlvStreamAssembler {

    /** Default bound on one frame's payload (8 MiB, mediacommon's MaxAccessUnitSize: a 50 Mb/s 2160p60 IDR). */
    public static final int DEFAULT_MAX_FRAME_SIZE = 8 * 1024 * 1024;

    public static final int VIDEO_TRACK_ID = 1;
    public static final int AUDIO_TRACK_ID = 2;
    /** The clock of every video track: 90 kHz, as in MPEG-TS and RTP. */
    public static final int VIDEO_CLOCK_RATE = 90_000;

    /**
     * Frames held before STARTED: about 5 s of 60 fps video with 48 kHz AAC (60 + 47 frames a second).
     * A publisher that announced a track sends its sequence header before its first frames; 5 s without it
     * means it will not come.
     */
    public static final int MAX_HELD_FRAMES = 512;
    /** Payload bytes held before STARTED: 32 MiB, 5 s of a 50 Mb/s stream. */
    public static final long MAX_HELD_BYTES = 32L * 1024 * 1024;
    /**
     * Bound on one codec configuration record: 64 KiB. An avcC/hvcC carries a few parameter sets of at most
     * a few hundred bytes each; ffmpeg's HEVC record for 320x240 is 2.4 KB with its SEI prefix.
     */
    public static final int MAX_CONFIG_SIZE = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(FlvStreamAssembler.class.getName());
    private static final String VIDEO_CODEC_ID = "videocodecid";
    private static final String AUDIO_CODEC_ID = "audiocodecid";
    private static final int MS_PER_SECOND = 1000;
    private static final int VIDEO_TICKS_PER_MS = VIDEO_CLOCK_RATE / MS_PER_SECOND;
    private static final byte[] NO_CONFIG = new byte[0];

    private final String path;
    private final MediaListener listener;
    private final int maxFrameSize;

    private Map<String, Object> metadata;
    private boolean videoAnnounced;
    private boolean audioAnnounced;
    private Track videoTrack;
    private boolean videoKeyframeSeen;
    private Track audioTrack;
    private int nalLengthSize = NalUnitLength.TARGET_SIZE;
    private final ArrayDeque<MediaFrame> held = new ArrayDeque<>();
    private long heldBytes;
    private boolean started;
    private boolean ended;
    private long droppedFrames;
    private long ignoredPackets;

    /**
     * @param path         the stream's path (e.g. {@code live/cam1}), passed to the listener
     * @param listener     receives the stream's life
     * @param maxFrameSize largest frame payload accepted, in bytes (positive; see {@link #DEFAULT_MAX_FRAME_SIZE})
     */
    public FlvStreamAssembler(String path, MediaListener listener, int maxFrameSize) {
        if (path == null || listener == null) {
            throw new IllegalArgumentException("path and listener are required");
        }
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        this.path = path;
        this.listener = listener;
        this.maxFrameSize = maxFrameSize;
    }

    /** {@code @setDataFrame onMetaData} (or an FLV file's script tag): the object's properties. */
    public void metadata(Map<String, Object> properties) {
        if (started || ended || properties == null) {
            return;
        }
        metadata = new LinkedHashMap<>(properties);
        videoAnnounced = announces(properties.get(VIDEO_CODEC_ID));
        audioAnnounced = announces(properties.get(AUDIO_CODEC_ID));
        maybeStartOnTracks();
    }

    /**
     * One video tag body.
     *
     * @param timestampMs the tag's timestamp in milliseconds, already extended (never wraps)
     * @throws FlvException when the body is malformed; the stream should then be closed
     */
    public void video(long timestampMs, byte[] body, int offset, int length) {
        if (ended || length == 0) {
            return;
        }
        FlvMediaPacket packet = VideoData.decode(body, offset, length);
        switch (packet.kind()) {
            case SEQUENCE_START -> videoSequenceStart(packet, body);
            case CODED_FRAME -> videoFrame(timestampMs, packet, body);
            default -> ignore(packet);
        }
    }

    /** One audio tag body; see {@link #video}. */
    public void audio(long timestampMs, byte[] body, int offset, int length) {
        if (ended || length == 0) {
            return;
        }
        FlvMediaPacket packet = AudioData.decode(body, offset, length);
        switch (packet.kind()) {
            case SEQUENCE_START -> audioSequenceStart(packet, body);
            case CODED_FRAME -> audioFrame(timestampMs, packet, body);
            default -> ignore(packet);
        }
    }

    /** The publisher is gone: flush what is held, then {@code ended(path, reason)} (only if started). */
    public void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        if (!started && !held.isEmpty()) {
            start();
        }
        if (started) {
            listener.ended(path, reason);
        }
    }

    /** Frames dropped because their codec's configuration had not arrived. */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Tag bodies that carried nothing for the media pipeline (see the class comment). */
    public long ignoredPackets() {
        return ignoredPackets;
    }

    public boolean started() {
        return started;
    }

    private void videoSequenceStart(FlvMediaPacket packet, byte[] body) {
        byte[] config = configRecord(packet, body);
        int lengthSize = packet.codec().isNalBased() ? NalUnitLength.sizeOf(packet.codec(), config) : 0;
        Track track = TrackConfigs.track(VIDEO_TRACK_ID, packet.codec(), config);
        nalLengthSize = lengthSize;
        if (!track.equals(videoTrack)) {
            videoTrack = track;
        }
        maybeStartOnTracks();
    }

    private void audioSequenceStart(FlvMediaPacket packet, byte[] body) {
        byte[] config = configRecord(packet, body);
        Track track = audioClock(TrackConfigs.track(AUDIO_TRACK_ID, packet.codec(), config));
        if (!track.equals(audioTrack)) {
            audioTrack = track;
        }
        maybeStartOnTracks();
    }

    private void videoFrame(long timestampMs, FlvMediaPacket packet, byte[] body) {
        Codec codec = packet.codec();
        if (videoTrack == null || videoTrack.codec() != codec) {
            if (codec.isNalBased()) {
                drop("video", codec);
                return;
            }
            videoTrack = TrackConfigs.track(VIDEO_TRACK_ID, codec, NO_CONFIG);
        }
        int end = packet.dataOffset() + packet.dataLength();
        requireFrameSize(packet.dataLength(), "video");
        byte[] payload;
        BitstreamFormat format;
        if (codec.isNalBased()) {
            payload = NalUnitLength.toFourByteLengths(body, packet.dataOffset(), end, nalLengthSize);
            requireFrameSize(payload.length, "video (with 4-byte NAL lengths)");
            format = BitstreamFormat.AVCC;
        } else {
            payload = java.util.Arrays.copyOfRange(body, packet.dataOffset(), end);
            format = BitstreamFormat.RAW;
        }
        if (packet.keyframe() && !videoKeyframeSeen) {
            videoKeyframeSeen = true;
            videoTrack = sizedFromKeyframe(videoTrack, payload);
        }
        long dts = timestampMs * VIDEO_TICKS_PER_MS;
        long pts = (timestampMs + packet.compositionTime()) * VIDEO_TICKS_PER_MS;
        emit(MediaFrame.of(videoTrack, pts, dts, packet.keyframe(), format, payload));
    }

    private void audioFrame(long timestampMs, FlvMediaPacket packet, byte[] body) {
        Codec codec = packet.codec();
        int end = packet.dataOffset() + packet.dataLength();
        if (codec == Codec.MP3) {
            Mp3FrameHeader header = Mp3FrameHeader.decode(body, packet.dataOffset(), end);
            if (audioTrack == null || audioTrack.codec() != codec || audioTrack.sampleRate() != header.sampleRate()
                    || audioTrack.channels() != header.channels()) {
                audioTrack = TrackConfigs.track(AUDIO_TRACK_ID, codec, NO_CONFIG).toBuilder()
                        .sampleRate(header.sampleRate()).channels(header.channels()).clockRate(header.sampleRate())
                        .build();
            }
        } else if (audioTrack == null || audioTrack.codec() != codec) {
            if (codec == Codec.AAC) {
                drop("audio", codec);
                return;
            }
            audioTrack = TrackConfigs.track(AUDIO_TRACK_ID, codec, NO_CONFIG);
        }
        requireFrameSize(packet.dataLength(), "audio");
        byte[] payload = java.util.Arrays.copyOfRange(body, packet.dataOffset(), end);
        long ticks = Math.floorDiv(timestampMs * audioTrack.clockRate() + MS_PER_SECOND / 2, MS_PER_SECOND);
        emit(MediaFrame.of(audioTrack, ticks, ticks, true, BitstreamFormat.RAW, payload));
    }

    /**
     * VP9 (and AV1 without a sequence header in its av1C) tell their size only in a key frame: the stream
     * starts once the first one is seen, so STARTED carries the size. A key frame we cannot read leaves 0x0.
     */
    private Track sizedFromKeyframe(Track track, byte[] keyframe) {
        if (track.width() > 0 || track.codec().isNalBased()) {
            return track;
        }
        try {
            return TrackConfigs.withKeyframeInfo(track, keyframe);
        } catch (CodecException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> path + ": no picture size in the first key frame: " + e.getMessage());
            return track;
        }
    }

    private byte[] configRecord(FlvMediaPacket packet, byte[] body) {
        int length = packet.dataLength();
        if (length == 0 || length > MAX_CONFIG_SIZE) {
            throw new FlvException(packet.codec() + " sequence header: configuration record of " + length
                    + " bytes (must be 1.." + MAX_CONFIG_SIZE + ")");
        }
        return java.util.Arrays.copyOfRange(body, packet.dataOffset(), packet.dataOffset() + length);
    }

    private void requireFrameSize(int size, String what) {
        if (size > maxFrameSize) {
            throw new FlvException(what + " frame of " + size + " bytes exceeds maxFrameSize " + maxFrameSize);
        }
    }

    /** AAC tracks run on their sample rate, which TrackConfigs reads from the AudioSpecificConfig. */
    private static Track audioClock(Track track) {
        if (track.codec().defaultClockRate() != 0 || track.clockRate() == track.sampleRate()) {
            return track;
        }
        if (track.sampleRate() <= 0) {
            throw new FlvException(track.codec() + " sequence header: no sample rate in its configuration");
        }
        return track.toBuilder().clockRate(track.sampleRate()).build();
    }

    private void ignore(FlvMediaPacket packet) {
        ignoredPackets++;
        if (packet.note() != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> path + ": skipped " + packet.note());
        }
    }

    private void drop(String media, Codec codec) {
        droppedFrames++;
        if (droppedFrames == 1) {
            LOG.log(System.Logger.Level.WARNING, () -> path + ": " + media + " " + codec
                    + " frame before its sequence header dropped (further drops are only counted)");
        }
    }

    private static boolean announces(Object codecId) {
        if (codecId instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return codecId instanceof CharSequence s && s.length() > 0;
    }

    private boolean announcedTracksKnown() {
        return (!videoAnnounced || videoKnown()) && (!audioAnnounced || audioTrack != null);
    }

    /** A video track is known once configured, and, when its size is only in key frames, the first one came. */
    private boolean videoKnown() {
        return videoTrack != null && (videoTrack.width() > 0 || videoTrack.codec().isNalBased() || videoKeyframeSeen);
    }

    private void maybeStartOnTracks() {
        if (!started && (videoAnnounced || audioAnnounced) && announcedTracksKnown()) {
            start();
        }
    }

    private void emit(MediaFrame frame) {
        if (started) {
            listener.frame(path, frame);
            return;
        }
        if (!(videoAnnounced || audioAnnounced) || announcedTracksKnown()) {
            start();
            listener.frame(path, frame);
            return;
        }
        if (held.size() + 1 > MAX_HELD_FRAMES || heldBytes + frame.payloadLength() > MAX_HELD_BYTES) {
            LOG.log(System.Logger.Level.WARNING, () -> path + ": starting without the announced "
                    + (videoAnnounced && !videoKnown() ? "video " : "")
                    + (audioAnnounced && audioTrack == null ? "audio " : "")
                    + "track: " + held.size() + " frames (" + heldBytes + " bytes) held without its sequence header");
            start();
            listener.frame(path, frame);
            return;
        }
        held.addLast(frame);
        heldBytes += frame.payloadLength();
    }

    private void start() {
        List<Track> tracks = new ArrayList<>(2);
        if (videoTrack != null) {
            tracks.add(videoTrack);
        }
        if (audioTrack != null) {
            tracks.add(audioTrack);
        }
        started = true;
        listener.started(new StreamInfo(path, tracks, metadata));
        while (!held.isEmpty()) {
            listener.frame(path, held.pollFirst());
        }
        heldBytes = 0;
    }
}
