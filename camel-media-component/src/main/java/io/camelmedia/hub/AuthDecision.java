package io.camelmedia.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link Authenticator}'s answer.
 *
 * @param allowed true when the request may go on
 * @param path    the public stream path granted: the request's path, or (when the request named its stream by its
 *                key only) the path that key maps to; null when refused
 * @param reason  why it was refused (for logs and the client's error), or null
 */
public record AuthDecision(boolean allowed, String path, String reason) {
    /** Hex digits of SHA-256(key) in a derived path: 64 bits, no collision among any real number of keys. */
    static final int KEY_PATH_HEX = 16;

    /**
     * Longest a blocking caller waits for a decision: a hook's 2 s timeout plus the 1 s failure delay, with room.
     * Only threads that may block wait (the HTTP endpoints run on Platform HTTP's worker threads).
     */
    public static final long MAX_WAIT_SECONDS = 10;

    /** Waits for {@code decision} on a thread that may block; no decision in time (or interrupted) is a denial. */
    public static AuthDecision await(CompletionStage<AuthDecision> decision) {
        try {
            return decision.toCompletableFuture().get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deny("interrupted while deciding");
        } catch (ExecutionException | TimeoutException e) {
            return deny("no auth decision: " + e);
        }
    }

    public static AuthDecision deny(String reason) {
        return new AuthDecision(false, null, reason);
    }

    /** Allows {@code r} at {@code path}; with a null path, at the request's own path (or the key's, see below). */
    public static AuthDecision allow(AuthRequest r, String path) {
        return path != null ? new AuthDecision(true, path, null) : allow(r);
    }

    /**
     * Allows {@code r} at its path; a request without a path gets {@link #keyPath} of its key, and without a key
     * either it is refused. The one place a key becomes a path, so a secret never becomes a public name.
     */
    public static AuthDecision allow(AuthRequest r) {
        if (r.path() != null) {
            return new AuthDecision(true, r.path(), null);
        }
        if (r.key() == null || r.key().isEmpty()) {
            return deny("a stream key is needed");
        }
        return new AuthDecision(true, keyPath("live/", r.key()), null);
    }

    /** {@code prefix} + the first 16 hex digits of SHA-256(key): a stable public name that does not reveal it. */
    public static String keyPath(String prefix, String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(prefix);
            for (int i = 0; i < KEY_PATH_HEX / 2; i++) {
                b.append(Character.forDigit((d[i] >> 4) & 0xF, 16)).append(Character.forDigit(d[i] & 0xF, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
