package io.camelmedia.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Several mechanisms at once (static keys, a hook, JWT): for each action only the mechanisms that guard it
 * (not {@link Authenticator#isOpen}) are asked, in order, and the first that allows decides the path; with none
 * guarding the action it is open. So publish may take static keys while read takes JWTs.
 */
public final class AnyAuthenticator implements Authenticator {
    private final List<Authenticator> mechanisms;

    public AnyAuthenticator(List<Authenticator> mechanisms) {
        this.mechanisms = List.copyOf(mechanisms);
    }

    @Override
    public boolean isOpen(AuthAction action) {
        return mechanisms.stream().allMatch(m -> m.isOpen(action));
    }

    @Override
    public CompletionStage<AuthDecision> authorize(AuthRequest r) {
        List<Authenticator> asked = new ArrayList<>();
        for (Authenticator m : mechanisms) {
            if (!m.isOpen(r.action())) {
                asked.add(m);
            }
        }
        return asked.isEmpty() ? CompletableFuture.completedFuture(AuthDecision.allow(r)) : ask(asked, 0, r, null);
    }

    private static CompletionStage<AuthDecision> ask(List<Authenticator> asked, int i, AuthRequest r, String reasons) {
        return asked.get(i).authorize(r).thenCompose(d -> {
            if (d.allowed()) {
                return CompletableFuture.completedFuture(d);
            }
            String all = reasons == null ? d.reason() : reasons + "; " + d.reason();
            return i + 1 < asked.size() ? ask(asked, i + 1, r, all) : CompletableFuture.completedFuture(AuthDecision.deny(all));
        });
    }

    @Override
    public String toString() {
        return mechanisms.size() == 1 ? mechanisms.get(0).toString() : mechanisms.toString();
    }
}
