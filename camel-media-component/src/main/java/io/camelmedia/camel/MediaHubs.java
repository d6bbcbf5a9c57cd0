package io.camelmedia.camel;

import io.camelmedia.hub.StreamHub;
import org.apache.camel.CamelContext;

/**
 * The one {@link StreamHub} of a Camel context: every ingest claims its path there, so a path is live once
 * whatever the protocol. A hub bound in the registry as {@value #NAME} (with the user's authenticator) is used;
 * otherwise an open one is made and bound at first use.
 */
public final class MediaHubs {
    public static final String NAME = "camelMediaHub";

    private MediaHubs() {
    }

    public static StreamHub of(CamelContext context) {
        synchronized (context) {
            StreamHub hub = context.getRegistry().lookupByNameAndType(NAME, StreamHub.class);
            if (hub == null) {
                hub = new StreamHub();
                context.getRegistry().bind(NAME, StreamHub.class, hub);
            }
            return hub;
        }
    }
}
