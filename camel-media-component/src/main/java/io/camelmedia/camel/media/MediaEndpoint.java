package io.camelmedia.camel.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.camelmedia.camel.HttpServing;
import io.camelmedia.camel.MediaAuth;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.filemedia.FileMediaEndpoint;
import io.camelmedia.format.segment.SegmentFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaType;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.process.snapshot.ImageFormat;
import io.camelmedia.process.snapshot.LatestKeyFrames;
import io.camelmedia.process.snapshot.SnapshotPool;
import io.camelmedia.process.snapshot.SnapshotSpec;
import io.camelmedia.process.record.LiveRecordConfig;
import io.camelmedia.process.record.LiveRecordCounters;
import io.camelmedia.process.record.RecordFormat;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Processing steps on media frames.
 * <ul>
 * <li>{@code media:annexb} converts H.264/H.265 frames between AVCC and Annex B: to Annex B with the parameter
 * sets placed before every keyframe (as ffmpeg's {@code h264_mp4toannexb} does), or to AVCC with in-band
 * parameter sets moved into the track. Other codecs, frames already in the target form, and STARTED/ENDED
 * pass through.</li>
 * <li>{@code media:segment} cuts each stream into complete segments (fMP4 or MPEG-TS, starting on key
 * frames): the exchange continues only when a segment is complete, with the segment bytes as body and
 * CamelMediaSegment* headers plus CamelFileName {@code <stream>/seg-<n>.m4s|ts}, so any endpoint can store it.</li>
 * <li>{@code media:remux} turns each stream into a continuous container stream: for fMP4 the STARTED exchange
 * carries the init segment ({@code <stream>/init.mp4}), then one exchange per fragment; their bodies
 * concatenated are a playable file.</li>
 * <li>{@code media:record} turns each stream into ONE complete file ({@code format=mp4|webm|opus|wav}, or
 * {@code auto}, the default: mp4 for H.264/H.265/AV1 video, webm for VP8/VP9, opus for Opus-only audio, wav for
 * G.711/G.722/L16), audio and video merged in sync. FRAME exchanges stop here; the ENDED exchange continues
 * with the file (its bytes, or with {@code directory} the written {@code java.io.File}) as body and
 * CamelFileName {@code <stream>.<ext>}. With {@code live=true} it records as the stream comes instead: fragmented MP4
 * (or {@code format=mpegts}: MPEG-TS, {@code format=webm}: live WebM) with a part every {@code partDuration}, a new
 * file every {@code interval} at a key frame, as {@code <directory>/<stream>/<yyyy-MM-dd_HH-mm-ss-SSS>.<mp4|ts|webm>}
 * ({@code .part} while written, recovered at start after a crash), each finished file sent to {@code output}; every
 * exchange stops here.</li>
 * <li>{@code media:demux} takes exchanges whose body is a chunk of an MPEG-TS byte stream (byte[], ByteBuf,
 * ByteBuffer, InputStream: a datagram of {@code netty:udp} with {@code udpByteArrayCodec=true}) and sends the
 * stream they carry, STARTED, one exchange per FRAME, ENDED, to the endpoint {@code output} (a {@code direct:}
 * keeps them on the calling thread, in order), as {@code rtmp:} and {@code srt:} consumers deliver them. One
 * demuxer per stream path ({@code CamelMediaStream} header of the chunk, else {@code stream}); ENDED after
 * {@code inactivityTimeout} without a chunk, or when the route stops. The chunk exchange continues unchanged.</li>
 * <li>{@code media:snapshot} makes JPEG ({@code format=jpeg}, the default, {@code quality} = qscale 1-31) or PNG
 * ({@code format=png}, {@code compressionLevel} 0-9) images of video key frames, {@code width} wide (0: the picture's),
 * decoding the key frame only, on a bounded pool of {@code threads}. As a step: a key frame at least {@code interval}
 * (default 10s, stream time) after the stream's last snapshot is decoded and the image goes on with the stream's next
 * exchange (body the image bytes, CamelFileName {@code <stream>.<ext>}, the key frame's media headers), every other
 * exchange stops here. With {@code serve=true} it keeps each stream's latest key frame instead and serves
 * {@code <basePath>/<stream path>.jpg|.png?width=N} over Platform HTTP (made on the first request, cached per key
 * frame and size; read auth as HLS); every exchange goes on unchanged.</li>
 * </ul>
 * With {@code format=frames}, {@code media:remux} turns every event into one self-describing frame record (body
 * byte[], media headers kept) and {@code media:demux?format=frames} rebuilds the stream from them: a stream
 * through Kafka, MQTT or files, frame for frame.
 * With {@code format=mpegts&packetSize=1316}, {@code media:remux} muxes each frame at once and the body is the
 * list of its datagrams (each at most packetSize bytes, whole TS packets), for a {@code split} into {@code netty:udp}.
 * The same segmenter serves {@code hls:}.
 * <p>{@code media:transcode?codec=opus|aac} re-encodes each stream's audio (AAC, Opus, G.711, G.722, MP3 in) with FFmpeg
 * on a pool of {@code transcodeThreads}: STARTED continues with the new track list, each audio exchange continues with a
 * packet of the new codec (or stops when none is ready yet), video passes through. Audio already in {@code codec} passes
 * through. A stream more than {@code maxQueuedFrames} behind drops (and counts) audio frames. With {@code output} the
 * exchange continues unchanged and the transcoded stream goes to that endpoint instead (a tee).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "media", title = "Media processing", syntax = "media:operation",
             producerOnly = true, category = { Category.TRANSFORMATION }, headersClass = MediaHeaders.class)
public class MediaEndpoint extends DefaultEndpoint {

    @UriPath(description = "The processing step")
    @Metadata(required = true, enums = "annexb,segment,remux,record,demux,transcode,snapshot")
    private final MediaOperation operation;
    private final LiveRecordCounters liveRecordCounters = new LiveRecordCounters();
    private final java.util.concurrent.atomic.AtomicLong transcodeDropped = new java.util.concurrent.atomic.AtomicLong();
    /** snapshot: the interval when none is given (record live's is 1h). */
    static final long DEFAULT_SNAPSHOT_INTERVAL_MS = 10_000;

    @UriParam(enums = "annexb,avcc,fmp4,mpegts,frames,mp4,webm,opus,wav,auto,jpeg,png",
              description = "annexb: the bitstream form H.264/H.265 frames leave in (annexb, the default, or avcc);"
                            + " segment: the container (fmp4, the default, or mpegts);"
                            + " remux: fmp4 (the default), mpegts, or frames (every event as one frame record, for Kafka"
                            + " and other message transports);"
                            + " record: the file (mp4, webm, opus, wav, or auto, the default: by the stream's codecs);"
                            + " record live: fmp4 (auto, mp4 or fmp4, the default), mpegts (or ts) or webm;"
                            + " demux: what the bodies are (mpegts, the default: chunks of a TS byte stream; frames: one"
                            + " frame record each); snapshot: jpeg (the default) or png")
    private String format;

    @UriParam(defaultValue = "2s", javaType = "java.time.Duration",
              description = "segment: target segment length (cut at the first key frame at or after it);"
                            + " remux: target fragment length")
    private long duration = 2000;

    @UriParam(defaultValue = "1000", label = "advanced",
              description = "Upper bound on the streams whose state (last parameter sets) a step keeps at once")
    private int maxStreams = 1000;

    @UriParam(label = "record",
              description = "record: write each file as <directory>/<stream>.<ext> (the ENDED body is then the File);"
                            + " unset, the ENDED body is the file's bytes")
    private String directory;

    @UriParam(label = "record", defaultValue = "true", description = "record with mp4: moov before mdat (progressive playback)")
    private boolean faststart = true;

    @UriParam(label = "record", defaultValue = "false",
              description = "record: live mode: fragmented MP4 (format=mpegts: MPEG-TS, format=webm: live WebM) written as"
                            + " the frames come, a part (moof and mdat, TS packets, a WebM Cluster) every partDuration, a new file"
                            + " every interval (cut at a video key frame) as <directory>/<stream>/<yyyy-MM-dd_HH-mm-ss-SSS>.<mp4|ts|webm>"
                            + " (UTC start of its first frame; .part while written); needs directory; finished files go to"
                            + " output; unfinished ones are recovered at start")
    private boolean live;

    @UriParam(label = "record,snapshot", defaultValue = "1h", javaType = "java.time.Duration",
              description = "record live: a new file at the first video key frame at or after this long (audio only: on time);"
                            + " snapshot: a snapshot of the first video key frame at least this long (stream time) after the"
                            + " last one (default 10s for snapshot)")
    private long interval = LiveRecordConfig.DEFAULT_INTERVAL.toMillis();
    private boolean intervalSet;

    @UriParam(label = "snapshot", defaultValue = "0",
              description = "snapshot: image width in pixels (16..7680, rounded down to even; 0: the picture's own), the height"
                            + " keeps the aspect ratio; over HTTP ?width= overrides it")
    private int width;

    @UriParam(label = "snapshot", defaultValue = "2",
              description = "snapshot with jpeg: FFmpeg's qscale, 1 (best) .. 31 (smallest)")
    private int quality = SnapshotSpec.DEFAULT_QUALITY;

    @UriParam(label = "snapshot", defaultValue = "6",
              description = "snapshot with png: zlib compression level, 0 (none, fastest) .. 9 (smallest)")
    private int compressionLevel = SnapshotSpec.DEFAULT_COMPRESSION_LEVEL;

    @UriParam(label = "snapshot", defaultValue = "false",
              description = "snapshot: keep each stream's latest key frame and serve <basePath>/<stream path>.jpg|.png?width=N"
                            + " over Platform HTTP (made on request, cached per key frame and size) instead of emitting"
                            + " images; exchanges go on unchanged")
    private boolean serve;

    @UriParam(label = "snapshot", defaultValue = "/snapshot", description = "snapshot with serve: the URL path snapshots are served under")
    private String basePath = "/snapshot";

    @UriParam(label = "snapshot,advanced", defaultValue = "2",
              description = "snapshot: decoding threads (each holds one key frame; a few more wait, beyond that key frames"
                            + " are skipped and HTTP answers 503)")
    private int threads = 2;

    @UriParam(label = "snapshot,security,advanced", description = "snapshot with serve: decides who may read snapshots"
              + " (Bearer token or ?token=), instead of the context's one authenticator (MediaAuth)")
    private Authenticator authenticator;

    private SnapshotPool snapshotPool;
    private LatestKeyFrames latestKeyFrames;
    private HttpServing snapshotServing;

    @UriParam(label = "record", defaultValue = "1s", javaType = "java.time.Duration",
              description = "record live: a part (fmp4: moof and mdat, mpegts: TS packets, webm: a Cluster) is written to disk"
                            + " this often: the most an unclean stop loses")
    private long partDuration = LiveRecordConfig.DEFAULT_PART_DURATION.toMillis();

    @UriParam(label = "record", defaultValue = "video,audio",
              description = "record live: the tracks kept, comma separated: video, audio or both")
    private String mediaTypes = "video,audio";

    @UriParam(label = "record", defaultValue = "0", javaType = "java.time.Duration",
              description = "record live: finished files that started longer ago than this are deleted (0: kept)")
    private long retention;

    @UriParam(label = "record", defaultValue = "0",
              description = "record live: while all files under directory exceed this many bytes, the oldest finished ones"
                            + " are deleted (0: no limit); a file being written is never deleted")
    private long maxTotalSize;

    @UriParam(label = "record,advanced", defaultValue = "64",
              description = "record live: parts of one stream waiting for the disk; more are dropped (counted, logged)")
    private int maxQueuedParts = LiveRecordConfig.DEFAULT_MAX_QUEUED_PARTS;

    @UriParam(label = "record,advanced", defaultValue = "2",
              description = "record live: writer threads; a stream always writes on the same one (its writes in order)")
    private int writerThreads = 2;

    @UriParam(label = "record,advanced", defaultValue = "false",
              description = "record live: force each part to the device (survives power loss, costs a disk flush per part);"
                            + " without it each part is handed whole to the OS, which survives a crash of the JVM")
    private boolean fsync;

    @UriParam(label = "demux", defaultValue = "ts",
              description = "demux: the stream path of chunks without a CamelMediaStream header")
    private String stream = "ts";

    @UriParam(label = "demux,record,transcode",
              description = "demux: the endpoint the stream's STARTED, FRAME and ENDED exchanges go to (e.g. direct:frames);"
                            + " record live: the endpoint each finished file is sent to (body java.io.File);"
                            + " transcode: when set, the exchange continues unchanged and a transcoded copy goes here")
    private String output;

    @UriParam(label = "demux", defaultValue = "5s", javaType = "java.time.Duration",
              description = "demux: a stream ends (ENDED) after this long without a chunk")
    private long inactivityTimeout = 5000;

    @UriParam(label = "remux", defaultValue = "0",
              description = "remux with mpegts: 0 (the default) emits a fragment per exchange; a size (1316 = 7 TS packets"
                            + " for UDP) muxes each frame at once and sets the body to the list of its datagrams,"
                            + " each at most that many bytes (whole 188-byte packets), for a split")
    private int packetSize;

    @UriParam(label = "transcode", defaultValue = "opus", enums = "opus,aac",
              description = "transcode: the audio codec out (opus: libopus at 48 kHz; aac: FFmpeg's AAC-LC encoder)")
    private String codec = "opus";

    @UriParam(label = "transcode", defaultValue = "0",
              description = "transcode: audio bit rate in bit/s (0: 64000 for Opus, 128000 for AAC)")
    private int bitrate;

    @UriParam(label = "transcode", defaultValue = "0",
              description = "transcode: output sample rate (0: 48000; Opus is always 48000)")
    private int sampleRate;

    @UriParam(label = "transcode", defaultValue = "0",
              description = "transcode: output channels, 1 or 2 (0: the input's, at most 2)")
    private int channels;

    @UriParam(label = "transcode,advanced", defaultValue = "2",
              description = "transcode: threads of this endpoint's pool; a stream runs on one at a time, in order")
    private int transcodeThreads = 2;

    @UriParam(label = "transcode,advanced", defaultValue = "50",
              description = "transcode: audio frames of one stream waiting for the pool (50: about a second); more are"
                            + " dropped and counted")
    private int maxQueuedFrames = 50;

    public MediaEndpoint(String uri, MediaComponent component, MediaOperation operation) {
        super(uri, component);
        this.operation = operation;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (operation == MediaOperation.snapshot && serve) {
            io.camelmedia.camel.PlatformHttp.lookup(getCamelContext()); // while routes are built: see PlatformHttp
        }
    }

    @Override
    public Producer createProducer() {
        if (maxStreams <= 0) {
            throw new IllegalArgumentException("media:" + operation + ": maxStreams must be positive, was " + maxStreams);
        }
        return switch (operation) {
            case annexb -> {
                if (!"annexb".equals(effectiveFormat()) && !"avcc".equals(effectiveFormat())) {
                    throw new IllegalArgumentException("media:annexb: format must be annexb or avcc, was '" + format + "'");
                }
                yield new AnnexbProducer(this);
            }
            case segment -> new SegmentProducer(this, segmentFormat(), Duration.ofMillis(duration));
            case remux -> remuxProducer();
            case record -> live ? liveRecordProducer() : new RecordProducer(this, RecordFormat.of(effectiveFormat()));
            case demux -> demuxProducer();
            case transcode -> transcodeProducer();
            case snapshot -> snapshotProducer();
        };
    }

    private synchronized Producer snapshotProducer() {
        SnapshotSpec spec = new SnapshotSpec(ImageFormat.of(effectiveFormat()), width, quality, compressionLevel);
        if (threads <= 0) {
            throw new IllegalArgumentException("media:snapshot: threads must be positive, was " + threads);
        }
        if (snapshotPool == null) {
            snapshotPool = new SnapshotPool("media-snapshot", threads, threads * 2);
        }
        if (!serve) {
            long every = intervalSet ? interval : DEFAULT_SNAPSHOT_INTERVAL_MS;
            if (every < 0) {
                throw new IllegalArgumentException("media:snapshot: interval must be >= 0, was " + every);
            }
            return new SnapshotProducer(this, spec, every, snapshotPool);
        }
        if (!basePath.startsWith("/") || basePath.endsWith("/") || basePath.length() < 2) {
            throw new IllegalArgumentException("media:snapshot: basePath must start with / and not end with one, was '" + basePath + "'");
        }
        if (latestKeyFrames == null) {
            latestKeyFrames = new LatestKeyFrames(snapshotPool, maxStreams);
            try {
                snapshotServing = HttpServing.later(getCamelContext(), basePath, "GET,HEAD,OPTIONS", new SnapshotHttpProcessor(
                        basePath, spec, latestKeyFrames, MediaAuth.forEndpoint(getCamelContext(), authenticator)), "media:snapshot");
            } catch (Exception e) {
                throw new IllegalStateException("media:snapshot: cannot serve " + basePath + ": " + e.getMessage(), e);
            }
        }
        return new SnapshotServeProducer(this, latestKeyFrames);
    }

    /** snapshot: key frames decoded into images so far (serve: one per key frame and size asked for). */
    public long snapshotDecodes() {
        SnapshotPool p = snapshotPool;
        return p == null ? 0 : p.decodes();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (snapshotServing != null) {
            snapshotServing.close();
            snapshotServing = null;
        }
        if (snapshotPool != null) {
            snapshotPool.close();
            snapshotPool = null;
        }
        latestKeyFrames = null;
        super.doStop();
    }

    private Producer remuxProducer() {
        if ("frames".equals(effectiveFormat())) {
            if (packetSize != 0) {
                throw new IllegalArgumentException("media:remux: packetSize is for format=mpegts, not frames");
            }
            return new FrameRecordsProducer(this);
        }
        SegmentFormat f = segmentFormat();
        if (packetSize == 0) {
            return new SegmentProducer(this, f, Duration.ofMillis(duration));
        }
        if (f != SegmentFormat.MPEGTS || packetSize < TsPacketizeProducer.TS_PACKET || packetSize > TsPacketizeProducer.MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("media:remux: packetSize needs format=mpegts and 188.."
                    + TsPacketizeProducer.MAX_PACKET_SIZE + " bytes, was " + packetSize + " with " + effectiveFormat());
        }
        return new TsPacketizeProducer(this, packetSize);
    }

    private Producer liveRecordProducer() {
        SegmentFormat container = switch (effectiveFormat().toLowerCase(java.util.Locale.ROOT)) {
            case "auto", "mp4", "fmp4" -> SegmentFormat.FMP4;
            case "mpegts", "ts" -> SegmentFormat.MPEGTS;
            case "webm" -> SegmentFormat.WEBM;
            default -> throw new IllegalArgumentException("media:record: live recording writes fmp4 (format auto, mp4 or"
                    + " fmp4), mpegts (or ts) or webm; '" + format + "' is not available live");
        };
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("media:record: live=true needs directory, where the files go");
        }
        if (retention < 0 || maxTotalSize < 0 || writerThreads <= 0) {
            throw new IllegalArgumentException("media:record: retention and maxTotalSize must be >= 0 and writerThreads > 0");
        }
        Set<MediaType> types = FileMediaEndpoint.parseMediaTypes("media:record", mediaTypes);
        return new LiveRecordProducer(this, new LiveRecordConfig(Path.of(directory), Duration.ofMillis(interval),
                Duration.ofMillis(partDuration), types, maxQueuedParts, fsync, container), liveRecordCounters);
    }

    /**
     * record live: totals of this endpoint's recordings, for metrics: {@link LiveRecordCounters#droppedParts()} (parts
     * left out because the disk was behind) and {@link LiveRecordCounters#finishedFiles()}.
     */
    public LiveRecordCounters liveRecordCounters() {
        return liveRecordCounters;
    }

    /** transcode: audio frames this endpoint dropped (a stream behind real time, surplus packets, failed transcodes). */
    public long transcodeDroppedFrames() {
        return transcodeDropped.get();
    }

    java.util.concurrent.atomic.AtomicLong transcodeDropped() {
        return transcodeDropped;
    }

    private Producer transcodeProducer() {
        Codec out = switch (codec == null ? "" : codec.toLowerCase(java.util.Locale.ROOT)) {
            case "opus" -> Codec.OPUS;
            case "aac" -> Codec.AAC;
            default -> throw new IllegalArgumentException("media:transcode: codec must be opus or aac, was '" + codec + "'");
        };
        if (transcodeThreads <= 0 || maxQueuedFrames <= 0) {
            throw new IllegalArgumentException("media:transcode: transcodeThreads and maxQueuedFrames must be positive");
        }
        // checks bitrate, sampleRate and channels at route start rather than at the first stream
        new io.camelmedia.process.transcode.AudioTranscodeConfig(out, bitrate != 0 ? bitrate : 64_000, sampleRate, channels);
        return new TranscodeProducer(this, out);
    }

    private Producer demuxProducer() {
        if (!List.of("mpegts", "ts", "frames").contains(effectiveFormat())) {
            throw new IllegalArgumentException("media:demux: format must be mpegts or frames, was '" + format + "'");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("media:demux: needs output, the endpoint the stream goes to (e.g. output=direct:frames)");
        }
        if (inactivityTimeout < 100) {
            throw new IllegalArgumentException("media:demux: inactivityTimeout must be at least 100 ms, was " + inactivityTimeout);
        }
        return new DemuxProducer(this);
    }

    /** The format option, or the operation's default. */
    String effectiveFormat() {
        if (format != null) {
            return format;
        }
        return switch (operation) {
            case annexb -> "annexb";
            case record -> "auto";
            case demux -> "mpegts";
            case snapshot -> "jpeg";
            default -> "fmp4";
        };
    }

    private SegmentFormat segmentFormat() {
        return switch (effectiveFormat()) {
            case "fmp4" -> SegmentFormat.FMP4;
            case "mpegts", "ts" -> SegmentFormat.MPEGTS;
            case "flv" -> throw new IllegalArgumentException("media:" + operation + ": flv output is not available yet; use fmp4 or mpegts");
            case "frames" -> throw new IllegalArgumentException("media:" + operation + ": frames is a format of remux and"
                    + " demux (one record per event), not of segments; use fmp4 or mpegts");
            default -> throw new IllegalArgumentException("media:" + operation + ": format must be fmp4 or mpegts, was '" + format + "'");
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("media:" + operation + " is a processing step: use it in to(), not from()");
    }

    public MediaOperation getOperation() {
        return operation;
    }

    public String getFormat() {
        return format;
    }

    public long getDuration() {
        return duration;
    }

    /** segment: target segment length; remux: target fragment length (milliseconds, or a duration such as 2s). */
    public void setDuration(long duration) {
        this.duration = duration;
    }

    /** annexb: annexb or avcc; segment and remux: fmp4 or mpegts. */
    public void setFormat(String format) {
        this.format = format;
    }

    public String getDirectory() {
        return directory;
    }

    /** record: write each file as directory/stream.ext (the ENDED body is then the File); unset, the body is the bytes. */
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public boolean isFaststart() {
        return faststart;
    }

    /** record with mp4: moov before mdat (progressive playback). */
    public void setFaststart(boolean faststart) {
        this.faststart = faststart;
    }

    public String getStream() {
        return stream;
    }

    /** demux: the stream path of chunks without a CamelMediaStream header. */
    public void setStream(String stream) {
        this.stream = stream;
    }

    public String getOutput() {
        return output;
    }

    /** demux: the endpoint the stream's STARTED, FRAME and ENDED exchanges go to (e.g. direct:frames). */
    public void setOutput(String output) {
        this.output = output;
    }

    public long getInactivityTimeout() {
        return inactivityTimeout;
    }

    /** demux: a stream ends (ENDED) after this long without a chunk (milliseconds, or a duration such as 5s). */
    public void setInactivityTimeout(long inactivityTimeout) {
        this.inactivityTimeout = inactivityTimeout;
    }

    public int getPacketSize() {
        return packetSize;
    }

    /** remux with mpegts: 0 emits fragments; a size muxes each frame at once into datagrams of at most that many bytes. */
    public void setPacketSize(int packetSize) {
        this.packetSize = packetSize;
    }

    public int getMaxStreams() {
        return maxStreams;
    }

    /** Upper bound on the streams whose state (last parameter sets) a step keeps at once. */
    public void setMaxStreams(int maxStreams) {
        this.maxStreams = maxStreams;
    }
    public boolean isLive() {
        return live;
    }

    /** record: live mode, fMP4 (or MPEG-TS, WebM: format) parts written as the frames come, a new file every interval (needs directory). */
    public void setLive(boolean live) {
        this.live = live;
    }

    public long getInterval() {
        return interval;
    }

    /** record live: a new file at the first video key frame at or after this long (milliseconds, or a duration such as 20s). */
    public void setInterval(long interval) {
        this.interval = interval;
        this.intervalSet = true;
    }

    public int getWidth() {
        return width;
    }

    /** snapshot: image width in pixels (0: the picture's own); the height keeps the aspect ratio. */
    public void setWidth(int width) {
        this.width = width;
    }

    public int getQuality() {
        return quality;
    }

    /** snapshot with jpeg: FFmpeg's qscale, 1 (best) .. 31 (smallest). */
    public void setQuality(int quality) {
        this.quality = quality;
    }

    public int getCompressionLevel() {
        return compressionLevel;
    }

    /** snapshot with png: zlib compression level 0..9. */
    public void setCompressionLevel(int compressionLevel) {
        this.compressionLevel = compressionLevel;
    }

    public boolean isServe() {
        return serve;
    }

    /** snapshot: keep the latest key frames and serve them over HTTP instead of emitting images. */
    public void setServe(boolean serve) {
        this.serve = serve;
    }

    public String getBasePath() {
        return basePath;
    }

    /** snapshot with serve: the URL path snapshots are served under. */
    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public int getThreads() {
        return threads;
    }

    /** snapshot: decoding threads. */
    public void setThreads(int threads) {
        this.threads = threads;
    }

    public Authenticator getAuthenticator() {
        return authenticator;
    }

    /** snapshot with serve: who may read snapshots, instead of the context's one authenticator. */
    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public long getPartDuration() {
        return partDuration;
    }

    /** record live: a part is written to disk this often (milliseconds, or a duration such as 1s). */
    public void setPartDuration(long partDuration) {
        this.partDuration = partDuration;
    }

    public String getMediaTypes() {
        return mediaTypes;
    }

    /** record live: the tracks kept, comma separated: video, audio or both. */
    public void setMediaTypes(String mediaTypes) {
        this.mediaTypes = mediaTypes;
    }

    public long getRetention() {
        return retention;
    }

    /** record live: finished files that started longer ago than this are deleted (0: kept). */
    public void setRetention(long retention) {
        this.retention = retention;
    }

    public long getMaxTotalSize() {
        return maxTotalSize;
    }

    /** record live: the oldest finished files are deleted while all files under directory exceed this many bytes (0: no limit). */
    public void setMaxTotalSize(long maxTotalSize) {
        this.maxTotalSize = maxTotalSize;
    }

    public int getMaxQueuedParts() {
        return maxQueuedParts;
    }

    /** record live: parts of one stream waiting for the disk; more are dropped. */
    public void setMaxQueuedParts(int maxQueuedParts) {
        this.maxQueuedParts = maxQueuedParts;
    }

    public int getWriterThreads() {
        return writerThreads;
    }

    /** record live: writer threads; a stream always writes on the same one. */
    public void setWriterThreads(int writerThreads) {
        this.writerThreads = writerThreads;
    }

    public boolean isFsync() {
        return fsync;
    }

    /** record live: force each part to the device. */
    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }

    public String getCodec() {
        return codec;
    }

    /** transcode: the audio codec out, opus or aac. */
    public void setCodec(String codec) {
        this.codec = codec;
    }

    public int getBitrate() {
        return bitrate;
    }

    /** transcode: audio bit rate in bit/s (0: 64000 for Opus, 128000 for AAC). */
    public void setBitrate(int bitrate) {
        this.bitrate = bitrate;
    }

    public int getSampleRate() {
        return sampleRate;
    }

    /** transcode: output sample rate (0: 48000). */
    public void setSampleRate(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    public int getChannels() {
        return channels;
    }

    /** transcode: output channels, 1 or 2 (0: the input's). */
    public void setChannels(int channels) {
        this.channels = channels;
    }

    public int getTranscodeThreads() {
        return transcodeThreads;
    }

    /** transcode: threads of this endpoint's pool. */
    public void setTranscodeThreads(int transcodeThreads) {
        this.transcodeThreads = transcodeThreads;
    }

    public int getMaxQueuedFrames() {
        return maxQueuedFrames;
    }

    /** transcode: audio frames of one stream waiting for the pool; more are dropped and counted. */
    public void setMaxQueuedFrames(int maxQueuedFrames) {
        this.maxQueuedFrames = maxQueuedFrames;
    }
}
