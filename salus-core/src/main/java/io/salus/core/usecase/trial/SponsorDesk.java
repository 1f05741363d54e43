package io.salus.core.usecase.trial;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.cohort.Criterion;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.TrialLedger;
import io.salus.core.port.TrialStore;
import io.salus.core.trial.Enrolment;
import io.salus.core.trial.Study;
import io.salus.core.trial.StudyStatus;
import io.salus.core.usecase.deal.Discovery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sponsor does with its own studies after posting them, and all it ever learns about patients: a
 * differentially private count of the eligible consenting patients (discovery's count on the organisation's privacy
 * budget), invitations sent to them (the sponsor learns nothing from sending them, not even how many), the
 * enrolments of the patients who accepted (the only patients it ever sees), retrying an unfunded study's funding, and
 * the refund after the deadline. Another caller gets {@code TRIAL_NOT_FOUND}. Thread-safe.
 */
public final class SponsorDesk {
    private final TrialStore store;
    private final CohortQuery cohorts;
    private final Discovery discovery;
    private final AccountStore accounts;
    private final TrialFunding funding;
    private final TrialLedger ledger;
    private final Clock clock;

    public SponsorDesk(TrialStore store, CohortQuery cohorts, Discovery discovery, AccountStore accounts,
            TrialFunding funding, TrialLedger ledger, Clock clock) {
        this.store = store;
        this.cohorts = cohorts;
        this.discovery = discovery;
        this.accounts = accounts;
        this.funding = funding;
        this.ledger = ledger;
        this.clock = clock;
    }

    public List<Study> studies(Account sponsor, int limit) {
        return store.ofSponsor(sponsor.id(), limit);
    }

    public Result<Study> study(Account sponsor, String id) {
        return SponsorStudies.id(id).flatMap(h -> SponsorStudies.own(store, sponsor, h));
    }

    /** The noisy count of eligible patients whose standing consent covers the study, charged to the budget. */
    public Result<Discovery.Count> count(Account sponsor, String id, String epsilon) {
        return study(sponsor, id).flatMap(s -> discovery.count(sponsor,
                s.criteriaJson().getBytes(StandardCharsets.UTF_8), s.categories(), s.purpose(), epsilon));
    }

    /**
     * Invites every eligible consenting patient not invited yet; the number is not returned to the sponsor (the
     * caller gets the study back). Only a funded study before its deadline invites.
     */
    public Result<Study> invite(Account sponsor, String id) {
        return study(sponsor, id).flatMap(s -> open(s).flatMap(x -> eligible(s, sponsor)).map(patients -> {
            store.invite(s.id(), patients, clock.instant());
            return s;
        }));
    }

    /** The enrolled patients (who accepted): the only patients a sponsor sees. */
    public Result<List<Enrolment>> enrolments(Account sponsor, String id) {
        return study(sponsor, id).map(s -> store.enrolments(s.id()));
    }

    /** Funds an unfunded study again (after the sponsor received tokens). */
    public Result<Study> fund(Account sponsor, String id) {
        return study(sponsor, id).map(funding::fund);
    }

    /** After the deadline: what was not paid goes back to the sponsor. */
    public Result<Study> refund(Account sponsor, String id) {
        return study(sponsor, id).flatMap(s -> {
            if (s.status() != StudyStatus.FUNDED) {
                return Result.fail(ErrorCode.TRIAL_NOT_FUNDED, "study " + s.id() + " is " + s.status());
            }
            return ledger.refund(s.id()).map(t -> {
                store.refunded(s.id(), t.txHash());
                return store.find(s.id()).orElseThrow();
            });
        });
    }

    static Result<Study> open(Study s, Clock clock) {
        if (s.status() == StudyStatus.UNFUNDED) {
            return Result.fail(ErrorCode.TRIAL_NOT_FUNDED, "study " + s.id() + " is not funded on chain"
                    + s.fundingError().map(e -> ": " + e).orElse(""));
        }
        if (!s.open(clock.instant())) {
            return Result.fail(ErrorCode.TRIAL_CLOSED, "study " + s.id() + " closed at " + s.terms().deadline());
        }
        return Result.ok(s);
    }

    private Result<Study> open(Study s) {
        return open(s, clock);
    }

    /** The patient accounts matching the study with a standing consent for its categories and purpose, now. */
    Result<List<AccountId>> eligible(Study s, Account sponsor) {
        return criterion(cohorts, s).flatMap(c -> cohorts.eligible(sponsor, c, s.categories(), s.purpose()))
                .map(addresses -> {
                    List<AccountId> ids = new ArrayList<>();
                    for (EvmAddress a : addresses) {
                        accounts.findByAddress(a).filter(p -> p.kind() == AccountKind.PATIENT)
                                .ifPresent(p -> ids.add(p.id()));
                    }
                    return ids;
                });
    }

    static Result<Criterion> criterion(CohortQuery cohorts, Study s) {
        return cohorts.parse(s.criteriaJson().getBytes(StandardCharsets.UTF_8));
    }
}
