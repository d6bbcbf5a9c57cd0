package io.camelmedia.protocol.srt;

import java.net.InetSocketAddress;

/**
 * A listener's decision on each caller whose conclusion handshake is valid: the stream id and the peer in, a
 * handler or a rejection out. Called on the listener's event loop; must not block.
 */
@FunctionalInterface
public interface SrtAcceptor {

    Decision decide(String streamId, InetSocketAddress peer);

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
