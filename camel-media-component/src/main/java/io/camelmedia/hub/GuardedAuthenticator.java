package io.camelmedia.hub;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What every endpoint asks: wraps the configured {@link Authenticator}, turns its failures into denials, and for
 * each denial counts and logs it ({@link AuthFailures}) and, when the remote failed recently already, answers only
 * after {@link #DEFAULT_DENIAL_DELAY} (no brute force at line rate). The delay holds no thread: one shared
 * scheduler completes the stage. Allowed answers are never delayed.
 */
public final class GuardedAuthenticator implements Authenticator {
    /** 1 s per guess after the first: a 6-character key takes years instead of hours. */
    public static final Duration DEFAULT_DENIAL_DELAY = Duration.ofSeconds(1);
    private static final ScheduledExecutorService DELAYS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "camel-media-auth-delay");
        t.setDaemon(true);
        return t;
    });

    private final Authenticator inner;
    private final AuthFailures failures = new AuthFailures();
    private final long delayMillis;

    public GuardedAuthenticator(Authenticator inner) {
        this(inner, DEFAULT_DENIAL_DELAY);
    }

    public GuardedAuthenticator(Authenticator inner, Duration denialDelay) {
        this.inner = inner;
        this.delayMillis = denialDelay.toMillis();
    }

    /** The authenticator this guards. */
    public Authenticator inner() {
        return inner;
    }

    /** Failed attempts per protocol and action (for metrics). */
    public AuthFailures failures() {
        return failures;
    }

    @Override
    public boolean isOpen(AuthAction action) {
        return inner.isOpen(action);
    }

    @Override
    public CompletionStage<AuthDecision> authorize(AuthRequest r) {
        CompletionStage<AuthDecision> decided;
        try {
            decided = inner.authorize(r);
        } catch (RuntimeException e) {
            decided = CompletableFuture.failedFuture(e);
        }
        return decided.handle((d, e) -> d != null && e == null ? d
                        : AuthDecision.deny("the authenticator failed: " + (e == null ? "no decision" : rootMessage(e))))
                .thenCompose(d -> d.allowed() ? CompletableFuture.completedFuture(d) : denied(r, d));
    }

    private CompletionStage<AuthDecision> denied(AuthRequest r, AuthDecision d) {
        boolean guessing = failures.record(r, d.reason());
        if (!guessing || delayMillis <= 0) {
            return CompletableFuture.completedFuture(d);
        }
        CompletableFuture<AuthDecision> later = new CompletableFuture<>();
        DELAYS.schedule(() -> later.complete(d), delayMillis, TimeUnit.MILLISECONDS);
        return later;
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
