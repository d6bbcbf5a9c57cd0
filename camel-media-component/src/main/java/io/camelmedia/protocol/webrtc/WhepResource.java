package io.camelmedia.protocol.webrtc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.protocol.webrtc.sdp.Negotiation;
import io.camelmedia.protocol.webrtc.sdp.WebRtcOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WHEP: each POST is a viewer of a stream served by {@code hub} (the fan-out the {@code whep:} producer feeds).
 * The offer is answered with the stream's tracks whose codec the viewer can take; a track it cannot (AAC from
 * RTMP: WebRTC has no AAC) is left out, logged once per stream.
 */
public final class WhepResource extends WebRtcResource {
    private static final Logger LOG = LoggerFactory.getLogger(WhepResource.class);
    /** Streams already warned about, bounded so a churn of paths cannot grow it. */
    private static final int MAX_WARNED = 1024;

    private final StreamHub hub;
    private final Authenticator auth;
    private final ReaderConfig readerConfig;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public WhepResource(WebRtcServer server, String basePath, StreamHub hub, Authenticator auth, ReaderConfig readerConfig) {
        super(server, basePath);
        this.hub = hub;
        this.auth = auth;
        this.readerConfig = readerConfig;
    }

    @Override
    protected String protocolName() {
        return "WHEP";
    }

    @Override
    protected boolean owns(WebRtcSession s) {
        return s instanceof WhepSession;
    }

    @Override
    protected WebRtcSession createSession(String streamPath, String token, WebRtcOffer offer, HttpRequest req) {
        String path = authorize(auth, AuthAction.READ, streamPath, token, req);
        StreamInfo info = hub.info(path).orElseThrow(() -> new Refused(404, "stream " + path + " is not live"));
        Negotiation n = Negotiation.forEgress(offer, info.tracks());
        warnLeftOut(info, n);
        WhepSession s = new WhepSession(server, hub, path, offer, n, req.remote(), readerConfig);
        try {
            s.start();
        } catch (IllegalStateException e) {
            throw new Refused(503, "WebRTC server full: " + e.getMessage());
        }
        return s;
    }

    private void warnLeftOut(StreamInfo info, Negotiation n) {
        for (Track t : info.tracks()) {
            boolean sent = n.media().stream().anyMatch(m -> m.accepted() && m.track() != null && m.track().id() == t.id());
            if (!sent && warned.size() < MAX_WARNED && warned.add(info.path() + "#" + t.id())) {
                LOG.info("WHEP {}: {} track {} ({}) is left out: the viewer offered no such codec{}", info.path(),
                        t.mediaType() == MediaType.AUDIO ? "audio" : "video", t.id(), t.codec(),
                        t.codec() == io.camelmedia.frame.Codec.AAC ? " (WebRTC has no AAC; transcoding to Opus comes later)" : "");
            }
        }
    }
}
