package io.salus.core.usecase.emergency;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Decision;
import io.salus.core.consent.DelegationScope;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.emergency.BreakGlassReview;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.EmergencyStore;
import io.salus.core.usecase.consent.DecisionPoint;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every emergency access is reviewed afterwards: an auditor (or the operator) marks it justified or not, once; the
 * patient, their delegates receiving alerts and reviewers read a patient's emergency accesses with their reviews.
 * Nobody else does ({@code DELEGATION_SCOPE} or the decision point's code). Thread-safe.
 */
public final class BreakGlassReviews {
    private static final EnumSet<AccountKind> REVIEWERS = EnumSet.of(AccountKind.AUDITOR, AccountKind.OPERATOR);
    private static final int MAX_NOTE = 2000;
    private final AccountStore accounts;
    private final EmergencyStore store;
    private final DecisionPoint decisionPoint;
    private final Clock clock;

    public BreakGlassReviews(AccountStore accounts, EmergencyStore store, DecisionPoint decisionPoint, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.decisionPoint = decisionPoint;
        this.clock = clock;
    }

    public Result<BreakGlassAccess> review(Account reviewer, UUID access, boolean justified, String note) {
        if (!REVIEWERS.contains(reviewer.kind())) {
            return Result.fail(ErrorCode.EMERGENCY_NOT_A_REVIEWER, reviewer.kind() + " accounts do not review");
        }
        String n = note == null ? "" : note.strip();
        if (n.length() > MAX_NOTE) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "a note of at most " + MAX_NOTE + " characters",
                    "note"));
        }
        Optional<BreakGlassAccess> found = store.find(access);
        if (found.isEmpty()) {
            return Result.fail(ErrorCode.EMERGENCY_ACCESS_NOT_FOUND, "no emergency access " + access);
        }
        BreakGlassReview r = new BreakGlassReview(reviewer.id(), justified, n, clock.instant());
        if (!store.review(access, r)) {
            return Result.fail(ErrorCode.EMERGENCY_ALREADY_REVIEWED, "emergency access " + access
                    + " was already reviewed");
        }
        return Result.ok(found.get().reviewed(r));
    }

    /** The accesses waiting for a review, oldest first (reviewers only). */
    public Result<List<BreakGlassAccess>> pending(Account reviewer, int limit) {
        if (!REVIEWERS.contains(reviewer.kind())) {
            return Result.fail(ErrorCode.EMERGENCY_NOT_A_REVIEWER, reviewer.kind() + " accounts do not review");
        }
        return Result.ok(store.unreviewed(limit));
    }

    /** A patient's emergency accesses with their reviews, newest first. */
    public Result<List<BreakGlassAccess>> log(Account actor, AccountId patientId, int limit) {
        Optional<Account> patient = accounts.find(patientId).filter(p -> p.kind() == AccountKind.PATIENT);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + patientId);
        }
        if (!REVIEWERS.contains(actor.kind())) {
            Decision may = decisionPoint.decideScope(actor, patient.get(), DelegationScope.RECEIVE_ALERTS,
                    clock.instant());
            if (!may.permitted()) {
                return Result.fail(Failure.of(may.code().orElseThrow(), "only the patient, a delegate receiving "
                        + "their alerts or a reviewer: " + may.reason()));
            }
        }
        return Result.ok(store.forPatient(patientId, limit));
    }
}
