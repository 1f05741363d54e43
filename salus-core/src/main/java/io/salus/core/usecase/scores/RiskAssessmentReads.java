package io.salus.core.usecase.scores;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Decision;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.RiskStore;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.DecisionPoint;
import io.salus.core.usecase.consent.RecordRelease;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The patient's kept risk scores ({@link RiskHistory}) read as FHIR {@code RiskAssessment}s (the FHIR API's search and
 * read). The patient reads their own. Anyone else must hold the patient's delegation with {@code VIEW_RECORDS} in force
 * (decided against the chain head) and then be permitted every category a score is computed from
 * ({@link #INPUT_CATEGORIES}, decided, audited and logged on chain as any release, {@link RecordRelease#recheck}); a
 * score derived from categories the caller may not see is never shown. Everyone else is refused with
 * {@code DELEGATION_SCOPE}, and a score id of another patient is "not found". Thread-safe.
 */
public final class RiskAssessmentReads {
    /** The categories the scores read their inputs from ({@link RiskAssessments#READ_TYPES}). */
    public static final Set<Category> INPUT_CATEGORIES = EnumSet.of(Category.DEMOGRAPHICS, Category.CONDITIONS,
            Category.MEDICATIONS, Category.LAB_RESULTS, Category.VITAL_SIGNS);
    private final RiskStore store;
    private final KeyManager keys;
    private final AccountStore accounts;
    private final DecisionPoint decisionPoint;
    private final RecordRelease release;
    private final Clock clock;

    /** One kept score and its patient. */
    public record Kept(AccountId patient, ScorePoint point) {
    }

    public RiskAssessmentReads(RiskStore store, KeyManager keys, AccountStore accounts, DecisionPoint decisionPoint,
            RecordRelease release, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.accounts = accounts;
        this.decisionPoint = decisionPoint;
        this.release = release;
        this.clock = clock;
    }

    /** The patient's kept scores, newest first (at most {@link RiskHistory#MAX_POINTS}), once the caller may see them. */
    public Result<List<Kept>> of(Account actor, AccountId patient, Purpose purpose) {
        return authorize(actor, patient, purpose).map(ok -> {
            List<Kept> out = new ArrayList<>();
            for (RiskStore.StoredScore s : store.scores(patient, RiskHistory.MAX_POINTS)) {
                open(s).ifPresent(out::add);
            }
            return out;
        });
    }

    /**
     * One kept score by id; {@code ownerOnly} (an app acting for its patient) makes another patient's score "not
     * found".
     */
    public Result<Kept> find(Account actor, UUID id, Purpose purpose, boolean ownerOnly) {
        Optional<RiskStore.StoredScore> s = store.score(id);
        if (s.isEmpty() || ownerOnly && !s.get().patient().equals(actor.id())) {
            return Result.fail(ErrorCode.RECORD_NOT_FOUND, "no RiskAssessment/" + id);
        }
        return authorize(actor, s.get().patient(), purpose).flatMap(ok -> open(s.get()).map(Result::ok).orElseGet(
                () -> Result.fail(ErrorCode.RECORD_NOT_FOUND, "no RiskAssessment/" + id)));
    }

    /**
     * Whether the caller may see the patient's scores now: the patient; or a delegate with {@code VIEW_RECORDS} whom
     * the decision point permits every input category (audited). Used again for every later page of a search.
     */
    public Result<Set<Category>> authorize(Account actor, AccountId patientId, Purpose purpose) {
        if (actor.id().equals(patientId)) {
            return Result.ok(INPUT_CATEGORIES);
        }
        Optional<Account> patient = accounts.find(patientId).filter(p -> p.kind() == AccountKind.PATIENT);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + patientId);
        }
        Decision scope = decisionPoint.decideScope(actor, patient.get(), DelegationScope.VIEW_RECORDS, clock
                .instant());
        if (!scope.permitted()) {
            return Result.fail(ErrorCode.DELEGATION_SCOPE, "only the patient and delegates with VIEW_RECORDS read "
                    + "the patient's risk assessments");
        }
        return release.recheck(actor, patientId, INPUT_CATEGORIES, purpose);
    }

    private Optional<Kept> open(RiskStore.StoredScore s) {
        Result<Kept> opened = keys.open(s.sealed(), ScorePayload.associatedData(s.id(), s.patient(), s.model())).map(
                c -> new Kept(s.patient(), ScorePayload.decode(c, s.id(), s.model(), s.computedAt())));
        return opened.isOk() ? Optional.of(opened.orElseThrow()) : Optional.empty();
    }
}
