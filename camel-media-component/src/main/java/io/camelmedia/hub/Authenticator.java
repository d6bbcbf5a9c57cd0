package io.camelmedia.hub;

import java.util.Set;

/**
 * Decides whether a client may publish or read a stream. One mechanism for every endpoint
 * (DESIGN.md "Bad input and failure"): static keys from configuration, or any implementation a user
 * plugs in (a bean that asks a database, an HTTP hook...).
 */
public interface Authenticator {

    /**
     * @param path   the stream path, e.g. {@code live/cam1}
     * @param key    the key the client presented (RTMP: {@code ?key=} of the stream name, else the name itself)
     * @param remote the client's address, for logs and allow-lists
     */
    boolean allowPublish(String path, String key, String remote);

    default boolean allowRead(String path, String key, String remote) {
        return true;
    }

    /** True when this authenticator lets everyone publish (so servers can warn at start). */
    default boolean isOpen() {
        return false;
    }

    /** Lets everyone publish and read. */
    Authenticator OPEN = new Authenticator() {
        @Override
        public boolean allowPublish(String path, String key, String remote) {
            return true;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    };

    /** The keys of a comma-separated option value ({@code "key1, key2"}); empty for null or blank. */
    static Set<String> keysOf(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(k -> !k.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Accepts exactly the given publish keys; with none given, publishing is open. */
    static Authenticator staticKeys(Set<String> publishKeys) {
        if (publishKeys == null || publishKeys.isEmpty()) {
            return OPEN;
        }
        Set<String> keys = Set.copyOf(publishKeys);
        return (path, key, remote) -> key != null && keys.contains(key);
    }

    /**
     * For a fan-out the route publishes into: publishing is always allowed, reading needs one of {@code readKeys}
     * (with none given, reading is open).
     */
    static Authenticator readKeys(Set<String> readKeys) {
        if (readKeys == null || readKeys.isEmpty()) {
            return OPEN;
        }
        Set<String> keys = Set.copyOf(readKeys);
        return new Authenticator() {
            @Override
            public boolean allowPublish(String path, String key, String remote) {
                return true;
            }

            @Override
            public boolean allowRead(String path, String key, String remote) {
                return key != null && keys.contains(key);
            }
        };
    }
}
