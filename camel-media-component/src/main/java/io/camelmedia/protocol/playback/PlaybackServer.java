package io.camelmedia.protocol.playback;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.camelmedia.format.json.JsonText;
import io.camelmedia.format.fmp4.FragmentIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the recordings of one folder under a base path:
 *
 * <pre>
 * GET &lt;base&gt;/list                          {"streams":[{"path","playlist","recordings":[...]}]}
 * GET &lt;base&gt;/&lt;stream path&gt;/list            [{"start","duration","size","url","inProgress"}] (MediaMTX's shape)
 * GET &lt;base&gt;/&lt;stream path&gt;/index.m3u8[?start=&lt;ISO-8601&gt;&amp;duration=&lt;s&gt;]   HLS VOD of byte ranges
 * GET &lt;base&gt;/&lt;stream path&gt;/get?start=&lt;RFC 3339&gt;&amp;duration=&lt;s&gt;[&amp;format=fmp4]   one fMP4 of the span
 * GET &lt;base&gt;/get?path=&lt;stream path&gt;&amp;start=...&amp;duration=...   the same, MediaMTX's shape
 * GET &lt;base&gt;/&lt;stream path&gt;/&lt;start&gt;.mp4[.part]   the file: Range, ETag, Last-Modified, conditionals, HEAD
 * </pre>
 *
 * Live MPEG-TS and WebM recordings ({@code <start>.ts}, {@code <start>.webm}) are listed (start, size, url,
 * inProgress; duration 0: only fMP4 files are indexed) and served as files like the MP4s; playlists take the fMP4
 * files only.
 *
 * Files and spans are answered as a {@link StreamedBody} for the HTTP layer to stream (never read into memory
 * here), with its exact Content-Length ({@link Mp4Span} for {@code get}). Range handling follows RFC 9110 14 with
 * the choices written in {@link ByteRanges} (several ranges: multipart/byteranges); a Range on HEAD is ignored
 * (RFC 9110 14.2: range handling is defined for GET only). A {@code .mp4.part} that has since been finished is
 * served from its {@code .mp4} (a player that listed it keeps working). Paths outside the folder are refused
 * ({@link RequestPath}, {@link RecordingStore#resolve}): 400 for a malformed path, 404 when nothing is there.
 */
public final class PlaybackServer {
    private static final String MP4 = "video/mp4";
    private static final Logger LOG = LoggerFactory.getLogger(PlaybackServer.class);
    static final String PLAYLIST = "application/vnd.apple.mpegurl";
    static final String JSON = "application/json";

    private final RecordingStore store;
    private final String basePath;

    public PlaybackServer(RecordingStore store, String basePath) {
        this.store = store;
        this.basePath = basePath;
    }

    public PlaybackResponse handle(PlaybackRequest req) {
        PlaybackResponse r;
        try {
            r = route(req);
        } catch (RequestPath.BadPath e) {
            r = PlaybackResponse.text(400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("playback {} {} failed: {}", req.method(), req.rawPath(), e.toString());
            r = PlaybackResponse.text(500, "playback failed: " + e.getMessage());
        }
        r.headers().put("Access-Control-Allow-Origin", "*");
        r.headers().put("Access-Control-Expose-Headers", "Content-Range, Content-Length, Accept-Ranges, ETag");
        return req.isHead() ? r.withoutBody() : r;
    }

    private PlaybackResponse route(PlaybackRequest req) throws RequestPath.BadPath, IOException {
        String method = req.method().toUpperCase(Locale.ROOT);
        if (method.equals("OPTIONS")) {
            PlaybackResponse r = PlaybackResponse.bytes(204, "text/plain", new byte[0]);
            r.headers().put("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
            r.headers().put("Access-Control-Allow-Headers", "Range, If-None-Match, If-Range, If-Modified-Since");
            return r;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            PlaybackResponse r = PlaybackResponse.text(405, "playback answers GET and HEAD");
            r.headers().put("Allow", "GET, HEAD, OPTIONS");
            return r;
        }
        List<String> segs = RequestPath.segments(req.rawPath());
        if (segs.isEmpty() || segs.equals(List.of("list"))) {
            return json(listAll());
        }
        if (segs.equals(List.of("get"))) {
            String path = req.query().get("path");
            if (path == null || path.isBlank()) {
                return PlaybackResponse.text(400, "get needs path=<stream path>");
            }
            return get(String.join("/", RequestPath.segments("/" + path)), req);
        }
        String last = segs.get(segs.size() - 1);
        String stream = String.join("/", segs.subList(0, segs.size() - 1));
        if (last.equals("list")) {
            return json(listStream(stream));
        }
        if (last.equals("index.m3u8")) {
            return playlist(stream, req);
        }
        if (last.equals("get") && !stream.isEmpty()) {
            return get(stream, req);
        }
        if (Recording.startOf(last) != null && !stream.isEmpty()) {
            return file(segs, req);
        }
        return PlaybackResponse.text(404, "no such recording, listing or playlist");
    }

    private String listAll() throws IOException {
        StringBuilder sb = new StringBuilder("{\"streams\":[");
        int i = 0;
        for (Map.Entry<String, List<Recording>> e : store.list().entrySet()) {
            sb.append(i++ == 0 ? "" : ",").append("{\"path\":").append(JsonText.quote(e.getKey()))
                    .append(",\"playlist\":").append(JsonText.quote(url(e.getKey(), "index.m3u8")))
                    .append(",\"recordings\":").append(recordings(e.getValue())).append('}');
        }
        return sb.append("]}").toString();
    }

    private String listStream(String stream) throws IOException {
        return recordings(store.list(stream));
    }

    private String recordings(List<Recording> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            Recording r = list.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"start\":").append(JsonText.quote(r.start().toString()));
            sb.append(duration(r));
            sb.append(",\"size\":").append(r.size()).append(",\"url\":").append(JsonText.quote(url(r.streamPath(), r.fileName())))
                    .append(",\"inProgress\":").append(r.inProgress()).append('}');
        }
        return sb.append(']').toString();
    }

    /** {@code ,"duration":<s>} from the fMP4 index; 0 for TS and WebM, which are not indexed. */
    private String duration(Recording r) {
        if (!r.isFragmentedMp4()) {
            return ",\"duration\":0";
        }
        try {
            return String.format(Locale.ROOT, ",\"duration\":%.3f", store.index(r).duration());
        } catch (IOException | RuntimeException e) {
            return ",\"duration\":0,\"error\":" + JsonText.quote(String.valueOf(e.getMessage()));
        }
    }

    private PlaybackResponse playlist(String stream, PlaybackRequest req) throws IOException {
        Instant from;
        Instant to;
        try {
            String start = req.query().get("start");
            String duration = req.query().get("duration");
            from = start == null || start.isBlank() ? null : Instant.parse(start);
            double d = duration == null || duration.isBlank() ? -1 : Double.parseDouble(duration);
            if (duration != null && !duration.isBlank() && (!(d > 0) || d > 1e9)) {
                return PlaybackResponse.text(400, "duration must be seconds above 0, was '" + duration + "'");
            }
            to = d > 0 ? (from == null ? null : from.plusNanos((long) (d * 1e9))) : null;
        } catch (DateTimeParseException | NumberFormatException e) {
            return PlaybackResponse.text(400, "start must be ISO-8601 (2026-01-02T03:04:05Z) and duration seconds: "
                    + e.getMessage());
        }
        String text = VodPlaylist.build(sources(stream), from, to);
        if (text == null) {
            return PlaybackResponse.text(404, "no recording of '" + stream + "' in that span");
        }
        return PlaybackResponse.bytes(200, PLAYLIST, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The stream's recordings with their indexes and init bytes; one that cannot be indexed is left out. */
    private List<VodPlaylist.Source> sources(String stream) throws IOException {
        List<VodPlaylist.Source> sources = new ArrayList<>();
        for (Recording r : store.list(stream)) {
            if (!r.isFragmentedMp4()) {
                continue;   // live MPEG-TS / WebM recordings are served as files, not indexed
            }
            try {
                FragmentIndex index = store.index(r);
                if (!index.fragments().isEmpty()) {
                    sources.add(new VodPlaylist.Source(r, index, r.fileName(), store.init(r, index)));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("playback: {} left out: {}", r.file(), e.getMessage());
            }
        }
        return sources;
    }

    /** MediaMTX's /get: start (RFC 3339) and duration (seconds) are required; format is fmp4 or absent. */
    private PlaybackResponse get(String stream, PlaybackRequest req) throws IOException {
        String format = req.query().get("format");
        if (format != null && !format.isEmpty() && !format.equals("fmp4")) {
            return PlaybackResponse.text(400, "format must be fmp4 (the recordings' own), was '" + format + "'");
        }
        String start = req.query().get("start");
        String duration = req.query().get("duration");
        Instant from;
        double d;
        try {
            from = Instant.parse(start == null ? "" : start);
            d = Double.parseDouble(duration == null ? "" : duration);
        } catch (DateTimeParseException | NumberFormatException e) {
            return PlaybackResponse.text(400, "get needs start=<RFC 3339, e.g. 2026-01-02T03:04:05Z> and "
                    + "duration=<seconds>: " + e.getMessage());
        }
        if (!(d > 0) || d > 1e9) {
            return PlaybackResponse.text(400, "duration must be seconds above 0, was '" + duration + "'");
        }
        StreamedBody body = Mp4Span.of(sources(stream), from, from.plusNanos((long) (d * 1e9)));
        if (body == null) {
            return PlaybackResponse.text(404, "no recording of '" + stream + "' in that span");
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", MP4);
        h.put("Accept-Ranges", "none");
        h.put("Cache-Control", "no-cache");
        return PlaybackResponse.streamed(200, h, body);
    }

    private PlaybackResponse file(List<String> segs, PlaybackRequest req) throws IOException {
        Path file = store.resolve(segs);
        String name = segs.get(segs.size() - 1);
        if (file == null && Recording.isPart(name)) {
            List<String> finished = new ArrayList<>(segs);
            finished.set(segs.size() - 1, name.substring(0, name.length() - ".part".length()));
            file = store.resolve(finished);
        }
        if (file == null) {
            return PlaybackResponse.text(404, "no such recording");
        }
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        long length = a.size();
        long modified = a.lastModifiedTime().toMillis();
        Map<String, String> h = new LinkedHashMap<>();
        String etag = "\"" + Long.toHexString(length) + "-" + Long.toHexString(modified) + "\"";
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Instant.ofEpochMilli(modified), ZoneOffset.UTC));
        h.put("Content-Type", Recording.contentType(name));
        h.put("Accept-Ranges", "bytes");
        h.put("ETag", etag);
        h.put("Last-Modified", lastModified);
        h.put("Cache-Control", "no-cache");
        if (notModified(req, etag, modified)) {
            return new PlaybackResponse(304, h, null, null);
        }
        String range = req.header().apply("Range");
        boolean useRange = range != null && !req.isHead() && ifRange(req.header().apply("If-Range"), etag, modified);
        ByteRanges.Decision d = useRange ? ByteRanges.resolve(range, length) : new ByteRanges.Whole();
        if (d instanceof ByteRanges.Unsatisfiable) {
            PlaybackResponse r = PlaybackResponse.text(416, "range not satisfiable: the file has " + length + " bytes");
            r.headers().put("Content-Range", "bytes */" + length);
            r.headers().put("Accept-Ranges", "bytes");
            return r;
        }
        if (d instanceof ByteRanges.Part p) {
            h.put("Content-Range", "bytes " + p.first() + "-" + p.last() + "/" + length);
            return PlaybackResponse.streamed(206, h, StreamedBody.of(file, p.first(), p.length()));
        }
        if (d instanceof ByteRanges.Parts ps) {
            String boundary = MultipartByteRanges.boundary();
            h.put("Content-Type", "multipart/byteranges; boundary=" + boundary);
            return PlaybackResponse.streamed(206, h, MultipartByteRanges.body(file, ps.parts(), length, Recording.contentType(name), boundary));
        }
        return PlaybackResponse.streamed(200, h, StreamedBody.of(file, 0, length));
    }

    /** RFC 9110 13.1.2 If-None-Match (weak comparison, GET/HEAD: 304), else 13.1.3 If-Modified-Since. */
    private static boolean notModified(PlaybackRequest req, String etag, long modified) {
        String inm = req.header().apply("If-None-Match");
        if (inm != null) {
            for (String tag : inm.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        Instant since = httpDate(req.header().apply("If-Modified-Since"));
        return since != null && modified / 1000 <= since.getEpochSecond();
    }

    /** RFC 9110 13.1.5 If-Range: the range applies when the strong validator still matches. */
    private static boolean ifRange(String ifRange, String etag, long modified) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return v.equals(etag);
        }
        Instant date = httpDate(v);
        return date != null && date.getEpochSecond() == modified / 1000;
    }

    private static Instant httpDate(String v) {
        if (v == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String url(String stream, String file) {
        StringBuilder sb = new StringBuilder(basePath);
        for (String s : stream.split("/")) {
            sb.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.append('/').append(file).toString();
    }

    private static PlaybackResponse json(String text) {
        return PlaybackResponse.bytes(200, JSON, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The store this server reads. */
    public RecordingStore store() {
        return store;
    }
}
