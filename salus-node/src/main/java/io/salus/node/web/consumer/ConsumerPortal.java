package io.salus.node.web.consumer;

import io.salus.core.account.AccountKind;
import io.salus.core.cohort.CodeCatalog;
import io.salus.core.usecase.job.JobQueries;
import io.salus.core.usecase.study.StudyQueries;
import io.salus.node.web.NavLink;
import io.salus.node.web.claims.ClaimsPortal;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRouter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The consumer portal: the cohort builder with a noisy count and the remaining privacy budget, and deals (post and
 * fund, match, deliver, watch, download, refund). Every change is a CSRF-protected post through the same marketplace
 * services as the API. Thread-safe.
 */
public final class ConsumerPortal implements PortalModule {
    static final String HOME = "/portal/consumer";
    private final ConsumerDesk desk;
    private final CodeCatalog catalog;
    private final JobQueries jobs;
    private final TrialPages trials;
    private final FederatedStudyPages federated;

    public ConsumerPortal(ConsumerDesk desk, CodeCatalog catalog, JobQueries jobs, TrialPages trials,
            Optional<StudyQueries> federated) {
        this.trials = trials;
        this.federated = new FederatedStudyPages(federated);
        this.desk = desk;
        this.catalog = catalog;
        this.jobs = jobs;
    }

    @Override
    public Set<AccountKind> kinds() {
        return Set.of(AccountKind.CONSUMER);
    }

    @Override
    public String home() {
        return HOME;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(HOME, "Cohort builder"), new NavLink(DealPages.DEALS, "Deals"),
                new NavLink(JobPages.JOBS, "Jobs"), new NavLink(TrialPages.TRIALS, "Studies"),
                new NavLink(FederatedStudyPages.STUDIES, "Federated studies"),
                new NavLink(ClaimsPortal.HOME, "Claims"));
    }

    @Override
    public void routes(PortalRouter router) {
        CohortPage cohort = new CohortPage(desk, catalog);
        DealPages deals = new DealPages(desk);
        router.page(HOME, cohort::page);
        router.fragment(HOME + "/codes", cohort::codes);
        router.jsonAction(HOME + "/count", cohort::count);
        router.page(DealPages.DEALS, deals::list);
        router.action(DealPages.DEALS, deals::post);
        router.page(DealPages.DEALS + "/{dealId}", deals::detail);
        router.fragment(DealPages.DEALS + "/{dealId}/status", deals::status);
        router.download(DealPages.DEALS + "/{dealId}/package", deals::packageFile);
        router.action(DealPages.DEALS + "/{dealId}/match", deals::match);
        router.action(DealPages.DEALS + "/{dealId}/deliver", deals::deliver);
        router.action(DealPages.DEALS + "/{dealId}/refund", deals::refund);
        router.page(TrialPages.TRIALS, trials::list);
        router.action(TrialPages.TRIALS, trials::post);
        router.page(TrialPages.TRIALS + "/{studyId}", trials::detail);
        router.action(TrialPages.TRIALS + "/{studyId}/count", trials::count);
        router.action(TrialPages.TRIALS + "/{studyId}/invitations", trials::invite);
        router.notice("study-posted", "The study is posted; its escrow is funded unless the page says otherwise.");
        router.notice("study-counted", "Counted: a differentially private number, charged to your budget.");
        router.notice("study-invited", "Invitations went to the eligible consenting patients not invited yet.");
        router.page(FederatedStudyPages.STUDIES, federated::list);
        router.page(FederatedStudyPages.STUDIES + "/{studyId}", federated::detail);
        router.action(FederatedStudyPages.STUDIES + "/{studyId}/settle", federated::settle);
        router.notice("study-settled", "Settled: every member's part and the deal paid each contributing patient, "
                + "and the settlement released the model's key to you.");
        JobPages jobPages = new JobPages(jobs);
        router.page(JobPages.JOBS, jobPages::list);
        router.page(JobPages.JOBS + "/{jobId}", jobPages::detail);
        router.action(JobPages.JOBS + "/{jobId}/settle", jobPages::settle);
        router.notice("settled", "Settled: the deal paid each patient whose data the job used, and the settlement "
                + "released the result's key to you.");
        router.notice("posted", "The deal is posted and its escrow funded on chain.");
        router.notice("matched", "Matched: the released cohort size is differentially private; a size of 'fewer than "
                + "11' commits nothing and the deal cannot be delivered (match again later, at a new charge); "
                + "otherwise the cohort's root is committed on chain.");
        router.notice("delivered", "The package is delivered: the payments settled on chain, and the settlement "
                + "released the package's key to you.");
        router.notice("refunded", "The unspent escrow is refunded.");
    }
}
