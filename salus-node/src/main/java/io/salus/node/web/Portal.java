package io.salus.node.web;

import io.javalin.config.JavalinConfig;
import io.salus.core.usecase.AccountService;
import io.salus.node.http.ApiServices;
import io.salus.node.web.patient.PatientPortal;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The web portals, served by the node's Javalin app under {@code /portal}: server-rendered HTML pages that call the
 * same use cases as the API (so the same decision point authorises every read and change). See
 * {@code docs/portal.md}.
 */
public final class Portal {
    private Portal() {
    }

    /**
     * Registers the portals on the API's Javalin configuration (called once from {@code HttpApi.start}), with extra
     * modules that share the portal's sign-in and sessions (the SMART consent page).
     */
    public static void register(JavalinConfig config, ApiServices services, List<PortalModule> extra) {
        List<PortalModule> modules = modules(services);
        modules.addAll(extra);
        install(config, services.accounts(), PortalSettings.from(System.getenv()), services.consent().clock(),
                modules, services.erasure().erased()::contains);
    }

    /** The portal modules, one per audience. */
    static List<PortalModule> modules(ApiServices services) {
        List<PortalModule> modules = new ArrayList<>();
        modules.add(new PatientPortal(services));
        modules.add(new io.salus.node.web.consumer.ConsumerPortal(services));
        modules.add(new io.salus.node.web.auditor.AuditorPortal(services));
        return modules;
    }

    /**
     * Registers sign-in, sign-out, the assets and the given modules with explicit settings and clock (tests use a
     * clock they can advance).
     */
    public static void install(JavalinConfig config, AccountService accounts, PortalSettings settings, Clock clock,
            List<PortalModule> modules) {
        install(config, accounts, settings, clock, modules, id -> false);
    }

    /** As above; {@code closed} accounts (erased patients) are signed out and cannot sign in. */
    public static void install(JavalinConfig config, AccountService accounts, PortalSettings settings, Clock clock,
            List<PortalModule> modules, java.util.function.Predicate<io.salus.core.account.AccountId> closed) {
        PortalGate gate = new PortalGate(new Sessions(clock, settings.idleTimeout(), new SecureRandom()), accounts,
                settings, modules, closed);
        PortalRouter common = new PortalRouter(config, gate, java.util.Set.of());
        Assets.register(common);
        new SignIn(gate).routes(common);
        for (PortalModule m : modules) {
            m.routes(new PortalRouter(config, gate, m.kinds()));
        }
    }
}
