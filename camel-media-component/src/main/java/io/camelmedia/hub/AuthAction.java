package io.camelmedia.hub;

import java.util.Locale;

/** What a client asks to do: publish a stream, read one, or call the control API. */
public enum AuthAction {
    PUBLISH, READ, API;

    /** {@code "publish"}, {@code "read"}, {@code "api"}: the names of properties, hook headers and JWT claims. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
