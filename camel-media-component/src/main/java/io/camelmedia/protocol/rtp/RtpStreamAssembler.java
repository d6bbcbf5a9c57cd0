package io.camelmedia.protocol.rtp;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.payload.DepacketizedFrame;
import io.camelmedia.protocol.rtp.payload.PayloadFormats;
import io.camelmedia.protocol.rtp.rtcp.NtpTime;
import io.camelmedia.protocol.rtp.rtcp.SenderReport;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several RTP inputs (e.g. H.264 on 5000 and Opus on 5003) as ONE live stream with a track each, delivered to
 * a {@link MediaListener}: STARTED with a {@link StreamInfo} once every input has a track, the frames, ENDED on
 * {@link #close()} or after {@code inactivityTimeout} without an RTP packet on any input (the next packet then
 * starts the stream again).
 *
 * <p>Tracks: id = the input's position (1, 2, ...). A track is known from the SDP/options when they describe it
 * fully (H.264/H.265 with sprop parameter sets, Opus, AAC with config, G.711, VP8), else at the first key frame
 * (H.264/H.265 SPS/PPS in band; VP9/AV1 picture size). Frames that arrive before STARTED are held (at most
 * {@link #MAX_HELD_FRAMES} / {@link #MAX_HELD_BYTES}; past that the stream starts with the tracks it has).
 *
 * <p>Timeline: pts/dts (equal: RTP carries no decode time) are the unwrapped RTP timestamp minus a per-track
 * base. The base places a track's first frame at its capture time relative to the stream's origin (the arrival
 * of the stream's first frame): from the NTP time of its sender's RTCP Sender Report when one arrived (so tracks
 * from different senders line up as their senders' clocks say, RFC 3550 §6.4.1), else from the frame's
 * arrival. A base, once set, stays (no jumps); after an SSRC change the track continues from its last pts plus
 * the time that passed.
 *
 * <p>All inputs are bound on one event loop: callbacks need no locking. {@link #addInput} and {@link #close}
 * may be called from any thread.
 */
public final class RtpStreamAssembler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtpStreamAssembler.class);
    /** Default: a stream with no RTP packet for 10 s ended (RTCP-only senders do not keep it alive). */
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(10);
    /** Frames held before STARTED: 512, about 10 s of 25 fps video with its audio (as the RTMP ingest holds). */
    public static final int MAX_HELD_FRAMES = 512;
    /** Bytes held before STARTED: 32 MiB, as the RTMP ingest holds. */
    public static final long MAX_HELD_BYTES = 32L * 1024 * 1024;
    /** Inputs per stream: 16 tracks is more than any RTP session in practice (and AnnexbConverter's MAX_TRACKS). */
    public static final int MAX_INPUTS = 16;
    private static final long MICROS = 1_000_000L;

    private final String path;
    private final Binder binder;
    private final EventLoop loop;
    private final MediaListener listener;
    private final long inactivityNanos;
    private final List<InputState> inputs = new ArrayList<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final ScheduledFuture<?> inactivityTask;
    private long heldBytes;
    private StreamInfo info;
    private long originNanos;
    private boolean hasOrigin;
    /** Local arrival clock minus sender NTP clock (micros), from the first Sender Report used. */
    private Long ntpToLocalMicros;
    private long droppedBeforeStart;
    private boolean closed;
    private String protocol = "rtp";

    /**
     * @param path              the stream path (e.g. {@code live/rtp})
     * @param inactivityTimeout no RTP packet on any input for this long ends the stream
     */
    public RtpStreamAssembler(String path, RtpReceiver receiver, MediaListener listener, Duration inactivityTimeout) {
        this(path, receiver.nextLoop(), receiver::bind, listener, inactivityTimeout);
    }

    /** Makes an input for a track: binds a socket ({@link RtpReceiver#bind}) or not ({@link RtpInput#unbound}). */
    @FunctionalInterface
    public interface Binder {
        RtpInput bind(RtpInputConfig config, EventLoop loop, RtpInput.Listener listener);
    }

    /** As above, with inputs made by {@code binder} on {@code loop} (WebRTC: unbound inputs fed by the session). */
    public RtpStreamAssembler(String path, EventLoop loop, Binder binder, MediaListener listener, Duration inactivityTimeout) {
        this.path = path;
        this.binder = binder;
        this.listener = listener;
        this.loop = loop;
        this.inactivityNanos = inactivityTimeout.toNanos();
        if (inactivityNanos <= 0) {
            throw new IllegalArgumentException("inactivityTimeout must be positive, was " + inactivityTimeout);
        }
        long check = Math.max(50, inactivityTimeout.toMillis() / 4);
        this.inactivityTask = loop.scheduleAtFixedRate(this::checkInactivity, check, check, TimeUnit.MILLISECONDS);
    }

    public String path() {
        return path;
    }

    /** The {@code protocol} metadata of the StreamInfo ({@code rtp} unless set, e.g. {@code webrtc}). */
    public RtpStreamAssembler protocol(String name) {
        this.protocol = name;
        return this;
    }

    /**
     * Binds one more input of this stream; its track id is its position (1 for the first). Call from outside the
     * stream's event loop (binding waits for the socket).
     */
    public RtpInput addInput(RtpInputConfig config) {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("addInput must not be called on the stream's event loop");
        }
        InputState s = onLoop(() -> {
            if (closed) {
                throw new IllegalStateException("stream " + path + " is closed");
            }
            if (inputs.size() >= MAX_INPUTS) {
                throw new IllegalStateException("stream " + path + " already has " + MAX_INPUTS + " inputs");
            }
            InputState state = new InputState(inputs.size() + 1, config);
            inputs.add(state);
            return state;
        });
        try {
            s.input = binder.bind(config, loop, s);
        } catch (RuntimeException e) {
            onLoop(() -> inputs.remove(s));
            throw e;
        }
        onLoop(() -> {
            if (info != null) {
                LOG.warn("stream {}: input :{} joined a started stream; it starts again with {} tracks", path,
                        s.input.port(), inputs.size());
                end("inputs changed");
            }
            return null;
        });
        return s.input;
    }

    /** Unbinds an input; the stream ends when it was started (the remaining inputs start it again). */
    public void removeInput(RtpInput input) {
        onLoop(() -> {
            if (inputs.removeIf(s -> s.input == input)) {
                input.close();
                if (info != null) {
                    end("input removed");
                }
                for (int i = 0; i < inputs.size(); i++) {
                    inputs.get(i).renumber(i + 1);
                }
            }
            return null;
        });
    }

    /** The inputs, in track order. */
    public List<RtpInput> inputs() {
        return onLoop(() -> inputs.stream().map(s -> s.input).filter(java.util.Objects::nonNull).toList());
    }

    /** True between STARTED and ENDED. */
    public boolean isStarted() {
        return info != null;
    }

    /** Frames dropped because they came before their track was known or after the hold limit. */
    public long droppedBeforeStart() {
        return droppedBeforeStart;
    }

    /** Ends the stream (ENDED "stopped" when it was started) and unbinds every input. Idempotent. */
    @Override
    public void close() {
        if (loop.isShuttingDown()) {
            closeNow();
            return;
        }
        onLoop(() -> {
            closeNow();
            return null;
        });
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        inactivityTask.cancel(false);
        if (info != null) {
            end("stopped");
        }
        inputs.stream().filter(s -> s.input != null).forEach(s -> s.input.close());
        inputs.clear();
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            if (loop.inEventLoop()) {
                return task.call();
            }
            return loop.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkInactivity() {
        if (closed || (info == null && held.isEmpty())) {
            return;
        }
        long now = System.nanoTime();
        long last = Long.MIN_VALUE;
        for (InputState s : inputs) {
            if (s.input != null) {
                last = Math.max(last, s.input.lastPacketNanos());
            }
        }
        if (now - last >= inactivityNanos) {
            if (info != null) {
                LOG.info("stream {}: no RTP packet for {} ms, ending it", path, TimeUnit.NANOSECONDS.toMillis(now - last));
                end("inactive");
            } else {
                droppedBeforeStart += held.size();
                clearHeld();
                reset();
            }
        }
    }

    // --- frames ---

    private void onFrame(InputState s, DepacketizedFrame f, long arrivalNanos) {
        if (closed) {
            return;
        }
        long ext = s.unwrap.unwrap(f.rtpTimestamp());
        if (s.track == null && !s.learn(f)) {
            droppedBeforeStart++;
            return;
        }
        if (!hasOrigin) {
            hasOrigin = true;
            originNanos = arrivalNanos;
        }
        if (info == null) {
            hold(new Held(s, ext, f, arrivalNanos));
            return;
        }
        deliver(s, ext, f, arrivalNanos);
    }

    private void hold(Held h) {
        held.add(h);
        heldBytes += h.frame.payload().length;
        boolean allKnown = inputs.stream().allMatch(i -> i.track != null);
        if (allKnown || held.size() >= MAX_HELD_FRAMES || heldBytes >= MAX_HELD_BYTES) {
            if (!allKnown) {
                LOG.warn("stream {}: {} frames held waiting for every track; starting with the tracks known", path, held.size());
            }
            start();
        }
    }

    private void start() {
        List<Track> tracks = new ArrayList<>();
        for (InputState s : inputs) {
            s.inStream = s.track != null;
            if (s.inStream) {
                tracks.add(s.track);
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("protocol", protocol);
        info = new StreamInfo(path, tracks, meta);
        LOG.info("stream {} started: {}", path, info.describe());
        listener.started(info);
        while (!held.isEmpty()) {
            Held h = held.poll();
            deliver(h.state, h.ext, h.frame, h.arrivalNanos);
        }
        heldBytes = 0;
    }

    private void deliver(InputState s, long ext, DepacketizedFrame f, long arrivalNanos) {
        if (!s.inStream) {
            droppedBeforeStart++;
            return;
        }
        if (!s.based) {
            s.base(ext, arrivalNanos);
        }
        long pts = ext - s.base;
        s.lastPts = pts;
        s.lastArrivalNanos = arrivalNanos;
        Track t = s.track;
        if (f.keyframe() && (t.codec() == Codec.VP9 || t.codec() == Codec.AV1) && t.width() == 0) {
            t = s.learnSize(f);
        }
        listener.frame(path, MediaFrame.of(t, pts, pts, f.keyframe(), f.format(), f.payload()));
    }

    private void end(String reason) {
        StreamInfo was = info;
        info = null;
        reset();
        LOG.info("stream {} ended: {}", was.path(), reason);
        listener.ended(was.path(), reason);
    }

    private void reset() {
        hasOrigin = false;
        ntpToLocalMicros = null;
        for (InputState s : inputs) {
            s.based = false;
            s.inStream = false;
            s.unwrap.reset();
        }
    }

    private void clearHeld() {
        held.clear();
        heldBytes = 0;
    }

    private record Held(InputState state, long ext, DepacketizedFrame frame, long arrivalNanos) {
    }

    /** One input's track and timeline. */
    private final class InputState implements RtpInput.Listener {
        private final RtpInputConfig config;
        private final RtpTimestampUnwrapper unwrap = new RtpTimestampUnwrapper();
        private final int clockRate;
        private int trackId;
        private volatile RtpInput input;
        private Track track;
        private boolean inStream;
        private boolean based;
        private long base;
        private long lastPts;
        private long lastArrivalNanos;
        private SenderReport lastSr;
        private long lastSrArrivalNanos;
        private boolean discontinuity;

        InputState(int trackId, RtpInputConfig config) {
            this.trackId = trackId;
            this.config = config;
            this.clockRate = config.rtpMap().clockRate();
            Track t = PayloadFormats.track(trackId, config.rtpMap(), config.fmtp());
            Codec c = t.codec();
            boolean needsKeyframe = (c == Codec.H264 || c == Codec.H265) && !t.hasConfig();
            this.track = needsKeyframe ? null : describe(t);
        }

        private Track describe(Track t) {
            if (t.hasConfig() && (t.codec() == Codec.H264 || t.codec() == Codec.H265)) {
                return TrackConfigs.track(t.id(), t.codec(), t.config()).toBuilder().clockRate(clockRate).build();
            }
            return t;
        }

        void renumber(int id) {
            trackId = id;
            if (track != null) {
                track = rebuildWithId(track, id);
            }
        }

        private Track rebuildWithId(Track t, int id) {
            Track.Builder b = Track.builder(id, t.codec()).clockRate(t.clockRate()).width(t.width()).height(t.height())
                    .sampleRate(t.sampleRate()).channels(t.channels());
            if (t.hasConfig()) {
                b.config(t.config());
            }
            return b.build();
        }

        /** Learns the track from a key frame with in-band parameter sets; false when it cannot yet. */
        boolean learn(DepacketizedFrame f) {
            if (!f.keyframe()) {
                return false;
            }
            try {
                byte[] record = parameterSets(config.rtpMap(), f.payload());
                if (record == null) {
                    return false;
                }
                Codec codec = PayloadFormats.codecOf(config.rtpMap()).orElseThrow();
                track = TrackConfigs.track(trackId, codec, record).toBuilder().clockRate(clockRate).build();
                return true;
            } catch (RuntimeException e) {   // CodecException (an IllegalArgumentException) on bad parameter sets
                LOG.debug("stream {}: parameter sets of track {} not usable: {}", path, trackId, e.toString());
                return false;
            }
        }

        Track learnSize(DepacketizedFrame f) {
            try {
                track = TrackConfigs.withKeyframeInfo(track, f.payload());
            } catch (CodecException e) {
                LOG.debug("stream {}: key frame of track {} tells no size: {}", path, trackId, e.toString());
            }
            return track;
        }

        /** Chooses the base so that {@code ext} lands at this track's capture time on the stream timeline. */
        void base(long ext, long arrivalNanos) {
            long localMicros;
            if (discontinuity) {
                localMicros = Long.MIN_VALUE;
            } else if (lastSr != null) {
                long srExt = ext + RtpTimestampUnwrapper.diff(lastSr.rtpTimestamp(), ext);
                long ntpMicros = NtpTime.toUnixMicros(lastSr.ntpTimestamp()) + (ext - srExt) * MICROS / clockRate;
                if (ntpToLocalMicros == null) {
                    ntpToLocalMicros = arrivalNanos / 1000 - ntpMicros;
                }
                localMicros = ntpMicros + ntpToLocalMicros;
            } else {
                localMicros = arrivalNanos / 1000;
            }
            if (discontinuity) {
                long elapsed = Math.max(0, (arrivalNanos - lastArrivalNanos) / 1000) * clockRate / MICROS;
                base = ext - (lastPts + Math.max(1, elapsed));
                discontinuity = false;
            } else {
                base = ext - (localMicros - originNanos / 1000) * clockRate / MICROS;
            }
            based = true;
        }

        @Override
        public void frame(RtpInput in, DepacketizedFrame frame, long arrivalNanos) {
            onFrame(this, frame, arrivalNanos);
        }

        @Override
        public void senderReport(RtpInput in, SenderReport report, long arrivalNanos) {
            lastSr = report;
            lastSrArrivalNanos = arrivalNanos;
        }

        @Override
        public void discontinuity(RtpInput in) {
            unwrap.reset();
            lastSr = null;
            if (based) {
                based = false;
                discontinuity = true;
            }
        }
    }

    /** The avcC/hvcC of the parameter sets in an AVCC key frame, or null when it has none. */
    static byte[] parameterSets(io.camelmedia.protocol.rtp.sdp.RtpMap map, byte[] avcc) {
        return TrackConfigs.parameterSetRecord(PayloadFormats.codecOf(map).orElseThrow(), Avcc.split(avcc));
    }
}
