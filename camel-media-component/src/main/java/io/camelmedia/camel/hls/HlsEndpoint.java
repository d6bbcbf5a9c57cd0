package io.camelmedia.camel.hls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.PlatformHttp;
import io.camelmedia.format.segment.SegmentFormat;
import io.camelmedia.format.segment.SegmenterConfig;
import io.camelmedia.protocol.hls.HlsConfig;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import io.camelmedia.camel.MediaAuth;
import io.camelmedia.hub.Authenticator;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * HLS origin: every stream of the route (told apart by CamelMediaStream) is cut into segments (MPEG-TS or
 * fMP4, optionally Low-Latency HLS parts) kept in a bounded window in memory, and served at
 * {@code <basePath>/<stream path>/index.m3u8} over Camel Platform HTTP.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "hls", title = "HLS", syntax = "hls:name", producerOnly = true,
             category = { Category.NETWORKING }, headersClass = MediaHeaders.class)
public class HlsEndpoint extends DefaultEndpoint {

    @UriPath(description = "A name for this origin (for logs; the URL comes from basePath)")
    @Metadata(required = true)
    private final String name;

    @UriParam(defaultValue = "fmp4", enums = "fmp4,mpegts",
              description = "Segment container: fmp4 (CMAF; every codec; needed for lowLatency) or mpegts (H.264/H.265, AAC, MP3)")
    private String format = "fmp4";

    @UriParam(defaultValue = "false", description = "Low-Latency HLS: parts, preload hints and blocking playlist reload (fmp4 only)")
    private boolean lowLatency;

    @UriParam(defaultValue = "2s", javaType = "java.time.Duration",
              description = "Target segment length; segments start at the first key frame at or after it")
    private long segmentDuration = SegmenterConfig.DEFAULT_SEGMENT_DURATION.toMillis();

    @UriParam(defaultValue = "200ms", javaType = "java.time.Duration", description = "LL-HLS part target length")
    private long partDuration = SegmenterConfig.DEFAULT_PART_DURATION.toMillis();

    @UriParam(defaultValue = "7", description = "Segments listed in the media playlist")
    private int playlistSize = HlsConfig.DEFAULT_PLAYLIST_SIZE;

    @UriParam(defaultValue = "/hls", description = "URL path the origin is served under")
    private String basePath = "/hls";

    @UriParam(description = "Also write segments and playlists under this directory (<directory>/<stream path>/index.m3u8)"
                            + " for any web server or CDN; segments leaving the window are deleted")
    private String directory;

    @UriParam(label = "advanced", defaultValue = "0",
              description = "Bytes of segments all streams of this origin may hold in memory; 0 = 40% of the JVM's max heap."
                            + " Over it, playlist windows shrink to 3 segments, then new streams are refused")
    private long maxMemory;

    @UriParam(label = "advanced", defaultValue = "true",
              description = "Serve over Camel Platform HTTP; false when the route only builds segments for another server")
    private boolean serveHttp = true;

    @UriParam(label = "security,advanced", description = "Decides who may read this origin (Bearer token or ?token=),"
              + " instead of the context's one authenticator (MediaAuth: camel.media.auth.* or the camelMediaAuth bean)")
    private Authenticator authenticator;

    @UriParam(label = "advanced", defaultValue = "1000", description = "Streams served at once; more are refused")
    private int maxStreams = HlsConfig.DEFAULT_MAX_STREAMS;

    @UriParam(label = "advanced", defaultValue = "60s", javaType = "java.time.Duration",
              description = "How long an ended stream stays served (with EXT-X-ENDLIST) and can be resumed by a reconnect")
    private long endedRetention = HlsConfig.DEFAULT_ENDED_RETENTION.toMillis();

