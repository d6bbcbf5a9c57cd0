package io.camelmedia.protocol.srt;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.camelmedia.frame.MediaListener;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.hub.PublishingListener;
import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.StreamHub;
import io.netty.channel.EventLoopGroup;

/**
 * One SRT port serving media both ways, routed by stream id ({@link SrtStreamId}): publishers claim their path in
 * the shared hub and go to the sink (a route) and the hub's readers; readers ({@code read:live/cam},
 * {@code m=request}) get a stream of the read fan-out as MPEG-TS, through its bounded per-reader queue on their
 * connection's event loop. Either side may be absent: then that mode is refused with BAD_MODE.
 */
public final class SrtMediaServer implements AutoCloseable {

    private final SrtListener listener;
    private final String defaultPath;
    private volatile Publishing publishing;
    private volatile Reading reading;

    private record Publishing(MediaListener sink, Authenticator auth, StreamHub claims) {
    }

    private record Reading(StreamHub fanOut, Authenticator auth, ReaderConfig config) {
    }

    /** {@code defaultPath}: the stream of a caller that sends no stream id (null refuses such callers). */
    public SrtMediaServer(String host, int port, SrtSettings settings, int maxConnections, String defaultPath,
            EventLoopGroup group) {
        this.defaultPath = defaultPath;
        this.listener = new SrtListener(host, port, settings, maxConnections, new SrtAcceptor() {
            @Override
            public SrtAcceptor.Decision decide(String sid, InetSocketAddress peer) {
                return decideLater(sid, peer).toCompletableFuture().getNow(
                        SrtAcceptor.Decision.reject(SrtRejectReason.OVERLOAD, "auth decision pending"));
            }

            @Override
            public CompletionStage<SrtAcceptor.Decision> decideLater(String sid, InetSocketAddress peer) {
                return SrtMediaServer.this.decide(sid, peer);
            }
        }, group);
    }

    public void start() throws InterruptedException {
        listener.start();
    }

    public int port() {
        return listener.port();
    }

    public SrtListener listener() {
        return listener;
    }

    /** Accept publishers: {@code auth} decides by path and key, then the granted path is claimed in {@code claims}. */
    public void publishTo(MediaListener sink, Authenticator auth, StreamHub claims) {
        this.publishing = sink == null ? null : new Publishing(sink, auth, claims);
    }

    /** Serve readers from {@code fanOut}, those {@code auth} allows. */
    public void serveFrom(StreamHub fanOut, Authenticator auth, ReaderConfig config) {
        this.reading = fanOut == null ? null : new Reading(fanOut, auth, config);
    }

    private CompletionStage<SrtAcceptor.Decision> decide(String sid, InetSocketAddress peer) {
        SrtStreamId id = SrtStreamId.parse(sid, defaultPath, false);
        String remote = peer.getAddress().getHostAddress() + ":" + peer.getPort();
        return id.read() ? read(id, remote) : publish(id, remote);
    }

    private CompletionStage<SrtAcceptor.Decision> publish(SrtStreamId id, String remote) {
        Publishing p = publishing;
        if (p == null) {
            return now(SrtAcceptor.Decision.reject(SrtRejectReason.BAD_MODE, "this port takes no publishers"));
        }
        return p.auth().authorize(new AuthRequest(AuthAction.PUBLISH, "srt", id.path(), id.key(), remote))
                .thenApply(d -> d.allowed() ? claim(p, d.path())
                        : SrtAcceptor.Decision.reject(SrtRejectReason.UNAUTHORIZED, d.reason()));
    }

    private SrtAcceptor.Decision claim(Publishing p, String path) {
        StreamHub.ClaimResult claim = p.claims().claimAuthorized(path, this);
        switch (claim.status()) {
            case OK -> {
            }
            case ALREADY_PUBLISHING -> {
                return SrtAcceptor.Decision.reject(SrtRejectReason.CONFLICT, path + " is already being published");
            }
            default -> {
                return SrtAcceptor.Decision.reject(SrtRejectReason.OVERLOAD, "cannot publish " + path + ": " + claim.status());
            }
        }
        StreamHub.Publisher publisher = claim.publisher();
        return SrtAcceptor.Decision.accept(new SrtMediaIngest(path, new PublishingListener(publisher, p.sink()), publisher::release));
    }

    private CompletionStage<SrtAcceptor.Decision> read(SrtStreamId id, String remote) {
        Reading r = reading;
        if (r == null) {
            return now(SrtAcceptor.Decision.reject(SrtRejectReason.BAD_MODE, "this port serves no readers"));
        }
        return r.auth().authorize(new AuthRequest(AuthAction.READ, "srt", id.path(), id.key(), remote)).thenApply(d -> {
            if (!d.allowed()) {
                return SrtAcceptor.Decision.reject(SrtRejectReason.UNAUTHORIZED, d.reason());
            }
            if (!r.fanOut().isLive(d.path())) {
                return SrtAcceptor.Decision.reject(SrtRejectReason.NOTFOUND, d.path() + " is not live");
            }
            return SrtAcceptor.Decision.accept(new SrtStreamReader(r.fanOut(), d.path(), remote, r.config(), true));
        });
    }

    private static CompletionStage<SrtAcceptor.Decision> now(SrtAcceptor.Decision d) {
        return CompletableFuture.completedFuture(d);
    }

    @Override
    public void close() {
        listener.close();
    }
}
