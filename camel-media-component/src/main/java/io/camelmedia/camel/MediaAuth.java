package io.camelmedia.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.camelmedia.hub.AnyAuthenticator;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.hub.GuardedAuthenticator;
import io.camelmedia.hub.KeyRules;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link Authenticator} of a Camel context, which every endpoint asks (unless it is given its own
 * {@code authenticator}). An Authenticator bound in the registry as {@value #NAME} is used; otherwise one is built
 * at first use from the context's properties: {@value #PUBLISH}, {@value #READ}, {@value #API} (comma-separated
 * {@code path=key} rules, {@link KeyRules}), {@value #HOOK} (an endpoint URI that decides, {@link HookAuthenticator})
 * and {@value #JWKS_URL} / {@value #JWT_CLAIM} (JWT, {@link JwtAuthenticator}); with none of them every action is
 * open, and the log says which are. Either way it is wrapped once in a {@link GuardedAuthenticator} (failures
 * logged, counted, slowed) and bound under {@value #NAME}.
 */
public final class MediaAuth {
    public static final String NAME = "camelMediaAuth";
    public static final String PUBLISH = "camel.media.auth.publish";
    public static final String READ = "camel.media.auth.read";
    public static final String API = "camel.media.auth.api";
    public static final String HOOK = "camel.media.auth.hook";
    public static final String JWKS_URL = "camel.media.auth.jwt.jwks-url";
    public static final String JWT_CLAIM = "camel.media.auth.jwt.claim";
    private static final Logger LOG = LoggerFactory.getLogger(MediaAuth.class);

    private MediaAuth() {
    }

    /** The context's authenticator, guarded; built and bound at first use. */
    public static GuardedAuthenticator of(CamelContext context) {
        synchronized (context) {
            Authenticator bound = context.getRegistry().lookupByNameAndType(NAME, Authenticator.class);
            if (bound instanceof GuardedAuthenticator g) {
                return g;
            }
            GuardedAuthenticator g = new GuardedAuthenticator(bound != null ? bound : fromProperties(context));
            context.getRegistry().bind(NAME, Authenticator.class, g);
            logOpenActions(g);
            return g;
        }
    }

    /** An endpoint's own authenticator when it has one (guarded), else the context's. */
    public static Authenticator forEndpoint(CamelContext context, Authenticator own) {
        if (own == null) {
            return of(context);
        }
        return own instanceof GuardedAuthenticator ? own : new GuardedAuthenticator(own);
    }

    static Authenticator fromProperties(CamelContext context) {
        List<Authenticator> mechanisms = new ArrayList<>();
        KeyRules rules = KeyRules.parse(property(context, PUBLISH).orElse(null), property(context, READ).orElse(null),
                property(context, API).orElse(null));
        mechanisms.add(rules);
        property(context, HOOK).ifPresent(uri -> mechanisms.add(new HookAuthenticator(context, uri)));
        property(context, JWKS_URL).ifPresent(url -> mechanisms.add(new JwtAuthenticator(context, url,
                property(context, JWT_CLAIM).orElse(JwtAuthenticator.DEFAULT_CLAIM))));
        return mechanisms.size() == 1 ? rules : new AnyAuthenticator(mechanisms);
    }

    private static Optional<String> property(CamelContext context, String name) {
        return context.getPropertiesComponent().resolveProperty(name).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static void logOpenActions(Authenticator a) {
        List<String> open = new ArrayList<>();
        for (AuthAction action : AuthAction.values()) {
            if (a.isOpen(action)) {
                open.add(action.label());
            }
        }
        if (open.isEmpty()) {
            LOG.info("camel-media auth: {}", a);
        } else {
            LOG.warn("camel-media auth: anyone may {} (set {}, {}, {}, {} or {} to require keys){}", String.join(", ", open),
                    PUBLISH, READ, API, HOOK, JWKS_URL, open.size() < AuthAction.values().length ? "; " + a : "");
        }
    }
}
