package io.camelmedia.camel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.camelmedia.format.json.JsonText;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.hub.Authenticator;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Auth decided by a Camel endpoint: a user's route ({@code direct:auth}) or an HTTP hook ({@code http://...}).
 * Each request is an InOut exchange with headers {@value #ACTION}, {@value #PROTOCOL}, {@value #PATH}, {@value #KEY},
 * {@value #REMOTE} and a JSON body of the same fields; it allows when the exchange ends without an exception (HTTP:
 * a 2xx answer) and header {@value #ALLOWED} is not {@code false}. An optional reply header {@value #PATH_REPLY}
 * names the path the key maps to. Sent from a pool of {@value #THREADS} threads of the context (never the
 * caller's: that may be an event loop), at most {@value #MAX_CONCURRENT} at once (more are refused as busy), and
 * a hook that does not answer in {@link #DEFAULT_TIMEOUT} denies.
 */
public final class HookAuthenticator implements Authenticator {
    public static final String ACTION = "CamelMediaAuthAction";
    public static final String PROTOCOL = "CamelMediaAuthProtocol";
    public static final String PATH = "CamelMediaAuthPath";
    public static final String KEY = "CamelMediaAuthKey";
    public static final String REMOTE = "CamelMediaAuthRemote";
    public static final String ALLOWED = "CamelMediaAuthAllowed";
    /** The reply header naming the granted path: the request header's name, as the route sets it back. */
    public static final String PATH_REPLY = PATH;
    /** Optional reply header with the reason of a denial. */
    public static final String REASON = "CamelMediaAuthReason";
    /** Hook calls in flight: a slow hook cannot pile up unbounded exchanges. */
    public static final int MAX_CONCURRENT = 64;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Threads that send to the hook (the rest of {@link #MAX_CONCURRENT} wait in their queue). */
    static final int THREADS = 8;

    private final CamelContext context;
    private final String uri;
    private final Duration timeout;
    private final Semaphore inFlight = new Semaphore(MAX_CONCURRENT);
    private volatile AsyncProducer producer;
    private volatile ExecutorService threads;

    public HookAuthenticator(CamelContext context, String uri) {
        this(context, uri, DEFAULT_TIMEOUT);
    }

    public HookAuthenticator(CamelContext context, String uri, Duration timeout) {
        this.context = context;
        this.uri = uri;
        this.timeout = timeout;
    }

    @Override
    public boolean isOpen(AuthAction action) {
        return false;
    }

    @Override
    public CompletionStage<AuthDecision> authorize(AuthRequest r) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.completedFuture(AuthDecision.deny("auth hook busy (" + MAX_CONCURRENT + " in flight)"));
        }
        CompletableFuture<AuthDecision> decision = new CompletableFuture<>();
        decision.whenComplete((d, e) -> inFlight.release());
        try {
            // never on the caller's thread: a direct: route or a blocking HTTP client would hold an event loop
            threads().execute(() -> send(r, decision));
        } catch (RuntimeException e) {
            decision.complete(AuthDecision.deny("auth hook " + uri + " failed: " + e.getMessage()));
        }
        return decision.completeOnTimeout(AuthDecision.deny("auth hook " + uri + " did not answer in "
                + timeout.toMillis() + " ms"), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(AuthRequest r, CompletableFuture<AuthDecision> decision) {
        try {
            Exchange ex = exchange(r);
            producer().process(ex, doneSync -> decision.complete(decide(r, ex)));
        } catch (Exception e) {
            decision.complete(AuthDecision.deny("auth hook " + uri + " failed: " + e.getMessage()));
        }
    }

    private ExecutorService threads() {
        ExecutorService t = threads;
        if (t == null) {
            synchronized (this) {
                if (threads == null) {
                    threads = context.getExecutorServiceManager().newFixedThreadPool(this, "CamelMediaAuthHook", THREADS);
                }
                t = threads;
            }
        }
        return t;
    }

    private Exchange exchange(AuthRequest r) {
        Exchange ex = new DefaultExchange(context, ExchangePattern.InOut);
        ex.getIn().setHeader(ACTION, r.action().label());
        ex.getIn().setHeader(PROTOCOL, r.protocol());
        ex.getIn().setHeader(PATH, r.path());
        ex.getIn().setHeader(KEY, r.key());
        ex.getIn().setHeader(REMOTE, r.remote());
        ex.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        ex.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
        ex.getIn().setBody(json(r));
        return ex;
    }

    static String json(AuthRequest r) {
        return "{\"action\":" + JsonText.quote(r.action().label()) + ",\"protocol\":" + JsonText.quote(r.protocol())
                + ",\"path\":" + (r.path() == null ? "null" : JsonText.quote(r.path()))
                + ",\"key\":" + (r.key() == null ? "null" : JsonText.quote(r.key()))
                + ",\"remote\":" + JsonText.quote(r.remote()) + "}";
    }

    private static AuthDecision decide(AuthRequest r, Exchange ex) {
        if (ex.getException() != null) {
            return AuthDecision.deny("auth hook refused: " + ex.getException().getMessage());
        }
        Object allowed = ex.getMessage().getHeader(ALLOWED);
        if (allowed != null && "false".equalsIgnoreCase(allowed.toString().trim())) {
            String reason = ex.getMessage().getHeader(REASON, String.class);
            return AuthDecision.deny(reason != null ? reason : "auth hook refused");
        }
        String path = ex.getMessage().getHeader(PATH_REPLY, String.class);
        return AuthDecision.allow(r, path == null || path.isBlank() ? null : path.trim());
    }

    private AsyncProducer producer() throws Exception {
        AsyncProducer p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Endpoint ep = context.getEndpoint(uri);
                    AsyncProducer made = ep.createAsyncProducer();
                    ServiceHelper.startService(made);
                    producer = made;
                }
                p = producer;
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "auth hook " + uri;
    }
}
