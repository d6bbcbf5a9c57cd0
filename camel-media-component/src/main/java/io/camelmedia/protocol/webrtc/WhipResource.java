package io.camelmedia.protocol.webrtc;

import java.util.Set;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.hub.PublishingListener;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.protocol.webrtc.sdp.Negotiation;
import io.camelmedia.protocol.webrtc.sdp.WebRtcOffer;

/**
 * WHIP (RFC 9725): each POST is a publisher of {@code <stream path>}. The path is claimed in the one
 * {@link StreamHub} of the context (so it is live once whatever the protocol; the authenticator decides with
 * the Bearer token as the key), and the stream goes both to {@code sink} (the route) and to the hub's
 * publisher (readers, key frame requests).
 */
public final class WhipResource extends WebRtcResource {
    /** What a WHIP publisher may send: everything the RTP core depacketizes. */
    public static final Set<Codec> DEFAULT_CODECS = Set.of(Codec.H264, Codec.H265, Codec.VP8, Codec.VP9, Codec.AV1,
            Codec.OPUS, Codec.PCMU, Codec.PCMA);

    private final StreamHub hub;
    private final Authenticator auth;
    private final Set<Codec> accepted;
    private final MediaListener sink;

    /** @param auth who may publish (the Bearer token is the key) */
    public WhipResource(WebRtcServer server, String basePath, StreamHub hub, Authenticator auth, Set<Codec> accepted,
                        MediaListener sink) {
        super(server, basePath);
        this.hub = hub;
        this.auth = auth;
        this.accepted = Set.copyOf(accepted);
        this.sink = sink;
    }

    @Override
    protected String protocolName() {
        return "WHIP";
    }

    @Override
    protected boolean owns(WebRtcSession s) {
        return s instanceof WhipSession;
    }

    @Override
    protected WebRtcSession createSession(String streamPath, String token, WebRtcOffer offer, HttpRequest req) {
        String path = authorize(auth, AuthAction.PUBLISH, streamPath, token, req);
        Negotiation n = Negotiation.forIngest(offer, accepted);
        StreamHub.ClaimResult claim = hub.claimAuthorized(path, new Object());
        switch (claim.status()) {
            case OK -> {
            }
            case ALREADY_PUBLISHING -> throw new Refused(409, path + " is already being published");
            case TOO_MANY_STREAMS -> throw new Refused(503, "too many live streams");
            default -> throw new Refused(503, "cannot publish " + path + ": " + claim.status());
        }
        StreamHub.Publisher publisher = claim.publisher();
        WhipSession s;
        try {
            s = new WhipSession(server, path, offer, n, req.remote(), new PublishingListener(publisher, sink));
            s.start();
        } catch (IllegalStateException e) {
            publisher.release();
            throw new Refused(503, "WebRTC server full: " + e.getMessage());
        } catch (RuntimeException e) {
            publisher.release();
            throw e;
        }
        publisher.onKeyframeRequest(s::requestKeyframe);
        s.onClose(x -> publisher.release());
        return s;
    }
}
