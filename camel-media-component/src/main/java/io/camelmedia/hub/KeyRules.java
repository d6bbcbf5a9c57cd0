package io.camelmedia.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Static keys per action and path: {@code live/cam1=k1, live/studio/*=k2, *=admin}. A key opens only the paths its
 * rules name (exact, a {@code prefix/*}, or every path with {@code *}); an action without rules is open. A request
 * without a path (its key names the stream) is granted the path of the first exact rule of its key; a
 * {@code prefix/*} rule grants {@code prefix/<hash of the key>}, {@code *} grants {@code live/<hash of the key>}.
 */
public final class KeyRules implements Authenticator {
    /** Rules per action: far more than a properties file holds; more needs a hook or JWT. */
    static final int MAX_RULES = 10_000;

    /** One {@code path=key} pair. */
    public record Rule(String pattern, String key) {
        boolean matches(String path) {
            if (pattern.equals("*")) {
                return true;
            }
            if (pattern.endsWith("/*")) {
                // live/cam1/../cam2 is not below live/cam1/: a dot segment never matches a prefix
                return path.startsWith(pattern.substring(0, pattern.length() - 1)) && !hasDotSegment(path);
            }
            return pattern.equals(path);
        }

        private static boolean hasDotSegment(String path) {
            for (String segment : path.split("/", -1)) {
                if (segment.equals(".") || segment.equals("..")) {
                    return true;
                }
            }
            return false;
        }

        boolean exact() {
            return !pattern.endsWith("*");
        }

        boolean keyIs(String presented) {
            // constant time: the comparison does not tell how much of a guess was right
            return presented != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                    presented.getBytes(StandardCharsets.UTF_8));
        }

        /** The path this rule grants a request that names its stream by the key only. */
        String grantedPath(String presented) {
            if (exact()) {
                return pattern;
            }
            return pattern.equals("*") ? AuthDecision.keyPath("live/", presented)
                    : AuthDecision.keyPath(pattern.substring(0, pattern.length() - 1), presented);
        }
    }

    private final Map<AuthAction, List<Rule>> rules;

    private KeyRules(Map<AuthAction, List<Rule>> rules) {
        this.rules = rules;
    }

    /** Rules from comma-separated {@code path=key} lists, one per action (null or blank: that action is open). */
    public static KeyRules parse(String publish, String read, String api) {
        Map<AuthAction, List<Rule>> m = new EnumMap<>(AuthAction.class);
        m.put(AuthAction.PUBLISH, parse(AuthAction.PUBLISH, publish));
        m.put(AuthAction.READ, parse(AuthAction.READ, read));
        m.put(AuthAction.API, parse(AuthAction.API, api));
        return new KeyRules(m);
    }

    /** {@code "live/cam1=k1, live/*=k2"}; throws IllegalArgumentException naming the bad entry. */
    public static List<Rule> parse(AuthAction action, String csv) {
        List<Rule> out = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        for (String entry : csv.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            String pattern = eq < 0 ? "" : e.substring(0, eq).trim();
            String key = eq < 0 ? "" : e.substring(eq + 1).trim();
            if (pattern.isEmpty() || key.isEmpty()) {
                throw new IllegalArgumentException(action.label() + " auth rule '" + e.replaceAll("=.*", "=...")
                        + "' is not path=key (path exact, prefix/* or *)");
            }
            if (pattern.indexOf('*') >= 0 && !pattern.equals("*") && !pattern.endsWith("/*")
                    || pattern.indexOf('*') != pattern.lastIndexOf('*')) {
                throw new IllegalArgumentException(action.label() + " auth rule path '" + pattern
                        + "': '*' only as the whole path or after the last '/'");
            }
            if (out.size() >= MAX_RULES) {
                throw new IllegalArgumentException("more than " + MAX_RULES + " " + action.label() + " auth rules");
            }
            out.add(new Rule(pattern, key));
        }
        return List.copyOf(out);
    }

    public List<Rule> rules(AuthAction action) {
        return rules.get(action);
    }

    @Override
    public boolean isOpen(AuthAction action) {
        return rules.get(action).isEmpty();
    }

    @Override
    public CompletionStage<AuthDecision> authorize(AuthRequest r) {
        return CompletableFuture.completedFuture(decide(r));
    }

    /** The decision, at once. */
    public AuthDecision decide(AuthRequest r) {
        List<Rule> list = rules.get(r.action());
        if (list.isEmpty()) {
            return AuthDecision.allow(r);
        }
        if (r.key() == null || r.key().isEmpty()) {
            return AuthDecision.deny("a key is needed to " + r.action().label() + " " + describe(r.path()));
        }
        if (r.path() == null) {
            Rule best = null;
            for (Rule rule : list) {
                if (rule.keyIs(r.key()) && (best == null || rule.exact() && !best.exact())) {
                    best = rule;
                }
            }
            return best == null ? AuthDecision.deny("the key names no stream to " + r.action().label())
                    : AuthDecision.allow(r, best.grantedPath(r.key()));
        }
        for (Rule rule : list) {
            if (rule.matches(r.path()) && rule.keyIs(r.key())) {
                return AuthDecision.allow(r, r.path());
            }
        }
        return AuthDecision.deny("the key may not " + r.action().label() + " " + r.path());
    }

    private static String describe(String path) {
        return path == null ? "a stream" : path;
    }

    @Override
    public String toString() {
        return "static keys (publish " + rules.get(AuthAction.PUBLISH).size() + " rules, read "
                + rules.get(AuthAction.READ).size() + ", api " + rules.get(AuthAction.API).size() + ")";
    }
}
