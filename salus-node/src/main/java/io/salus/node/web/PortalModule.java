package io.salus.node.web;

import io.salus.core.account.AccountKind;
import java.util.List;
import java.util.Set;

/**
 * One portal (patient, consumer, auditor): the kinds of account it serves, its home page and navigation, and its
 * routes. Routes registered through the router handed to {@link #routes} are only reachable by a signed-in account of
 * one of {@link #kinds}; state-changing ones also need the session's CSRF token.
 */
public interface PortalModule {
    Set<AccountKind> kinds();

    /** The path a signed-in account of these kinds lands on, e.g. {@code /portal/patient}. */
    String home();

    List<NavLink> nav();

    void routes(PortalRouter router);
}
