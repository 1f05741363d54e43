package io.salus.core.usecase.trial;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.port.AccountStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.Outbox;
import io.salus.core.port.TrialLedger;
import io.salus.core.port.TrialStore;
import io.salus.core.trial.Enrolment;
import io.salus.core.trial.MilestonePayment;
import io.salus.core.trial.Study;
import io.salus.core.usecase.deal.DealAccess;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Milestone payments of a study (docs/care.md): the sponsor attests that an enrolled patient reached a milestone the
 * study declared when it was posted; the attestation and its payment's outbox message are stored in one transaction,
 * then delivered at once by TrialEscrow.payMilestone signed with the sponsor's custodial key (the escrow pays the
 * enrolment's payee, once; a repeat returns the original transaction). A chain fault leaves the message to the
 * worker. Only the study's sponsor attests ({@code TRIAL_NOT_FOUND} for anyone else); only a patient whose enrolment
 * was paid ({@code TRIAL_NOT_ENROLLED}); once per milestone ({@code TRIAL_MILESTONE_ALREADY_PAID}). Thread-safe.
 */
public final class TrialMilestones {
    private final TrialStore store;
    private final TrialLedger ledger;
    private final AccountStore accounts;
    private final KeyManager keys;
    private final Outbox outbox;
    private final Clock clock;

    public TrialMilestones(TrialStore store, TrialLedger ledger, AccountStore accounts, KeyManager keys,
            Outbox outbox, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.accounts = accounts;
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The sponsor attests milestone {@code name} for an enrolled patient; the payment as it stands afterwards. */
    public Result<MilestonePayment> attest(Account sponsor, String studyId, AccountId patient, String name) {
        Result<Study> own = SponsorStudies.id(studyId).flatMap(id -> SponsorStudies.own(store, sponsor, id));
        if (!own.isOk()) {
            return own.propagate();
        }
        Study study = own.orElseThrow();
        Optional<Integer> index = study.terms().milestoneIndex(name == null ? "" : name);
        if (index.isEmpty()) {
            return Result.fail(ErrorCode.TRIAL_MILESTONE_UNKNOWN, "study " + study.id() + " declares no milestone \""
                    + name + "\"");
        }
        Optional<Enrolment> enrolment = store.enrolment(study.id(), patient)
                .filter(e -> e.status() == Enrolment.Status.PAID);
        if (enrolment.isEmpty()) {
            return Result.fail(ErrorCode.TRIAL_NOT_ENROLLED, "patient " + patient + " is not enrolled in the study");
        }
        Instant now = clock.instant();
        if (!study.open(now)) {
            return Result.fail(ErrorCode.TRIAL_CLOSED, "study " + study.id() + " is past its deadline or refunded");
        }
        int i = index.get();
        MilestonePayment p = new MilestonePayment(study.id(), patient, enrolment.get().patientAddress(), i, name,
                study.terms().milestones().get(i).fee(), MilestonePayment.Status.PENDING, Optional.empty(),
                Optional.empty(), now);
        if (!store.attest(p, now)) {
            return Result.fail(ErrorCode.TRIAL_MILESTONE_ALREADY_PAID, "milestone \"" + name
                    + "\" was attested for this patient already");
        }
        return Result.ok(pay(p));
    }

    /** A study's attested milestones (its sponsor only). */
    public Result<List<MilestonePayment>> of(Account sponsor, String studyId) {
        return SponsorStudies.id(studyId).flatMap(id -> SponsorStudies.own(store, sponsor, id))
                .map(s -> store.milestones(s.id()));
    }

    /** Pays the milestone now; the payment as it stands afterwards. */
    MilestonePayment pay(MilestonePayment p) {
        if (p.status() != MilestonePayment.Status.PENDING) {
            return p;
        }
        Study study = store.find(p.study()).orElseThrow();
        Account sponsor = accounts.find(study.sponsor()).orElseThrow();
        Result<TxRef> tx = DealAccess.withSigningKey(accounts, keys, sponsor,
                key -> ledger.payMilestone(p.study(), p.index(), p.patientAddress(), key));
        if (tx.isOk()) {
            store.milestoneSettled(p, Optional.of(tx.orElseThrow().txHash()), Optional.empty(), clock.instant());
        } else {
            store.milestoneSettled(p, Optional.empty(), Optional.of(tx.failure().code().code() + ": "
                    + tx.failure().detail()), clock.instant());
        }
        return store.milestone(p.study(), p.patient(), p.index()).orElseThrow();
    }

    /** The worker's delivery of one due milestone message. */
    void deliver(OutboxEntry m) {
        Map<String, String> payload = m.message().payload();
        Optional<MilestonePayment> p = store.milestone(Hash32.fromHex(payload.get("studyId")), new AccountId(UUID
                .fromString(payload.get("patient"))), Integer.parseInt(payload.get("index")));
        p.ifPresentOrElse(this::pay, () -> outbox.complete(m.id(), Map.of("status", "gone"), clock.instant()));
    }
}
