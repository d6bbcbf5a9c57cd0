package io.camelmedia.protocol.srt;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A listener's decision on each caller whose conclusion handshake is valid: the stream id and the peer in, a
 * handler or a rejection out. Called on the listener's event loop; must not block: a decision that takes time
 * (an auth hook) comes from {@link #decideLater}, and the listener answers the caller when it completes.
 */
@FunctionalInterface
public interface SrtAcceptor {

    Decision decide(String streamId, InetSocketAddress peer);

    /** The decision, possibly later; the listener calls this one. */
    default CompletionStage<Decision> decideLater(String streamId, InetSocketAddress peer) {
        return CompletableFuture.completedFuture(decide(streamId, peer));
    }

    /** Accept with {@code handler}, or reject with {@code reason} (then {@code handler} is null). */
    record Decision(SrtConnection.Handler handler, SrtRejectReason reason, String why) {
        public static Decision accept(SrtConnection.Handler handler) {
            return new Decision(handler, null, null);
        }

        public static Decision reject(SrtRejectReason reason, String why) {
            return new Decision(null, reason, why);
        }
    }
}
