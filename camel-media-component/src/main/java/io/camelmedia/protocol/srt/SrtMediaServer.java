package io.camelmedia.protocol.srt;

import java.net.InetSocketAddress;

import io.camelmedia.frame.MediaListener;
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

    private record Reading(StreamHub fanOut, ReaderConfig config) {
    }

    /** {@code defaultPath}: the stream of a caller that sends no stream id (null refuses such callers). */
    public SrtMediaServer(String host, int port, SrtSettings settings, int maxConnections, String defaultPath,
            EventLoopGroup group) {
        this.defaultPath = defaultPath;
        this.listener = new SrtListener(host, port, settings, maxConnections, this::decide, group);
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

    /** Accept publishers: {@code auth} decides by path and key, then the path is claimed in {@code claims}. */
    public void publishTo(MediaListener sink, Authenticator auth, StreamHub claims) {
        this.publishing = sink == null ? null : new Publishing(sink, auth, claims);
    }

    /** Serve readers from {@code fanOut} (its authenticator decides who may read). */
    public void serveFrom(StreamHub fanOut, ReaderConfig config) {
        this.reading = fanOut == null ? null : new Reading(fanOut, config);
    }

    private SrtAcceptor.Decision decide(String sid, InetSocketAddress peer) {
        SrtStreamId id = SrtStreamId.parse(sid, defaultPath, false);
        String remote = peer.getAddress().getHostAddress() + ":" + peer.getPort();
        return id.read() ? read(id, remote) : publish(id, remote);
    }

    private SrtAcceptor.Decision publish(SrtStreamId id, String remote) {
        Publishing p = publishing;
        if (p == null) {
            return SrtAcceptor.Decision.reject(SrtRejectReason.BAD_MODE, "this port takes no publishers");
        }
        if (!p.auth().allowPublish(id.path(), id.key(), remote)) {
            return SrtAcceptor.Decision.reject(SrtRejectReason.UNAUTHORIZED,
                    (id.key() == null ? "no key for " : "the key may not publish ") + id.path());
        }
        StreamHub.ClaimResult claim = p.claims().claim(id.path(), id.key(), remote, this);
        switch (claim.status()) {
            case OK -> {
            }
            case UNAUTHORIZED -> {
                return SrtAcceptor.Decision.reject(SrtRejectReason.UNAUTHORIZED, "the key may not publish " + id.path());
            }
            case ALREADY_PUBLISHING -> {
                return SrtAcceptor.Decision.reject(SrtRejectReason.CONFLICT, id.path() + " is already being published");
            }
            default -> {
                return SrtAcceptor.Decision.reject(SrtRejectReason.OVERLOAD, "cannot publish " + id.path() + ": " + claim.status());
            }
        }
        StreamHub.Publisher publisher = claim.publisher();
        return SrtAcceptor.Decision.accept(new SrtMediaIngest(id.path(), new PublishingListener(publisher, p.sink()), publisher::release));
    }

    private SrtAcceptor.Decision read(SrtStreamId id, String remote) {
        Reading r = reading;
        if (r == null) {
            return SrtAcceptor.Decision.reject(SrtRejectReason.BAD_MODE, "this port serves no readers");
        }
        if (!r.fanOut().authenticator().allowRead(id.path(), id.key(), remote)) {
            return SrtAcceptor.Decision.reject(SrtRejectReason.UNAUTHORIZED, "the key may not read " + id.path());
        }
        if (!r.fanOut().isLive(id.path())) {
            return SrtAcceptor.Decision.reject(SrtRejectReason.NOTFOUND, id.path() + " is not live");
        }
        return SrtAcceptor.Decision.accept(new SrtStreamReader(r.fanOut(), id.path(), id.key(), remote, r.config(), true));
    }

    @Override
    public void close() {
        listener.close();
    }
}
