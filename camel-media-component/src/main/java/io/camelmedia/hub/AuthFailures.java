package io.camelmedia.hub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed auth attempts: counted per protocol and action (for metrics: {@link #snapshot()}), logged at WARN with the
 * client address at most once a second (a flood does not flood the log: the next line says how many were left
 * out), and remembered per remote host for {@link #RECENT_MILLIS}, bounded to {@link #MAX_REMOTES} hosts, so
 * {@link GuardedAuthenticator} can slow a remote that keeps guessing.
 */
public final class AuthFailures {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailures.class);
    /** How long a failure marks its remote as guessing: a minute covers any brute-force run. */
    static final long RECENT_MILLIS = 60_000;
    /** Remotes remembered: the oldest are forgotten first, so a spoofed-address flood cannot grow memory. */
    static final int MAX_REMOTES = 10_000;
    /** At most one WARN line per this many milliseconds. */
    static final long LOG_EVERY_MILLIS = 1_000;

    /** A counter's key. */
    public record Kind(String protocol, AuthAction action) {
    }

    private final Map<Kind, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastFailure = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_REMOTES;
        }
    };
    private long lastLog;
    private long suppressed;

    /** Counts, logs and remembers one denial; returns true when the remote had failed recently already. */
    public boolean record(AuthRequest r, String reason) {
        counts.computeIfAbsent(new Kind(r.protocol(), r.action()), k -> new AtomicLong()).incrementAndGet();
        long now = System.currentTimeMillis();
        String host = host(r.remote());
        boolean recent;
        long left;
        synchronized (this) {
            Long last = lastFailure.put(host, now);
            recent = last != null && now - last < RECENT_MILLIS;
            if (now - lastLog < LOG_EVERY_MILLIS) {
                suppressed++;
                return recent;
            }
            lastLog = now;
            left = suppressed;
            suppressed = 0;
        }
        LOG.warn("auth refused: {} {} {} from {}: {}{}", r.protocol(), r.action().label(),
                r.path() == null ? "(path by key)" : r.path(), r.remote(), reason,
                left > 0 ? " (" + left + " more refusals not logged)" : "");
        return recent;
    }

    /** Failures so far per protocol and action. */
    public Map<Kind, Long> snapshot() {
        Map<Kind, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** Failures so far of one protocol and action. */
    public long count(String protocol, AuthAction action) {
        AtomicLong c = counts.get(new Kind(protocol, action));
        return c == null ? 0 : c.get();
    }

    /** The host of {@code 1.2.3.4:5678}, {@code /1.2.3.4:5678}, {@code [::1]:5678}: the unit a guesser is slowed by. */
    static String host(String remote) {
        String s = remote.startsWith("/") ? remote.substring(1) : remote;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? s.substring(1, end) : s;
        }
        int colon = s.indexOf(':');
        return colon > 0 && colon == s.lastIndexOf(':') ? s.substring(0, colon) : s;
    }
}
