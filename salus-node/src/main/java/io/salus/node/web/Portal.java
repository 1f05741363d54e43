package io.salus.node.web;

import io.javalin.config.JavalinConfig;
import io.salus.core.account.AccountId;
import io.salus.core.port.SessionStore;
import io.salus.core.usecase.AccountService;
import io.salus.node.http.RateLimits;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The web portals, served by the node's Javalin app under {@code /portal}: server-rendered HTML pages that call the
 * same use cases as the API (so the same decision point authorises every read and change). Sign-in, sign-out and the
 * assets are common; each {@link PortalModule} (patient, consumer, auditor) brings its own pages. See
 * {@code docs/portal.md}.
 */
public final class Portal {
    private final PortalGate gate;
    private final List<PortalModule> modules;
    private final RateLimits limits;

    /**
     * @param clock the sessions' clock (tests use one they can advance)
     * @param random the source of session ids and CSRF tokens
     * @param closed accounts that are signed out and cannot sign in (erased patients)
     * @param limits failed sign-ins per client address (shared with the API's bearer tokens), sessions per account
     * @param sessions where sessions are kept (memory, or the database the node's instances share)
     */
    public Portal(AccountService accounts, PortalSettings settings, Clock clock, SecureRandom random,
            List<PortalModule> modules, Predicate<AccountId> closed, RateLimits limits, SessionStore sessions) {
        this.limits = limits;
        this.modules = List.copyOf(modules);
        this.gate = new PortalGate(new Sessions(sessions, clock, settings.idleTimeout(), random), accounts, settings,
                this.modules, closed);
    }

    /** Registers sign-in, sign-out, the assets and every module's pages on the app. */
    public void register(JavalinConfig config) {
        PortalRouter common = new PortalRouter(config, gate, Set.of());
        Assets.register(common);
        new SignIn(gate, limits).routes(common);
        new WalletPage(gate).routes(common);
        for (PortalModule m : modules) {
            m.routes(new PortalRouter(config, gate, m.kinds()));
        }
    }
}
