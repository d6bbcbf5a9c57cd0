package io.camelmedia.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/**
 * Runs work once the Camel context has fully started: HTTP consumers cannot start while the context starts its
 * routes, and services such as a plain context's HTTP server may still be starting. A route added to a running
 * context (the control API's) runs it at once: Camel only tells a listener added then that the context started,
 * never that it fully started.
 */
public final class ContextStarted {
    private ContextStarted() {
    }

    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    public static void then(CamelContext context, Work work) throws Exception {
        if (context.isStarted()) {
            work.run();
            return;
        }
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // too early
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) throws Exception {
                work.run();
            }
        });
    }
}