    public HlsEndpoint(String uri, HlsComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public HlsComponent getComponent() {
        return (HlsComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (serveHttp) {
            PlatformHttp.lookup(getCamelContext()); // while routes are built: see PlatformHttp
        }
    }

    @Override
    public Producer createProducer() {
        return new HlsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("hls: pulling a remote HLS stream is not available yet; use hls: in to()");
    }

    /** Validates the options into the origin's configuration. */
    HlsConfig hlsConfig() {
        SegmentFormat f = switch (format.toLowerCase(Locale.ROOT)) {
            case "fmp4" -> SegmentFormat.FMP4;
            case "mpegts", "ts" -> SegmentFormat.MPEGTS;
            default -> throw new IllegalArgumentException("hls: format must be fmp4 or mpegts, was '" + format + "'");
        };
        if (lowLatency && f != SegmentFormat.FMP4) {
            throw new IllegalArgumentException("hls: lowLatency needs format=fmp4 (LL-HLS parts are fMP4 fragments)");
        }
        if (!basePath.startsWith("/") || basePath.endsWith("/") || basePath.length() < 2) {
            throw new IllegalArgumentException("hls: basePath must start with / and not end with one, was '" + basePath + "'");
        }
        SegmenterConfig seg = new SegmenterConfig(f, Duration.ofMillis(segmentDuration),
                lowLatency ? Duration.ofMillis(partDuration) : Duration.ZERO);
        return new HlsConfig(seg, playlistSize, maxStreams, Duration.ofMillis(endedRetention),
                directory == null || directory.isBlank() ? null : Path.of(directory),
                maxMemory > 0 ? maxMemory : HlsConfig.defaultMaxMemory());
    }

    boolean sameOrigin(HlsEndpoint other) {
        return Objects.equals(hlsConfig(), other.hlsConfig());
    }

    public String getName() {
        return name;
    }

    /** Who may read here: the endpoint's own authenticator, else the context's. */
    Authenticator authenticator() {
        return MediaAuth.forEndpoint(getCamelContext(), authenticator);
    }

    public Authenticator getAuthenticator() {
        return authenticator;
    }

    /** Decides who may read this origin, instead of the context's one authenticator. */
    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public String getFormat() {
        return format;
    }

    /** Segment container: fmp4 or mpegts. */
    public void setFormat(String format) {
        this.format = format;
    }

    public boolean isLowLatency() {
        return lowLatency;
    }

    /** Low-Latency HLS (fmp4 only). */
    public void setLowLatency(boolean lowLatency) {
        this.lowLatency = lowLatency;
    }

    public long getSegmentDuration() {
        return segmentDuration;
    }

    /** Target segment length in milliseconds (or a duration such as 2s). */
    public void setSegmentDuration(long segmentDuration) {
        this.segmentDuration = segmentDuration;
    }

    public long getPartDuration() {
        return partDuration;
    }

    /** LL-HLS part target in milliseconds (or a duration such as 200ms). */
    public void setPartDuration(long partDuration) {
        this.partDuration = partDuration;
    }

    public int getPlaylistSize() {
        return playlistSize;
    }

    /** Segments listed in the media playlist. */
    public void setPlaylistSize(int playlistSize) {
        this.playlistSize = playlistSize;
    }

    public String getBasePath() {
        return basePath;
    }

    /** URL path the origin is served under. */
    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public String getDirectory() {
        return directory;
    }

    /** Also write segments and playlists under this directory. */
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public long getMaxMemory() {
        return maxMemory;
    }

    /** Bytes of segments all streams of this origin may hold in memory; 0 = 40% of the JVM's max heap. */
    public void setMaxMemory(long maxMemory) {
        this.maxMemory = maxMemory;
    }

    public boolean isServeHttp() {
        return serveHttp;
    }

    /** Serve over Camel Platform HTTP. */
    public void setServeHttp(boolean serveHttp) {
        this.serveHttp = serveHttp;
    }

    public int getMaxStreams() {
        return maxStreams;
    }

    /** Streams served at once. */
    public void setMaxStreams(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    public long getEndedRetention() {
        return endedRetention;
    }

    /** How long an ended stream stays served, in milliseconds (or a duration such as 60s). */
    public void setEndedRetention(long endedRetention) {
        this.endedRetention = endedRetention;
    }
}
