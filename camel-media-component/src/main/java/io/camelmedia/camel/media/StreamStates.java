package io.camelmedia.camel.media;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-stream state of a step: a map bounded to maxStreams, the least recently used entry dropped first. */
final class StreamStates {
    private StreamStates() {
    }

    /** An access-ordered map that drops its eldest entry above {@code max}; callers synchronize on it. */
    static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
