package io.salus.node.web.claims;

import io.salus.core.account.AccountKind;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRouter;
import java.util.List;
import java.util.Set;

/**
 * The claims pages (docs/care.md) for the three parties of a claim: providers (whose portal this is: they land on
 * it; they submit claims), patients and insurers (consumer accounts, who publish coverage here; their own portals link
 * to it). Each sees only their own claims.
 */
public final class ClaimsPortal implements PortalModule {
    public static final String HOME = "/portal/claims";
    static final String COVERAGE = HOME + "/coverage";
    private final ClaimsPage page;

    public ClaimsPortal(ClaimsPage page) {
        this.page = page;
    }

    @Override
    public Set<AccountKind> kinds() {
        return Set.of(AccountKind.PHYSICIAN, AccountKind.PHARMACY, AccountKind.HOSPITAL, AccountKind.PATIENT,
                AccountKind.CONSUMER);
    }

    @Override
    public String home() {
        return HOME;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(HOME, "Claims"));
    }

    @Override
    public void routes(PortalRouter router) {
        router.page(HOME, page::show);
        router.action(HOME, page::submit);
        router.notice("claim-submitted", "The claim was submitted and adjudicated; its outcome is below.");
        router.action(COVERAGE, page::publish);
        router.notice("coverage-published", "The coverage was published; providers may claim against it.");
    }
}
