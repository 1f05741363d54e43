package io.salus.core.usecase.trial;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.port.TrialFhir;
import io.salus.core.port.TrialStore;
import io.salus.core.record.Category;
import io.salus.core.trial.Milestone;
import io.salus.core.trial.Study;
import io.salus.core.trial.StudyStatus;
import io.salus.core.trial.StudyTerms;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A sponsor posts a study: a consumer account of an organisation (whose privacy budget pays for the study's counts)
 * names a title, eligibility in the cohort criteria language, the categories and purpose a patient's consent must
 * cover, a fee per enrolled patient, a cap and a deadline. The node builds and validates the FHIR R4 ResearchStudy,
 * stores the study with its funding message (one transaction), then funds the escrow from the sponsor's account at
 * once ({@link TrialFunding}); a study whose funding was refused stays unfunded, with the reason, and invites nobody.
 * Thread-safe.
 */
public final class StudyPosting {
    private final CohortQuery cohorts;
    private final PrivacyBudget budget;
    private final TrialFhir fhir;
    private final TrialStore store;
    private final TrialFunding funding;
    private final RandomGenerator random;
    private final Clock clock;

    public StudyPosting(CohortQuery cohorts, PrivacyBudget budget, TrialFhir fhir, TrialStore store,
            TrialFunding funding, RandomGenerator random, Clock clock) {
        this.cohorts = cohorts;
        this.budget = budget;
        this.fhir = fhir;
        this.store = store;
        this.funding = funding;
        this.random = random;
        this.clock = clock;
    }

    /**
     * A sponsor's study; {@code purpose} defaults to clinical trial research (CLINTRCH); {@code milestones} (may be
     * empty) are paid per enrolled patient when the sponsor attests them ({@link TrialMilestones}).
     */
    public record Proposal(String title, String description, String criteriaJson, List<Category> categories,
            Optional<Purpose> purpose, long feePerPatient, int cap, Instant deadline, List<Milestone> milestones) {
        public Proposal {
            categories = List.copyOf(categories);
            Objects.requireNonNull(purpose, "purpose");
            milestones = List.copyOf(milestones);
        }

        /** A study without milestones. */
        public Proposal(String title, String description, String criteriaJson, List<Category> categories,
                Optional<Purpose> purpose, long feePerPatient, int cap, Instant deadline) {
            this(title, description, criteriaJson, categories, purpose, feePerPatient, cap, deadline, List.of());
        }
    }

    public Result<Study> post(Account sponsor, Proposal p) {
        Optional<String> organisation = sponsor.kind() == AccountKind.CONSUMER
                ? budget.organisationOf(sponsor.id())
                : Optional.empty();
        if (organisation.isEmpty()) {
            return Result.fail(ErrorCode.TRIAL_NOT_A_SPONSOR, "a study is posted by a consumer account that belongs "
                    + "to an organisation (its privacy budget pays for the study's counts)");
        }
        if (p.title() == null || p.title().isBlank() || p.title().length() > 200) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "a title of 1..200 characters", "title"));
        }
        if (p.categories().isEmpty()) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "name at least one category",
                    "categories"));
        }
        if (p.criteriaJson() == null) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "criteria are required", "criteria"));
        }
        Result<?> criterion = cohorts.parse(p.criteriaJson().getBytes(StandardCharsets.UTF_8));
        if (!criterion.isOk()) {
            return criterion.propagate();
        }
        Instant now = clock.instant();
        Result<StudyTerms> terms = p.deadline() == null
                ? Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "a deadline is required", "deadline"))
                : new StudyTerms(p.feePerPatient(), p.cap(), p.deadline(), p.milestones()).validate(now);
        if (!terms.isOk()) {
            return terms.propagate();
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        Hash32 id = Hash32.of(raw);
        String description = p.description() == null ? "" : p.description();
        Result<String> resource = fhir.researchStudy(new TrialFhir.StudyDraft(id.hex().substring(2), p.title(),
                description, p.criteriaJson(), organisation.get(), terms.orElseThrow().deadline()));
        if (!resource.isOk()) {
            return resource.propagate();
        }
        Study study = new Study(id, sponsor.id(), organisation.get(), p.title(), p.criteriaJson(), p.categories(),
                p.purpose().orElse(Purpose.CLINTRCH), terms.orElseThrow(), resource.orElseThrow(),
                StudyStatus.UNFUNDED, Optional.empty(), Optional.empty(), now);
        store.create(study, now);
        return Result.ok(funding.fund(study));
    }
}
