package io.camelmedia.app.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelmedia.camel.HttpServing;
import io.camelmedia.camel.HttpTokens;
import io.camelmedia.camel.MediaAuth;
import io.camelmedia.camel.live.LiveComponent;
import io.camelmedia.camel.srt.SrtComponent;
import io.camelmedia.camel.webrtc.WhepComponent;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.hub.StreamStats;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API, {@code /v1} (README "Control API"): each ingress and egress call makes one route from a route
 * template of routes/api-templates.yaml, named by the caller's stream key (Bearer); {@code /v1/streams} lists the
 * live streams of {@code live:streams} with their figures. JSON in and out; errors are a status and
 * {@code {"error": "...", "field": "..."}}, never a stack trace.
 */
@ApplicationScoped
public class ControlApi extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    /** The live: set the app's pipeline publishes into (routes/media-pipeline.yaml). */
    static final String STREAMS = "streams";
    /** RTP codecs the rtp: consumer depacketizes; anything else is 422. */
    private static final Set<String> RTP_CODECS = Set.of("h264", "h265", "vp8", "vp9", "av1", "opus", "aac", "pcmu", "pcma");
    private static final String JSON = "application/json";

    @ConfigProperty(name = "camel.media.api.media-root", defaultValue = ".")
    String mediaRoot;
    @ConfigProperty(name = "camel.media.srt.port", defaultValue = "8890")
    int srtPort;

    private final ObjectMapper json = new ObjectMapper();
    private ApiResources resources;

    @Override
    public void configure() {
        resources = new ApiResources(getContext());
        from("platform-http:/v1/ingress?matchOnUriPrefix=true&httpMethodRestrict=GET,POST,DELETE").routeId("api-v1-ingress")
                .process(e -> handle(e, () -> resourceCall(e, "ingress")));
        from("platform-http:/v1/egress?matchOnUriPrefix=true&httpMethodRestrict=GET,POST,DELETE").routeId("api-v1-egress")
                .process(e -> handle(e, () -> resourceCall(e, "egress")));
        from("platform-http:/v1/hls?httpMethodRestrict=POST").routeId("api-v1-hls")
                .process(e -> handle(e, () -> create(e, "egress", "hls")));
        from("platform-http:/v1/streams?httpMethodRestrict=GET").routeId("api-v1-streams")
                .process(e -> handle(e, () -> {
                    requireApi(e.getIn());
                    return new Answer(200, Map.of("streams", streams(e.getIn())));
                }));
        from("platform-http:/v1/openapi.json?httpMethodRestrict=GET").routeId("api-v1-openapi")
                .process(e -> {
                    try (var in = ControlApi.class.getResourceAsStream("openapi.json")) {
                        HttpServing.respond(e.getMessage(), 200, Map.of("Content-Type", JSON), in.readAllBytes());
                    }
                });
    }

    /** A status and a JSON body. */
    private record Answer(int status, Object body, Map<String, String> headers) {
        Answer(int status, Object body) {
            this(status, body, Map.of());
        }
    }

    @FunctionalInterface
    private interface Call {
        Answer run() throws Exception;
    }

    private void handle(Exchange exchange, Call call) throws Exception {
        Answer a;
        try {
            a = call.run();
        } catch (ApiException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            if (e.field() != null) {
                body.put("field", e.field());
            }
            a = new Answer(e.status(), body, e.status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of());
        } catch (RuntimeException e) {
            LOG.warn("/v1: {} {} failed: {}", exchange.getIn().getHeader(Exchange.HTTP_METHOD),
                    exchange.getIn().getHeader(Exchange.HTTP_PATH), e.toString());
            a = new Answer(500, Map.of("error", "internal error: " + e));
        }
        Map<String, String> headers = new LinkedHashMap<>(a.headers());
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", "no-store");
        HttpServing.respond(exchange.getMessage(), a.status(), headers, a.body() == null ? new byte[0]
                : json.writerWithDefaultPrettyPrinter().writeValueAsBytes(a.body()));
    }

    /**
     * The stream the call's key names, as the context's authenticator decides (README "Authentication"): the
     * Bearer token is the stream key and must be allowed to publish; the path is the one its rule (or hook, or
     * JWT) grants, else derived from the key. 401 without a key, 403 when it may not.
     */
    private String streamOfKey(Message in, String kind) {
        String key = HttpTokens.token(in);
        if (key == null) {
            throw new ApiException(401, null, "a stream key is needed: Authorization: Bearer <stream key>");
        }
        AuthDecision d = AuthDecision.await(MediaAuth.of(getContext()).authorize(
                new AuthRequest(AuthAction.PUBLISH, "api", null, key, HttpTokens.remote(in))));
        if (!d.allowed()) {
            throw new ApiException(403, null, "this key may not start " + kind + ": " + d.reason());
        }
        return d.path();
    }

    /** Listing, showing and deleting: the api action (open when camel.media.auth.api has no rules). */
    private void requireApi(Message in) {
        AuthDecision d = HttpTokens.authorize(MediaAuth.of(getContext()), AuthAction.API, "api", null, in);
        if (!d.allowed()) {
            throw new ApiException(HttpTokens.refusalStatus(in), null, d.reason());
        }
    }

    /** {@code /v1/<kind>[/<type or id>]}: POST makes, GET lists or shows, DELETE removes. */
    private Answer resourceCall(Exchange e, String kind) {
        String method = e.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        if (!"POST".equals(method)) {
            requireApi(e.getIn());
        }
        String rest = subPath(e.getIn(), "/v1/" + kind);
        if ("POST".equals(method)) {
            if (rest.isEmpty() || rest.contains("/")) {
                throw new ApiException(404, null, "POST /v1/" + kind + "/<type>, e.g. /v1/" + kind + "/rtp");
            }
            return create(e, kind, rest);
        }
        if (rest.isEmpty()) {
            if (!"GET".equals(method)) {
                throw new ApiException(405, null, method + " /v1/" + kind + ": use GET, or DELETE /v1/" + kind + "/{id}");
            }
            List<Object> all = new ArrayList<>();
            resources.list(kind).forEach(r -> all.add(describe(r)));
            if (kind.equals("ingress")) {
                all.addAll(publishes());
            }
            return new Answer(200, Map.of(kind, all));
        }
        ApiResources.Resource r = ("DELETE".equals(method) ? resources.delete(kind, rest) : resources.get(kind, rest))
                .orElseThrow(() -> new ApiException(404, null, "no " + kind + " " + rest));
        if ("DELETE".equals(method)) {
            if (r.type().equals("rtp") && kind.equals("egress")) {
                try {
                    Files.deleteIfExists(sdpDir().resolve(r.id() + ".sdp"));
                } catch (java.io.IOException ex) {
                    LOG.debug("/v1: {}.sdp not deleted: {}", r.id(), ex.toString());
                }
            }
            LOG.info("/v1: {} {} ({} of {}) deleted", kind, r.id(), r.type(), r.stream());
            return new Answer(200, describe(r));
        }
        return new Answer(200, describe(r));
    }

    private Answer create(Exchange e, String kind, String type) {
        String stream = streamOfKey(e.getIn(), kind);
        ApiRequest req = ApiRequest.parse(json, e.getIn().getBody(String.class));
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, ApiResources.ById> extra = new LinkedHashMap<>();
        String conflictField = null;
        Path root = Path.of(mediaRoot);
        switch (kind + "/" + type) {
            case "ingress/files" -> {
                Path file = req.pathUnder("path", root, true);
                fields.put("path", req.string("path"));
                fields.put("mediaTypes", List.of(req.mediaTypes().split(",")));
                boolean loop = req.optionalBoolean("loop", false);
                fields.put("loop", loop);
                params.put("path", file.toString());
                params.put("mediaTypes", req.mediaTypes());
                params.put("loop", loop);
            }
            case "ingress/rtp" -> {
                String addr = req.address("addr");
                int port = req.integer("port", 1, 65534);
                int pt = req.integer("payloadType", 0, 127);
                String codec = req.string("codecType").toLowerCase(Locale.ROOT);
                if (!RTP_CODECS.contains(codec)) {
                    throw new ApiException(422, "codecType", "codecType: '" + codec + "' is not supported; one of "
                            + new java.util.TreeSet<>(RTP_CODECS));
                }
                if (resources.inUse("ingress", "rtp", "port", port)) {
                    throw new ApiException(409, "port", "port: " + port + " is already taken by another RTP ingress");
                }
                fields.put("addr", addr);
                fields.put("port", port);
                fields.put("payloadType", pt);
                fields.put("codecType", codec);
                params.put("addr", addr);
                params.put("port", port);
                params.put("payloadType", pt);
                params.put("codecType", codec);
                if (codec.equals("aac")) {
                    int clock = req.integer("clockRate", 8000, 96000);
                    String fmtp = req.string("fmtp");
                    fields.put("clockRate", clock);
                    fields.put("fmtp", fmtp);
                    params.put("clockRate", clock);
                    params.put("fmtp", fmtp);
                }
                conflictField = "port";
            }
            case "egress/rtp" -> {
                String media = destination(req, 65533, fields, params);   // audio goes to port + 2
                params.put("track", media.contains(",") ? "all" : media);
                extra.put("sdpUrl", id -> "/rtp/" + id + ".sdp");
            }
            case "egress/srt" -> {
                destination(req, 65535, fields, params);
                String streamId = req.optionalString("streamId");
                if (streamId != null) {
                    fields.put("streamId", streamId);
                    params.put("streamId", streamId);
                }
                String passphrase = req.optionalString("passphrase");
                if (passphrase != null) {
                    if (passphrase.length() < 10 || passphrase.length() > 79) {
                        throw ApiException.badField("passphrase", "must be 10 to 79 characters (SRT)");
                    }
                    params.put("passphrase", passphrase);   // never shown back
                }
                int latency = req.optionalInteger("latency", 20, 8000, 120);
                fields.put("latency", latency);
                params.put("latency", latency);
            }
            case "egress/files" -> {
                Path dir = req.pathUnder("path", root, false);
                int interval = req.optionalInteger("interval", 1000, 86_400_000, 3_600_000);
                fields.put("path", req.string("path"));
                fields.put("mediaTypes", List.of(req.mediaTypes().split(",")));
                fields.put("interval", interval);
                params.put("path", dir.toString());
                params.put("mediaTypes", req.mediaTypes());
                params.put("interval", interval);
                conflictField = "path";
            }
            case "egress/hls" -> {
                String path = req.optionalString("path");
                int interval = req.optionalInteger("interval", 500, 60_000, 2000);
                String format = Optional.ofNullable(req.optionalString("format")).orElse("fmp4").toLowerCase(Locale.ROOT);
                if (!format.equals("fmp4") && !format.equals("mpegts")) {
                    throw ApiException.badField("format", "must be fmp4 or mpegts, was '" + format + "'");
                }
                if (path != null) {
                    params.put("path", req.pathUnder("path", root, false).toString());
                    fields.put("path", path);
                }
                fields.put("mediaTypes", List.of(req.mediaTypes().split(",")));
                fields.put("interval", interval);
                fields.put("format", format);
                params.put("mediaTypes", req.mediaTypes());
                params.put("interval", interval);
                params.put("format", format);
                extra.put("playlist", id -> "/v1/hls/" + id + "/" + stream + "/index.m3u8");
                conflictField = "path";
            }
            default -> throw new ApiException(404, null, "no " + kind + " of type '" + type + "'");
        }
        if (kind.equals("egress") && type.equals("rtp")) {
            // the SDP the rtp: producer writes at STARTED, served back in the answer and at /rtp/<id>.sdp
            params.put("sdpFile", (ApiResources.ById) id -> sdpDir().resolve(id + ".sdp").toString());
            params.put("sdpName", (ApiResources.ById) id -> id);
        }
        if (kind.equals("ingress")) {
            refuseSecondPublisher(stream, type);
        }
        ApiResources.Resource r = resources.create(kind, type, stream, fields, params, extra, conflictField);
        LOG.info("/v1: {} {} ({} of {}) started", kind, r.id(), type, stream);
        Map<String, Object> body = describe(r);
        if (kind.equals("egress") && type.equals("rtp")) {
            awaitSdp(r).ifPresent(sdp -> body.put("sdp", sdp));
        }
        return new Answer(201, body, Map.of("Location", "/v1/" + kind + "/" + r.id()));
    }

    /** The {@code addr}, {@code port} and {@code mediaTypes} of an egress that sends somewhere; its media types. */
    private static String destination(ApiRequest req, int maxPort, Map<String, Object> fields, Map<String, Object> params) {
        String addr = req.address("addr");
        int port = req.integer("port", 1, maxPort);
        String media = req.mediaTypes();
        fields.put("addr", addr);
        fields.put("port", port);
        fields.put("mediaTypes", List.of(media.split(",")));
        params.put("addr", addr);
        params.put("port", port);
        params.put("mediaTypes", media);
        return media;
    }

    /** One publisher per stream: only RTP inputs join each other (video + audio make one stream). */
    private void refuseSecondPublisher(String stream, String type) {
        List<ApiResources.Resource> same = resources.list("ingress").stream().filter(r -> r.stream().equals(stream)).toList();
        for (ApiResources.Resource r : same) {
            if (!(type.equals("rtp") && r.type().equals("rtp"))) {
                throw new ApiException(409, null, "stream key in use: " + stream + " is published by " + r.id()
                        + " (" + r.type() + ")");
            }
        }
        if (same.isEmpty() && LiveComponent.fanOut(getContext(), STREAMS).isLive(stream)) {
            StreamStats.Snapshot s = LiveComponent.fanOut(getContext(), STREAMS).stats(stream).orElse(null);
            throw new ApiException(409, null, "stream key in use: " + stream + " is live"
                    + (s == null || s.source() == null ? "" : " (" + s.source() + ")"));
        }
    }

    private Path sdpDir() {
        Path d = Path.of(System.getProperty("java.io.tmpdir"), "camel-media-api");
        try {
            Files.createDirectories(d);
        } catch (java.io.IOException e) {
            throw new ApiException(500, null, "cannot make " + d + ": " + e.getMessage());
        }
        return d;
    }

    private Optional<String> awaitSdp(ApiResources.Resource r) {
        Path sdp = sdpDir().resolve(r.id() + ".sdp");
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(sdp)) {
                try {
                    return Optional.of(Files.readString(sdp));
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }
            if (!LiveComponent.fanOut(getContext(), STREAMS).isLive(r.stream())) {
                return Optional.empty();   // written when the stream starts: GET the sdpUrl then
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Live streams no API ingress made (RTMP, SRT, WHIP publishes): ingress too, as {@code <source>:<path>}. */
    private List<Object> publishes() {
        Set<String> made = new java.util.HashSet<>();
        resources.list("ingress").forEach(r -> made.add(r.stream()));
        List<Object> out = new ArrayList<>();
        for (StreamStats.Snapshot s : LiveComponent.fanOut(getContext(), STREAMS).stats()) {
            if (s.info() != null && !made.contains(s.path())) {
                Map<String, Object> m = new LinkedHashMap<>();
                String source = s.source() == null ? "unknown" : s.source();
                m.put("id", source + ":" + s.path());
                m.put("type", source);
                m.put("stream", s.path());
                m.put("status", "started");
                m.put("live", true);
                m.put("createdAt", java.time.Instant.ofEpochMilli(s.startedAtMillis()).toString());
                out.add(m);
            }
        }
        return out;
    }

    private Map<String, Object> describe(ApiResources.Resource r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("type", r.type());
        m.put("stream", r.stream());
        m.putAll(r.fields());
        r.extra().forEach((k, v) -> m.put(k, v));
        m.put("status", resources.status(r));
        m.put("live", LiveComponent.fanOut(getContext(), STREAMS).isLive(r.stream()));
        m.put("createdAt", java.time.Instant.ofEpochMilli(r.createdAtMillis()).toString());
        return m;
    }

    private List<Object> streams(Message in) {
        StreamHub live = LiveComponent.fanOut(getContext(), STREAMS);
        WhepComponent whep = getContext().getComponent("whep", WhepComponent.class);
        String host = hostOf(in);
        List<Object> out = new ArrayList<>();
        for (StreamStats.Snapshot s : live.stats()) {
            if (s.info() == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", s.path());
            m.put("source", s.source());
            m.put("uptimeMs", s.uptimeMillis());
            List<Object> tracks = new ArrayList<>();
            for (Track t : s.info().tracks()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("id", t.id());
                tm.put("type", t.mediaType().name().toLowerCase(Locale.ROOT));
                tm.put("codec", t.codec().name());
                if (t.mediaType() == MediaType.VIDEO) {
                    tm.put("width", t.width());
                    tm.put("height", t.height());
                } else if (t.mediaType() == MediaType.AUDIO) {
                    tm.put("sampleRate", t.sampleRate());
                    tm.put("channels", t.channels());
                }
                tracks.add(tm);
            }
            m.put("tracks", tracks);
            m.put("bitrate", s.bitrate());
            m.put("fps", Math.round(s.fps() * 100) / 100.0);
            m.put("keyframeIntervalMs", s.keyframeIntervalMs());
            m.put("frames", s.frames());
            m.put("bytes", s.bytes());
            Map<String, Object> readers = new LinkedHashMap<>();
            readers.put("routes", s.readers());
            readers.put("webrtc", whep.readers(s.path()));
            readers.put("srt", getContext().getComponent("srt", SrtComponent.class).readers(s.path()));
            m.put("readers", readers);
            m.put("ingress", resources.list("ingress").stream().filter(r -> r.stream().equals(s.path()))
                    .map(ApiResources.Resource::id).toList());
            m.put("egress", resources.list("egress").stream().filter(r -> r.stream().equals(s.path()))
                    .map(ApiResources.Resource::id).toList());
            Map<String, Object> urls = new LinkedHashMap<>();
            urls.put("hls", "/hls/" + s.path() + "/index.m3u8");
            urls.put("hlsTs", "/hls-ts/" + s.path() + "/index.m3u8");
            urls.put("whep", "/whep/" + s.path());
            urls.put("srt", "srt://" + host + ":" + srtPort + "?streamid=read:" + s.path());
            m.put("urls", urls);
            out.add(m);
        }
        return out;
    }

    private static String hostOf(Message in) {
        String h = in.getHeader("Host", String.class);
        if (h == null || h.isBlank()) {
            return "localhost";
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 && !h.endsWith("]") ? h.substring(0, colon) : h;
    }

    private static String subPath(Message in, String base) {
        String p = in.getHeader(Exchange.HTTP_PATH, String.class);
        if (p == null) {
            p = in.getHeader(Exchange.HTTP_URI, String.class);
        }
        if (p == null) {
            return "";
        }
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        if (p.startsWith(base)) {
            p = p.substring(base.length());
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
