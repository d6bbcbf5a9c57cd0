package io.camelmedia.hub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a client may publish, read or call the API, and at which public path. One mechanism for every
 * endpoint (DESIGN.md "Bad input and failure"): static {@link KeyRules} from configuration, a hook, JWT, or any
 * implementation a user plugs in. Asynchronous, so a hook may ask a service without holding an event loop;
 * callers continue when the stage completes (and on their own thread).
 */
public interface Authenticator {

    /** Completes with the decision; never completes exceptionally (a failure is a denial with its reason). */
    CompletionStage<AuthDecision> authorize(AuthRequest r);

    /** True when everyone may do {@code action} (servers say so at start; RTMP then takes the stream name as the path). */
    boolean isOpen(AuthAction action);

    /** Lets everyone do everything; a request without a path is served at its key's derived path. */
    Authenticator OPEN = new Authenticator() {
        @Override
        public CompletionStage<AuthDecision> authorize(AuthRequest r) {
            return CompletableFuture.completedFuture(AuthDecision.allow(r));
        }

        @Override
        public boolean isOpen(AuthAction action) {
            return true;
        }

        @Override
        public String toString() {
            return "open";
        }
    };
}
